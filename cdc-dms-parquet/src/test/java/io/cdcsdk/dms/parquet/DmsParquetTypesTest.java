package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.dms.TableDefinitions;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A CDC Parquet file with the types DMS writes, compressed with GZIP (DMS's {@code CompressionType}),
 * written here with parquet's example writer.
 */
class DmsParquetTypesTest {
    @TempDir
    Path dir;

    @Test
    void cdcFileWithOpAndAllDmsTypes() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message schema {"
                + " optional binary Op (STRING);"
                + " required binary ts_col (STRING);"
                + " optional int32 id;"
                + " optional int32 small (INTEGER(16,true));"
                + " optional int32 u8 (INTEGER(8,false));"
                + " optional int32 u32 (INTEGER(32,false));"
                + " optional int64 u64 (INTEGER(64,false));"
                + " optional fixed_len_byte_array(9) amount (DECIMAL(20,6));"
                + " optional int64 t_micros (TIMESTAMP(MICROS,true));"
                + " optional int64 t_millis (TIMESTAMP(MILLIS,true));"
                + " optional int32 d (DATE);"
                + " optional boolean flag;"
                + " optional binary blob;"
                + " optional binary name (STRING);"
                + " optional binary before_id (STRING);"
                + "}");
        Path file = dir.resolve("20240101-000000000.parquet");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withCompressionCodec(CompressionCodecName.GZIP).build()) {
            Group g = f.newGroup()
                    .append("Op", "U")
                    .append("ts_col", "2024-01-01 10:00:00.123456")
                    .append("id", 7)
                    .append("small", -12)
                    .append("u8", 250)
                    .append("u32", (int) 4_000_000_000L)
                    .append("u64", -1L)
                    .append("amount", Binary.fromConstantByteArray(fixed(new BigDecimal("-12345678901234.567890"), 9)))
                    .append("t_micros", 1_700_000_000_123_456L)
                    .append("t_millis", 1_700_000_000_123L)
                    .append("d", (int) LocalDate.parse("2024-02-29").toEpochDay())
                    .append("flag", true)
                    .append("blob", Binary.fromConstantByteArray(new byte[] {0, 1, (byte) 0xff}))
                    .append("name", "x")
                    .append("before_id", "6");
            w.write(g);
            Group del = f.newGroup().append("Op", "D").append("ts_col", "2024-01-01 10:00:01").append("id", 7);
            w.write(del);
        }
        TableDefinitions defs = TableDefinitions.builder().add(new TableDefinitions.Table("s", "t",
                List.of("id", "small", "u8", "u32", "u64", "amount", "t_micros", "t_millis", "d", "flag", "blob", "name"),
                List.of("id"), "ts_col", List.of("before_id"), null, "before_")).build();
        List<ChangeEvent> events = Golden.readAll(new DmsParquetAdapter().open(file,
                new ReadContext("dms/s/t/20240101-000000000.parquet", file, ReadOptions.defaults().withExtension(defs))));
        assertEquals(CompressionCodecName.GZIP, codec(file));
        assertEquals(2, events.size());
        ChangeEvent u = events.get(0);
        assertEquals(Operation.UPDATE, u.op());
        assertEquals(java.time.Instant.parse("2024-01-01T10:00:00.123456Z"), u.ts());
        Row a = u.after();
        assertEquals(new BigDecimal(7), a.get("id"));
        assertEquals(new BigDecimal(-12), a.get("small"));
        assertEquals(new BigDecimal(250), a.get("u8"));
        assertEquals(new BigDecimal(4_000_000_000L), a.get("u32"));
        assertEquals(new BigDecimal("18446744073709551615"), a.get("u64"));
        assertEquals(new BigDecimal("-12345678901234.567890"), a.get("amount"));
        assertEquals("2023-11-14T22:13:20.123456Z", a.get("t_micros"));
        assertEquals("2023-11-14T22:13:20.123Z", a.get("t_millis"));
        assertEquals("2024-02-29", a.get("d"));
        assertEquals(Boolean.TRUE, a.get("flag"));
        assertEquals(Bytes.of(new byte[] {0, 1, (byte) 0xff}), a.get("blob"));
        assertEquals(Row.builder().put("id", "6").build(), u.before());
        assertEquals(List.of("id", "small", "u8", "u32", "u64", "amount", "t_micros", "t_millis", "d", "flag", "blob", "name"),
                List.copyOf(a.columns()));
        ChangeEvent d = events.get(1);
        assertEquals(Operation.DELETE, d.op());
        assertNull(d.after());
        assertEquals(Row.builder().put("id", new BigDecimal(7)).build(), d.key());
        assertEquals(java.time.Instant.parse("2024-01-01T10:00:01Z"), d.ts());
    }

    /**
     * TIME and TIMESTAMP in nanoseconds (Parquet 2.x writers; DMS writes micros or millis) come out
     * as the other units do, ISO-8601 text at their full precision, through the adapter.
     */
    @Test
    void nanosecondTimesAndTimestampsAtFullPrecision() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message schema {"
                + " optional int32 id;"
                + " optional int64 ts_utc (TIMESTAMP(NANOS,true));"
                + " optional int64 ts_local (TIMESTAMP(NANOS,false));"
                + " optional int64 tm (TIME(NANOS,true));"
                + " optional int64 before_epoch (TIMESTAMP(NANOS,true));"
                + "}");
        Path file = write("LOAD00000001.parquet", schema, f -> List.of(f.newGroup().append("id", 1)
                .append("ts_utc", 1_700_000_000_123_456_789L)
                .append("ts_local", 1_700_000_000_000_000_001L)
                .append("tm", 86_399_999_999_999L)
                .append("before_epoch", -1L), f.newGroup().append("id", 2)));
        assertGolden(file, "dms/s/t/LOAD00000001.parquet", ReadOptions.defaults(), "dms-parquet_nanosecond-times");
    }

    /**
     * A CDC file of a PostgreSQL table with a TOAST column: the {@code CsvNoSupValue} marker in a
     * text column and a {@code nullMeansUnavailable} column's NULL in an update are unavailable, a
     * {@code pk-only} before-image column makes a keys before image, a key-only delete a keys one.
     */
    @Test
    void unavailableColumnsAndImages() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message schema {"
                + " optional binary Op (STRING);"
                + " required binary ts_col (STRING);"
                + " optional int32 id;"
                + " optional binary title (STRING);"
                + " optional binary body (STRING);"
                + " optional int32 bi_id;"
                + "}");
        Path file = write("20240101-000000000.parquet", schema, f -> List.of(
                f.newGroup().append("Op", "I").append("ts_col", "2024-01-01 10:00:00").append("id", 1).append("title", "a"),
                f.newGroup().append("Op", "U").append("ts_col", "2024-01-01 10:00:01").append("id", 1).append("title", "b"),
                f.newGroup().append("Op", "U").append("ts_col", "2024-01-01 10:00:02").append("id", 2)
                        .append("title", "@@NOSUP").append("body", "x").append("bi_id", 1),
                f.newGroup().append("Op", "D").append("ts_col", "2024-01-01 10:00:03").append("id", 2)));
        TableDefinitions defs = TableDefinitions.builder().noSupValue("@@NOSUP").add(new TableDefinitions.Table("s", "t",
                List.of("id", "title", "body"), List.of("id"), "ts_col", List.of("bi_id"), null, "bi_", null,
                List.of("body"))).build();
        assertGolden(file, "dms/s/t/20240101-000000000.parquet", ReadOptions.defaults().withExtension(defs),
                "dms-parquet_unavailable-columns");
    }

    /** Writes the rows {@code rows} makes, uncompressed, to a file of that name. */
    private Path write(String name, MessageType schema, Function<SimpleGroupFactory, List<Group>> rows) throws IOException {
        Path file = dir.resolve(name);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
            for (Group g : rows.apply(new SimpleGroupFactory(schema))) {
                w.write(g);
            }
        }
        return file;
    }

    private static void assertGolden(Path file, String key, ReadOptions options, String golden) throws IOException {
        List<ChangeEvent> events = Golden.readAll(new DmsParquetAdapter().open(file, new ReadContext(key, file, options)));
        Golden.assertMatches(Golden.resource("golden/" + golden + ".expected.ndjson"), events);
    }

    private static CompressionCodecName codec(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec();
        }
    }

    private static byte[] fixed(BigDecimal v, int len) {
        byte[] raw = v.unscaledValue().toByteArray();
        byte[] out = new byte[len];
        Arrays.fill(out, v.signum() < 0 ? (byte) 0xff : 0);
        System.arraycopy(raw, 0, out, len - raw.length, raw.length);
        return out;
    }
}
