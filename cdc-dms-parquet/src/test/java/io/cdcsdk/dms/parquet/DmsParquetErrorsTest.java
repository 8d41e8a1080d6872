package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Files the reader does not read, and values it cannot convert: each reported, by column or by row. */
class DmsParquetErrorsTest {
    private static final String SOURCE = "dms/public/t/20240101-000000000.parquet";

    @TempDir
    Path dir;
    private int files;

    @Test
    void aNestedColumnIsNamedAndNotRead() throws IOException {
        Path file = write("message m { required int32 id; optional group address { optional binary city (STRING); } }",
                g -> g.append("id", 1).addGroup("address").append("city", "Reims"));
        assertUnsupported(file, "column address: a group (nested columns) is not supported"
                + " (dms-parquet reads flat columns of the types DMS writes)");
    }

    @Test
    void aListIsNamedAndNotRead() throws IOException {
        Path file = write("message m { required int32 id;"
                + " optional group tags (LIST) { repeated group list { optional binary element (STRING); } } }",
                g -> g.append("id", 1).addGroup("tags").addGroup("list").append("element", "a"));
        assertUnsupported(file, "column tags: a LIST group is not supported"
                + " (dms-parquet reads flat columns of the types DMS writes)");
    }

    @Test
    void aRepeatedColumnIsNamedAndNotRead() throws IOException {
        Path file = write("message m { required int32 id; repeated int64 scores; }",
                g -> g.append("id", 1).append("scores", 7L).append("scores", -8L));
        assertUnsupported(file, "column scores: repeated int64 is not supported"
                + " (dms-parquet reads flat columns of the types DMS writes)");
    }

    @Test
    void aUuidColumnIsNamedAndNotRead() throws IOException {
        Path file = write("message m { required binary Op (STRING); optional fixed_len_byte_array(16) u (UUID); }",
                g -> g.append("Op", "I").append("u", Binary.fromConstantByteArray(new byte[16])));
        assertUnsupported(file, "column u: fixed_len_byte_array(16) (UUID) is not supported"
                + " (dms-parquet reads flat columns of the types DMS writes)");
    }

    /** The stream is spooled to a temporary file; a file that is not read leaves none behind. */
    @Test
    void anUnsupportedStreamLeavesNoTemporaryFile() throws IOException {
        Path file = write("message m { optional fixed_len_byte_array(12) i (INTERVAL); }",
                g -> g.append("i", Binary.fromConstantByteArray(new byte[12])));
        Set<Path> before = tempFiles();
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> new DmsParquetAdapter()
                .open(Files.newInputStream(file), ReadContext.of(SOURCE, ReadOptions.defaults())));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, e.kind());
        assertEquals(before, tempFiles());
    }

    /** Names Avro would reject are fine: nothing reads the file through Avro. */
    @Test
    void anyColumnNameIsRead() throws IOException {
        Path file = write("message m { required binary Op (STRING); optional int32 my-col; }",
                g -> g.append("Op", "I").append("my-col", 1));
        List<ChangeEvent> events = Golden.readAll(open(file, ReadOptions.defaults()));
        assertEquals(new BigDecimal(1), events.get(0).after().get("my-col"));
    }

    @Test
    void aValueOutOfRangeFailsAtItsRow() throws IOException {
        Path file = write("message m { required int32 t (TIME(MILLIS,true)); }", g -> g.append("t", 1_000),
                g -> g.append("t", 2_000), g -> g.append("t", -1), g -> g.append("t", 3_000));
        assertFailsAtRecord(file, 3);
    }

    @Test
    void anEmptyBinaryDecimalFailsAtItsRow() throws IOException {
        Path file = write("message m { optional binary d (DECIMAL(10,2)); }",
                g -> g.append("d", Binary.fromConstantByteArray(new byte[] {1})),
                g -> g.append("d", Binary.fromConstantByteArray(new byte[0])));
        assertFailsAtRecord(file, 2);
    }

    /** DMS writes UNCOMPRESSED or GZIP; other codecs need a library this module does not bring. */
    @Test
    void aCodecWhoseLibraryIsMissingIsNamed() {
        PrimitiveType type = Types.optional(PrimitiveType.PrimitiveTypeName.INT64).named("id");
        for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY, CompressionCodecName.LZO)) {
            BlockMetaData block = new BlockMetaData();
            block.addColumn(ColumnChunkMetaData.get(ColumnPath.get("id"), type, codec, null, Set.of(),
                    Statistics.createStats(type), 4, 0, 1, 10, 10));
            ChangeReadException e = assertThrows(ChangeReadException.class,
                    () -> ParquetRows.checkCodecs(List.of(block), Position.of(SOURCE)));
            assertEquals(ChangeReadException.Kind.UNSUPPORTED, e.kind());
            String needs = codec == CompressionCodecName.SNAPPY ? "which needs org.xerial.snappy:snappy-java on the class path"
                    : "which dms-parquet does not read";
            assertEquals(SOURCE + ": column id is compressed with " + codec + ", " + needs
                    + " (DMS writes UNCOMPRESSED or GZIP)", e.getMessage());
        }
    }

    private void assertUnsupported(Path file, String detail) {
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> open(file, ReadOptions.defaults()));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, e.kind());
        assertEquals(SOURCE + ": " + detail, e.getMessage());
    }

    /** Under FAIL the rows before it are read; under SKIP the failure is reported and the reader ends. */
    private void assertFailsAtRecord(Path file, long record) throws IOException {
        List<ChangeEvent> read = new ArrayList<>();
        try (ChangeReader reader = open(file, ReadOptions.defaults())) {
            ChangeReadException e = assertThrows(ChangeReadException.class, () -> reader.forEachRemaining(read::add));
            assertEquals(record, e.position().record());
            assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        }
        assertEquals(record - 1, read.size());
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = Golden.readAll(open(file, ReadOptions.defaults().skipOnError(skipped::add)));
        assertEquals(record - 1, events.size());
        assertEquals(1, skipped.size());
        assertFalse(skipped.get(0).getMessage().contains("-1"));
    }

    private ChangeReader open(Path file, ReadOptions options) throws IOException {
        return new DmsParquetAdapter().open(file, new ReadContext(SOURCE, file, options));
    }

    @SafeVarargs
    private Path write(String schemaText, Consumer<Group>... rows) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(schemaText);
        Path file = dir.resolve("f" + files++ + ".parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
            for (Consumer<Group> row : rows) {
                Group g = groups.newGroup();
                row.accept(g);
                w.write(g);
            }
        }
        return file;
    }

    private static Set<Path> tempFiles() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return Set.copyOf(s.filter(p -> p.getFileName().toString().startsWith("cdc-dms-")).toList());
        }
    }
}
