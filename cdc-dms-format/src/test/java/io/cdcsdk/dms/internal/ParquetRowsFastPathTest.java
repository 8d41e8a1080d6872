package io.cdcsdk.dms.internal;

import io.cdcsdk.core.testing.Golden;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.bytes;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * The fast path of {@link ParquetRows} against its Avro path, on generated flat files: the same
 * names and the same values, row by row.
 */
class ParquetRowsFastPathTest {
    private static final int EXAMPLES = 300;

    @TempDir
    Path dir;
    private final AtomicInteger files = new AtomicInteger();

    /** A column type the fast path reads: its declaration (%s for the name) and values to write. */
    private record ColumnType(String declaration, Gen<Object> values) {
        @Override
        public String toString() {
            return declaration.replace(" %s", "");
        }
    }

    private record Column(ColumnType type, boolean optional) {
        String declaration(int index) {
            return (optional ? "optional " : "required ") + type.declaration().formatted("c" + index) + ";";
        }
    }

    /** How the file is written: row groups, pages, dictionary (and its fallback to plain) and encodings. */
    private record Layout(int rowGroupRows, int pageRows, boolean dictionary, int dictionaryPageSize,
                          WriterVersion version) {
    }

    private record FlatFile(List<Column> columns, List<Object[]> rows, Layout layout) {
        MessageType schema() {
            StringBuilder s = new StringBuilder("message m {");
            for (int i = 0; i < columns.size(); i++) {
                s.append(' ').append(columns.get(i).declaration(i));
            }
            return MessageTypeParser.parseMessageType(s.append('}').toString());
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(schema().toString()).append(layout).append('\n');
            rows.forEach(r -> s.append(Arrays.deepToString(r)).append('\n'));
            return s.toString();
        }
    }

    private static final List<ColumnType> TYPES = List.of(
            new ColumnType("boolean %s", booleans().all().map(b -> b)),
            new ColumnType("int32 %s", ints()),
            new ColumnType("int32 %s (INTEGER(8,true))", ints()),
            new ColumnType("int32 %s (INTEGER(16,true))", ints()),
            new ColumnType("int32 %s (INTEGER(32,true))", ints()),
            new ColumnType("int32 %s (INTEGER(8,false))", ints()),
            new ColumnType("int32 %s (INTEGER(16,false))", ints()),
            new ColumnType("int32 %s (INTEGER(32,false))", ints()),
            new ColumnType("int64 %s", longValues()),
            new ColumnType("int64 %s (INTEGER(64,true))", longValues()),
            new ColumnType("int64 %s (INTEGER(64,false))", longValues()),
            new ColumnType("int32 %s (DECIMAL(9,2))", ints()),
            new ColumnType("int32 %s (DECIMAL(5,0))", ints()),
            new ColumnType("int64 %s (DECIMAL(18,4))", longValues()),
            new ColumnType("binary %s (DECIMAL(30,5))", binaries(1, 16)),
            new ColumnType("binary %s (DECIMAL(4,4))", binaries(1, 3)),
            new ColumnType("fixed_len_byte_array(9) %s (DECIMAL(20,6))", binaries(9, 9)),
            new ColumnType("fixed_len_byte_array(16) %s (DECIMAL(38,10))", binaries(16, 16)),
            new ColumnType("fixed_len_byte_array(1) %s (DECIMAL(2,1))", binaries(1, 1)),
            new ColumnType("int32 %s (DATE)", ints()),
            new ColumnType("int32 %s (TIME(MILLIS,true))", integers().between(0, 86_399_999).map(v -> v)),
            new ColumnType("int32 %s (TIME(MILLIS,false))", integers().between(0, 86_399_999).map(v -> v)),
            new ColumnType("int64 %s (TIME(MICROS,true))", longs().between(0, 86_399_999_999L).map(v -> v)),
            new ColumnType("int64 %s (TIME(MICROS,false))", longs().between(0, 86_399_999_999L).map(v -> v)),
            new ColumnType("int64 %s (TIME(NANOS,true))", longValues()),
            new ColumnType("int64 %s (TIMESTAMP(MILLIS,true))", longValues()),
            new ColumnType("int64 %s (TIMESTAMP(MILLIS,false))", longValues()),
            new ColumnType("int64 %s (TIMESTAMP(MICROS,true))", longValues()),
            new ColumnType("int64 %s (TIMESTAMP(MICROS,false))", longValues()),
            new ColumnType("int64 %s (TIMESTAMP(NANOS,true))", longValues()),
            new ColumnType("int64 %s (TIMESTAMP(NANOS,false))", longValues()),
            new ColumnType("int96 %s", binaries(12, 12)),
            new ColumnType("float %s", floats()),
            new ColumnType("double %s", doubles()),
            new ColumnType("binary %s", binaries(0, 20)),
            new ColumnType("binary %s (JSON)", binaries(0, 20)),
            new ColumnType("binary %s (STRING)", texts()),
            new ColumnType("binary %s (ENUM)", texts()),
            new ColumnType("fixed_len_byte_array(3) %s", binaries(3, 3)),
            new ColumnType("fixed_len_byte_array(16) %s", binaries(16, 16)));

