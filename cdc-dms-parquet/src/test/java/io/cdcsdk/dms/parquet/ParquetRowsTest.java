package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.Position;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * {@link ParquetRows} on generated flat files of every column type it reads, written with every
 * layout (row groups, pages, dictionary and its fallback to plain, v1 and v2 pages): the names,
 * and row by row the value each written value must give, computed here without the reader's
 * converters.
 */
class ParquetRowsTest {
    private static final int EXAMPLES = 300;

    @TempDir
    Path dir;
    private final AtomicInteger files = new AtomicInteger();

    /**
     * A column type the reader reads: its declaration (%s for the name), values to write, and the
     * model value each written value must be read as.
     */
    private record ColumnType(String declaration, Gen<Object> values, Function<Object, Object> expected) {
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

    private static final Function<Object, Object> SIGNED = v -> new BigDecimal(v.toString());
    private static final Function<Object, Object> UNSIGNED_INT = v -> new BigDecimal(Integer.toUnsignedString((Integer) v));
    private static final Function<Object, Object> UNSIGNED_LONG = v -> new BigDecimal(Long.toUnsignedString((Long) v));
    private static final Function<Object, Object> BYTES = v -> Bytes.of((byte[]) v);
    private static final Function<Object, Object> TEXT = v -> new String((byte[]) v, StandardCharsets.UTF_8);
    private static final LocalDateTime LOCAL_EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private static final List<ColumnType> TYPES = List.of(
            new ColumnType("boolean %s", booleans().all().map(b -> b), v -> v),
            new ColumnType("int32 %s", ints(), SIGNED),
            new ColumnType("int32 %s (INTEGER(8,true))", ints(), SIGNED),
            new ColumnType("int32 %s (INTEGER(16,true))", ints(), SIGNED),
            new ColumnType("int32 %s (INTEGER(32,true))", ints(), SIGNED),
            new ColumnType("int32 %s (INTEGER(8,false))", ints(), UNSIGNED_INT),
            new ColumnType("int32 %s (INTEGER(16,false))", ints(), UNSIGNED_INT),
            new ColumnType("int32 %s (INTEGER(32,false))", ints(), UNSIGNED_INT),
            new ColumnType("int64 %s", longValues(), SIGNED),
            new ColumnType("int64 %s (INTEGER(64,true))", longValues(), SIGNED),
            new ColumnType("int64 %s (INTEGER(64,false))", longValues(), UNSIGNED_LONG),
            new ColumnType("int32 %s (DECIMAL(9,2))", ints(), v -> BigDecimal.valueOf((Integer) v).movePointLeft(2)),
            new ColumnType("int32 %s (DECIMAL(5,0))", ints(), SIGNED),
            new ColumnType("int64 %s (DECIMAL(18,4))", longValues(), v -> BigDecimal.valueOf((Long) v).movePointLeft(4)),
            new ColumnType("binary %s (DECIMAL(30,5))", binaries(1, 16), decimal(5)),
            new ColumnType("binary %s (DECIMAL(4,4))", binaries(1, 3), decimal(4)),
            new ColumnType("fixed_len_byte_array(9) %s (DECIMAL(20,6))", binaries(9, 9), decimal(6)),
            new ColumnType("fixed_len_byte_array(16) %s (DECIMAL(38,10))", binaries(16, 16), decimal(10)),
            new ColumnType("fixed_len_byte_array(1) %s (DECIMAL(2,1))", binaries(1, 1), decimal(1)),
            new ColumnType("int32 %s (DATE)", ints(), v -> LocalDate.EPOCH.plusDays((Integer) v).toString()),
            new ColumnType("int32 %s (TIME(MILLIS,true))", integers().between(0, 86_399_999).map(v -> v),
                    v -> LocalTime.MIDNIGHT.plus((Integer) v, ChronoUnit.MILLIS).toString()),
            new ColumnType("int32 %s (TIME(MILLIS,false))", integers().between(0, 86_399_999).map(v -> v),
                    v -> LocalTime.MIDNIGHT.plus((Integer) v, ChronoUnit.MILLIS).toString()),
            new ColumnType("int64 %s (TIME(MICROS,true))", longs().between(0, 86_399_999_999L).map(v -> v),
                    v -> LocalTime.MIDNIGHT.plus((Long) v, ChronoUnit.MICROS).toString()),
            new ColumnType("int64 %s (TIME(MICROS,false))", longs().between(0, 86_399_999_999L).map(v -> v),
                    v -> LocalTime.MIDNIGHT.plus((Long) v, ChronoUnit.MICROS).toString()),
            new ColumnType("int64 %s (TIME(NANOS,true))", longs().between(0, 86_399_999_999_999L).map(v -> v),
                    v -> LocalTime.MIDNIGHT.plusNanos((Long) v).toString()),
            new ColumnType("int64 %s (TIMESTAMP(MILLIS,true))", longValues(),
                    v -> Instant.EPOCH.plus((Long) v, ChronoUnit.MILLIS).toString()),
            new ColumnType("int64 %s (TIMESTAMP(MILLIS,false))", longValues(),
                    v -> LOCAL_EPOCH.plus((Long) v, ChronoUnit.MILLIS).toString()),
            new ColumnType("int64 %s (TIMESTAMP(MICROS,true))", longValues(),
                    v -> Instant.EPOCH.plus((Long) v, ChronoUnit.MICROS).toString()),
            new ColumnType("int64 %s (TIMESTAMP(MICROS,false))", longValues(),
                    v -> LOCAL_EPOCH.plus((Long) v, ChronoUnit.MICROS).toString()),
            new ColumnType("int64 %s (TIMESTAMP(NANOS,true))", longValues(), v -> Instant.EPOCH.plusNanos((Long) v).toString()),
            new ColumnType("int64 %s (TIMESTAMP(NANOS,false))", longValues(), v -> LOCAL_EPOCH.plusNanos((Long) v).toString()),
            new ColumnType("int96 %s", binaries(12, 12), BYTES),
            new ColumnType("float %s", floats(), v -> number((Float) v, Float.toString((Float) v))),
            new ColumnType("double %s", doubles(), v -> number((Double) v, Double.toString((Double) v))),
            new ColumnType("binary %s", binaries(0, 20), BYTES),
            new ColumnType("binary %s (JSON)", texts(), TEXT),
            new ColumnType("binary %s (BSON)", binaries(0, 20), BYTES),
            new ColumnType("binary %s (STRING)", texts(), TEXT),
            new ColumnType("binary %s (ENUM)", texts(), TEXT),
            new ColumnType("fixed_len_byte_array(3) %s", binaries(3, 3), BYTES),
            new ColumnType("fixed_len_byte_array(16) %s", binaries(16, 16), BYTES));

    private static Function<Object, Object> decimal(int scale) {
        return v -> new BigDecimal(new BigInteger((byte[]) v), scale);
    }

    /** NaN and infinities as their text, other numbers as the decimal of their shortest text. */
    private static Object number(Number n, String text) {
        return Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue()) ? text : new BigDecimal(text);
    }

    @Test
    void readsEveryGeneratedFlatFileAsWritten() {
        qt().withExamples(EXAMPLES).withShrinkCycles(50).forAll(flatFiles()).checkAssert(f -> {
            Path file = write(f);
            try (ParquetRows rows = new ParquetRows(file, Position.of(file.toString()))) {
                String[] names = new String[f.columns().size()];
                Arrays.setAll(names, i -> "c" + i);
                assertArrayEquals(names, rows.names());
                for (int r = 0; r < f.rows().size(); r++) {
                    Object[] written = f.rows().get(r);
                    Object[] expected = new Object[written.length];
                    for (int i = 0; i < written.length; i++) {
                        expected[i] = written[i] == null ? null : f.columns().get(i).type().expected().apply(written[i]);
                    }
                    assertArrayEquals(expected, rows.next(), "row " + r); // BigDecimal.equals compares scales too
                }
                assertNull(rows.next());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            delete(file);
        });
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
}
