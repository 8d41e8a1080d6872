package io.cdcsdk.dms.internal;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Files the fast path leaves to the Avro path, which reads them as before, and failures, which
 * both paths report alike.
 */
class ParquetRowsAvroPathTest {
    @TempDir
    Path dir;
    private int files;

    @Test
    void nestedGroupsAndListsGoThroughAvro() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m {"
                + " required int32 id;"
                + " optional group address { optional binary city (STRING); optional int32 zip; }"
                + " optional group tags (LIST) { repeated group list { optional binary element (STRING); } }"
                + "}");
        Path file = write(schema, Map.of(), g -> {
            g.add("id", 1);
            Group address = g.addGroup("address");
            address.add("city", "Reims");
            address.add("zip", 51100);
            Group tags = g.addGroup("tags");
            tags.addGroup("list").add("element", "a");
            tags.addGroup("list").add("element", "b");
        });
        try (ParquetRows rows = new ParquetRows(file)) {
            assertFalse(rows.fastPath());
            Object[] row = rows.next();
            assertArrayEquals(new String[] {"id", "address", "tags"}, rows.names());
            assertEquals(new BigDecimal(1), row[0]);
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("city", "Reims");
            address.put("zip", new BigDecimal(51100));
            assertEquals(address, row[1]);
            assertEquals(List.of(Map.of("element", "a"), Map.of("element", "b")), row[2]);
            assertNull(rows.next());
        }
    }

    /** parquet-avro cannot read a repeated primitive at the top level: the file fails as before. */
    @Test
    void aRepeatedColumnGoesThroughAvro() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m { required int32 id; repeated int64 scores; }");
        Path file = write(schema, Map.of(), g -> g.append("id", 1).append("scores", 7L).append("scores", -8L));
        assertSameFailure(file, false, 0, null);
    }

    @Test
    void anUnknownAnnotationGoesThroughAvro() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m {"
                + " required binary Op (STRING); optional fixed_len_byte_array(16) u (UUID); }");
        byte[] uuid = new byte[16];
        uuid[15] = 1;
        Path file = write(schema, Map.of(), g -> g.append("Op", "I").append("u", Binary.fromConstantByteArray(uuid)));
        try (ParquetRows rows = new ParquetRows(file)) {
            assertFalse(rows.fastPath());
            assertArrayEquals(new Object[] {"I", "00000000-0000-0000-0000-000000000001"}, rows.next());
        }
    }

    /** An Avro writer's schema that reads a column otherwise than the Parquet type says. */
    @Test
    void anAvroSchemaThatDisagreesWithTheFastPathGoesThroughAvro() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message r { required binary Op (STRING); required int64 ts; }");
        String avro = "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"Op\",\"type\":\"string\"},"
                + "{\"name\":\"ts\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-nanos\"}}]}";
        Path file = write(schema, Map.of("parquet.avro.schema", avro),
                g -> g.append("Op", "U").append("ts", 1_700_000_000_123_456_789L));
        try (ParquetRows rows = new ParquetRows(file)) {
            assertFalse(rows.fastPath());
            assertArrayEquals(new Object[] {"U", "2023-11-14T22:13:20.123456789Z"}, rows.next());
        }
    }

    /** Avro cannot name such a column: the file fails on first read, on the Avro path as before. */
    @Test
    void aColumnNameAvroRejectsFailsAsBefore() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m { required binary Op (STRING); optional int32 my-col; }");
        Path file = write(schema, Map.of(), g -> g.append("Op", "I").append("my-col", 1));
        assertSameFailure(file, false, 0, null);
    }

    @Test
    void aValueAConversionRejectsFailsAtItsRowOnBothPaths() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m { required int32 t (TIME(MILLIS,true)); }");
        Path file = write(schema, Map.of(), g -> g.append("t", 1_000), g -> g.append("t", 2_000),
                g -> g.append("t", -1), g -> g.append("t", 3_000));
        assertSameFailure(file, true, 2, DateTimeException.class);
    }

    @Test
    void anEmptyBinaryDecimalFailsAtItsRowOnBothPaths() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m { optional binary d (DECIMAL(10,2)); }");
        Path file = write(schema, Map.of(), g -> g.append("d", Binary.fromConstantByteArray(new byte[] {1})),
                g -> g.append("d", Binary.fromConstantByteArray(new byte[0])));
        assertSameFailure(file, true, 1, NumberFormatException.class);
    }

    /**
     * Both paths give the same rows before row {@code failing}, then fail there with the same
     * exception, whose cause is a {@code cause} where that is given.
     */
    private static void assertSameFailure(Path file, boolean fastPath, int failing, Class<? extends Throwable> cause)
            throws IOException {
        try (ParquetRows fast = new ParquetRows(file); ParquetRows avro = new ParquetRows(file, false)) {
            assertEquals(fastPath, fast.fastPath());
            for (int i = 0; i < failing; i++) {
                assertArrayEquals(avro.next(), fast.next());
            }
            Exception expected = assertThrows(Exception.class, avro::next);
            Exception actual = assertThrows(Exception.class, fast::next);
            assertEquals(expected.getClass(), actual.getClass());
            if (cause != null) {
                assertInstanceOf(ParquetDecodingException.class, actual);
                assertInstanceOf(cause, expected.getCause());
                assertInstanceOf(cause, actual.getCause());
            }
        }
    }

    @SafeVarargs
    private Path write(MessageType schema, Map<String, String> metadata, Consumer<Group>... rows) throws IOException {
        Path file = dir.resolve("f" + files++ + ".parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withExtraMetaData(metadata).build()) {
            for (Consumer<Group> row : rows) {
                Group g = groups.newGroup();
                row.accept(g);
                w.write(g);
            }
        }
        return file;
    }
}