    @Test
    void fastPathReadsEveryGeneratedFlatFileAsTheAvroPathDoes() {
        qt().withExamples(EXAMPLES).withShrinkCycles(50).forAll(flatFiles()).checkAssert(f -> {
            Path file = write(f);
            int rows = assertSameRows(file);
            assertEquals(f.rows().size(), rows);
            delete(file);
        });
    }

    /** Files of an Avro writer carry its schema, which the Avro path reads with: still the fast path. */
    @Test
    void fastPathReadsAvroWrittenFilesAsTheAvroPathDoes() {
        Schema schema = avroSchema();
        Gen<List<GenericRecord>> records = lists().of(avroRecords(schema)).ofSizeBetween(0, 60);
        qt().withExamples(60).withShrinkCycles(20).forAll(records, booleans().all()).checkAssert((rs, dictionary) -> {
            Path file = dir.resolve("avro-" + files.incrementAndGet() + ".parquet");
            try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                    .withSchema(schema).withDictionaryEncoding(dictionary).withRowGroupRowCountLimit(7).build()) {
                for (GenericRecord r : rs) {
                    w.write(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertEquals(rs.size(), assertSameRows(file));
            delete(file);
        });
    }

    @Test
    void realDmsFileTakesTheFastPath() throws IOException {
        Path file = Golden.resource("samples/s3-parquet_real_segmentio-parquet-go_dms_test_table_LOAD00000001.parquet");
        assertEquals(10, assertSameRows(file));
    }

    /** Reads {@code file} both ways; asserts the fast path was taken and agrees. The number of rows. */
    private static int assertSameRows(Path file) {
        try (ParquetRows fast = new ParquetRows(file); ParquetRows avro = new ParquetRows(file, false)) {
            assertTrue(fast.fastPath(), "fast path");
            assertFalse(avro.fastPath());
            assertEquals(avro.columns(), fast.columns());
            String[] names = null;
            int n = 0;
            for (Object[] a = avro.next(), f = fast.next(); ; a = avro.next(), f = fast.next(), n++) {
                if (a == null) {
                    assertNull(f, "row " + n);
                    return n;
                }
                assertArrayEquals(avro.names(), fast.names());
                if (names != null) {
                    assertSame(names, fast.names(), "the same names array for every row");
                }
                names = fast.names();
                assertArrayEquals(a, f, "row " + n);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i] == null ? null : a[i].getClass(), f[i] == null ? null : f[i].getClass());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(FlatFile f) {
        Path file = dir.resolve("flat-" + files.incrementAndGet() + ".parquet");
        MessageType schema = f.schema();
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        Layout layout = f.layout();
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withRowGroupRowCountLimit(layout.rowGroupRows()).withPageRowCountLimit(layout.pageRows())
                .withDictionaryEncoding(layout.dictionary()).withDictionaryPageSize(layout.dictionaryPageSize())
                .withWriterVersion(layout.version()).build()) {
            for (Object[] row : f.rows()) {
                Group g = groups.newGroup();
                for (int i = 0; i < row.length; i++) {
                    put(g, i, row[i]);
                }
                w.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void put(Group g, int i, Object v) {
        if (v instanceof Boolean b) {
            g.add(i, b);
        } else if (v instanceof Integer n) {
            g.add(i, n);
        } else if (v instanceof Long n) {
            g.add(i, n);
        } else if (v instanceof Float n) {
            g.add(i, n);
        } else if (v instanceof Double n) {
            g.add(i, n);
        } else if (v instanceof byte[] b) {
            g.add(i, Binary.fromConstantByteArray(b));
        } else if (v != null) {
            throw new IllegalArgumentException(v.getClass().getName());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Gen<FlatFile> flatFiles() {
        Gen<Column> column = pick(TYPES).zip(booleans().all(), Column::new);
        Gen<Layout> layout = integers().between(1, 40).zip(integers().between(1, 30), booleans().all(),
                pick(List.of(64, 1 << 20)), pick(List.of(WriterVersion.PARQUET_1_0, WriterVersion.PARQUET_2_0)),
                Layout::new);
        return lists().of(column).ofSizeBetween(1, 8).flatMap(columns ->
                lists().of(row(columns)).ofSizeBetween(0, 120).zip(layout, (rows, l) -> new FlatFile(columns, rows, l)));
    }

    private static Gen<Object[]> row(List<Column> columns) {
        Gen<Boolean> isNull = integers().between(0, 5).map(n -> n == 0);
        return source -> {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                Column c = columns.get(i);
                row[i] = c.optional() && isNull.generate(source) ? null : c.type().values().generate(source);
            }
            return row;
        };
    }

    /** Edge values often, so that dictionaries repeat entries; any value otherwise. */
    private static Gen<Object> ints() {
        return pick(List.<Object>of(0, 1, -1, 127, 128, 255, 256, 65_535, Integer.MIN_VALUE, Integer.MAX_VALUE))
                .mix(integers().all().map(v -> v), 60);
    }

    private static Gen<Object> longValues() {
        return pick(List.<Object>of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE - 1,
                1_700_000_000_123_456L, 4_294_967_295L)).mix(longs().all().map(v -> v), 60);
    }

    private static Gen<Object> floats() {
        Gen<Object> edges = pick(List.<Object>of(0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 0.1f, -32.38f, 1e7f, 1e-3f));
        Gen<Object> bits = integers().all().map(Float::intBitsToFloat);
        Gen<Object> decimals = integers().between(-1_000_000, 1_000_000).map(v -> v / 100f);
        return edges.mix(bits, 40).mix(decimals, 40);
    }

    private static Gen<Object> doubles() {
        Gen<Object> edges = pick(List.<Object>of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 32.38, 1e7,
                9_999_999.999, 1e-3, 0.000999, 1e22, 1e23));
        Gen<Object> bits = longs().all().map(Double::longBitsToDouble);
        Gen<Object> decimals = longs().between(-100_000_000_000L, 100_000_000_000L).map(v -> v / 1000.0);
        return edges.mix(bits, 40).mix(decimals, 40);
    }

    private static Gen<Object> binaries(int min, int max) {
        return byteArrays(integers().between(min, max), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)).map(b -> b);
    }

    /** UTF-8 text, non-ASCII and supplementary characters included, and sometimes bytes that are not UTF-8. */
    private static Gen<Object> texts() {
        Gen<Object> fixed = pick(List.<Object>of("", "I", "U", "D", "Reims", "é", "日本語", "\uD83D\uDE00", "a\u0000b"))
                .map(s -> ((String) s).getBytes(StandardCharsets.UTF_8));
        Gen<Object> any = strings().allPossible().ofLengthBetween(0, 12).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Gen<Object> notUtf8 = pick(List.<Object>of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {'a', (byte) 0xe2, (byte) 0x82}));
        return fixed.mix(any, 50).mix(notUtf8, 10).mix(binaries(0, 8), 10);
    }

    /** Every Avro type that parquet-avro writes as a flat primitive column, each optional. */
    private static Schema avroSchema() {
        Schema decimalBytes = LogicalTypes.decimal(20, 4).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema decimalFixed = LogicalTypes.decimal(9, 2).addToSchema(Schema.createFixed("d4", null, null, 4));
        Schema javaString = Schema.create(Schema.Type.STRING);
        javaString.addProp(GenericData.STRING_PROP, "String");
        return SchemaBuilder.record("r").fields()
                .requiredString("Op")
                .optionalString("s")
                .name("js").type().optional().type(javaString)
                .optionalInt("i")
                .optionalLong("l")
                .optionalFloat("f")
                .optionalDouble("d")
                .optionalBoolean("b")
                .optionalBytes("by")
                .name("e").type().optional().enumeration("E").symbols("A", "B", "C")
                .name("fx").type().optional().fixed("F").size(3)
                .name("db").type().optional().type(decimalBytes)
                .name("df").type().optional().type(decimalFixed)
                .name("date").type().optional().type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)))
                .name("tmi").type().optional().type(LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT)))
                .name("tmu").type().optional().type(LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG)))
                .name("tsmi").type().optional().type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
                .name("tsmu").type().optional().type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
                .name("ltsmi").type().optional().type(
                        LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
                .name("ltsmu").type().optional().type(
                        LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
                .endRecord();
    }

    private static Gen<GenericRecord> avroRecords(Schema schema) {
        Gen<Boolean> isNull = integers().between(0, 4).map(n -> n == 0);
        Gen<String> text = strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 10)
                .mix(pick(List.of("", "I", "U", "é", "\uD83D\uDE00")), 50);
        Gen<Integer> time = integers().between(0, 86_399_999);
        Gen<Long> micros = longs().between(0, 86_399_999_999L);
        Gen<Object> symbols = pick(List.of("A", "B", "C")).map(s -> new GenericData.EnumSymbol(schema.getField("e").schema().getTypes().get(1), s));
        Schema fixed = schema.getField("fx").schema().getTypes().get(1);
        Schema fixed4 = schema.getField("df").schema().getTypes().get(1);
        List<Gen<?>> fields = List.of(
                pick(List.of("I", "U", "D")), text, text, ints(), longValues(), floats(), doubles(), booleans().all(),
                binaries(0, 6).map(b -> ByteBuffer.wrap((byte[]) b)), symbols,
                binaries(3, 3).map(b -> new GenericData.Fixed(fixed, (byte[]) b)),
                binaries(1, 9).map(b -> ByteBuffer.wrap((byte[]) b)),
                binaries(4, 4).map(b -> new GenericData.Fixed(fixed4, (byte[]) b)),
                ints(), time, micros, longValues(), longValues(), longValues(), longValues());
        return source -> {
            GenericRecord r = new GenericData.Record(schema);
            for (int i = 0; i < fields.size(); i++) {
                r.put(i, i > 0 && isNull.generate(source) ? null : fields.get(i).generate(source));
            }
            return r;
        };
    }
}
