package io.cdcsdk.dms;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.Head;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every DMS reader under mutation: the golden samples, damaged at random (truncated, bytes flipped,
 * garbage inserted, ranges deleted or repeated, keys duplicated, CSV quotes and delimiters added or
 * removed), read under FAIL and SKIP. Only {@link ChangeReadException} may leave a reader, always
 * with a position naming the source, and a marker planted in the input never reaches a message.
 */
class DmsMutationTest {
    static final String MARKER = "SECRET-MARKER-7Q";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8);
    private static final byte[][] GARBAGE = {
        "{".getBytes(StandardCharsets.UTF_8), "}".getBytes(StandardCharsets.UTF_8), "[".getBytes(StandardCharsets.UTF_8),
        "]".getBytes(StandardCharsets.UTF_8), "\"".getBytes(StandardCharsets.UTF_8), ",".getBytes(StandardCharsets.UTF_8),
        ":".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
        "\\".getBytes(StandardCharsets.UTF_8), "\\u".getBytes(StandardCharsets.UTF_8), "\\ud800".getBytes(StandardCharsets.UTF_8),
        {0}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "1e999999999".getBytes(StandardCharsets.UTF_8), "-0.0E-2147483649".getBytes(StandardCharsets.UTF_8),
        "null".getBytes(StandardCharsets.UTF_8), "\"metadata\":{},".getBytes(StandardCharsets.UTF_8),
        "\"data\":\"x\",".getBytes(StandardCharsets.UTF_8), "\"record-type\":\"data\",".getBytes(StandardCharsets.UTF_8),
        "\"operation\":\"update\",".getBytes(StandardCharsets.UTF_8), "I,".getBytes(StandardCharsets.UTF_8),
        "D,".getBytes(StandardCharsets.UTF_8), "\"\"".getBytes(StandardCharsets.UTF_8),
        "2024-13-45 25:61:61".getBytes(StandardCharsets.UTF_8), "{\"_source\":".getBytes(StandardCharsets.UTF_8),
        "{\"data\":\"{\\\"metadata\\\":1}\",\"partitionKey\":\"p\"}".getBytes(StandardCharsets.UTF_8),
    };

    /** A sample and how to read it. */
    record Sample(String file, byte[] bytes, String sourceName, FormatAdapter adapter, ReadOptions options,
                  boolean text) {
    }

    static List<Sample> jsonSamples() throws IOException {
        List<Sample> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Golden.resource("samples"))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if ((name.endsWith(".json") || name.endsWith(".ndjson")) && !name.contains("table-def")
                        && !name.startsWith("s3-event")) {
                    out.add(new Sample(name, Files.readAllBytes(p), name, new DmsJsonAdapter(),
                            ReadOptions.defaults(), true));
                }
            }
        }
        return out;
    }

    static final String[][] CSV = {
        {"s3-csv_real_brabster-northwind_orders_cdc_20240612-103125108.csv", "cdc/public/orders/20240612-103125108.csv"},
        {"s3-csv_real_brabster-northwind_orders_cdc_20240612-103623720.csv", "cdc/public/orders/20240612-103623720.csv"},
        {"s3-csv_real_brabster-northwind_orders_LOAD00000001_first40lines.csv", "cdc/public/orders/LOAD00000001.csv"},
        {"s3-csv_real_brabster-northwind_orders_cdc-with-before-image-pk_20240705-202150266.csv", "cdc/public/orders/20240705-202150266.csv"},
        {"s3-csv_real_brabster-northwind_order_details_cdc_20240612-103540301.csv", "cdc/public/order_details/20240612-103540301.csv"},
        {"s3-csv_real_brabster-northwind_order_details_cdc-with-before-image-pk_20240705-201037838.csv", "cdc/public/order_details/20240705-201037838.csv"},
        {"s3-csv_real_brabster-northwind_categories_LOAD00000001.csv", "cdc/public/categories/LOAD00000001.csv"},
        {"s3-csv_real_brabster-northwind_employees_LOAD00000001.csv", "cdc/public/employees/LOAD00000001.csv"},
        {"s3-csv_aws-docs_employee_cdc_example.csv", "s3-csv_aws-docs_employee_cdc_example.csv"},
        {"s3-csv_aws-repost_before-image-pk-columns_example.csv", "s3-csv_aws-repost_before-image-pk-columns_example.csv"},
        {"s3-csv_aws-docs_preserve-transactions_example.csv", "CDC_TXN-20201117153046033.csv"},
    };

    static List<Sample> csvSamples() throws IOException {
        List<Sample> out = new ArrayList<>();
        for (String[] s : CSV) {
            String base = s[0].substring(0, s[0].length() - 4);
            TableDefinitions defs = TableDefinitions.read(Golden.resource("samples/" + base + ".table-def.json"));
            out.add(new Sample(s[0], Files.readAllBytes(Golden.resource("samples/" + s[0])), s[1], new DmsCsvAdapter(),
                    ReadOptions.defaults().withExtension(defs), true));
        }
        // The same rows read by their header row, without a definition.
        out.add(new Sample("header", ("Op,id,name,note\r\nI,1,\"a,b\",x\nU,2,\"multi\nline\",\nD,3,,\"\"\n")
                .getBytes(StandardCharsets.UTF_8), "bucket/s/t/20240102-000000000.csv", new DmsCsvAdapter(),
                ReadOptions.defaults(), true));
        return out;
    }

    static Sample parquetSample() throws IOException {
        String name = "s3-parquet_real_segmentio-parquet-go_dms_test_table_LOAD00000001.parquet";
        return new Sample(name, Files.readAllBytes(Golden.resource("samples/" + name)),
                "dms/public/test_table/LOAD00000001.parquet", new DmsParquetAdapter(), ReadOptions.defaults(), false);
    }

    // Small limits in a share of the runs, so that limits are hit by damaged input too.
    private static final Limits SMALL = Limits.DEFAULTS.withMaxRecordBytes(600).withMaxStringLength(80)
            .withMaxNestingDepth(4).withMaxNumberLength(12);

    /** Counts of what the properties ran, printed for the issue note. */
    static final AtomicLong INPUTS = new AtomicLong();

    @Test
    void jsonSamplesUnderMutation() throws IOException {
        List<Sample> samples = jsonSamples();
        assertEquals(18, samples.size());
        run("dms-json mutation", 0x7E57_0001L, 3000, samples);
    }

    @Test
    void csvSamplesUnderMutation() throws IOException {
        List<Sample> samples = csvSamples();
        run("dms-csv mutation", 0x7E57_0002L, 3000, samples);
    }

    @Test
    void parquetSampleUnderMutation() throws IOException {
        run("dms-parquet mutation", 0x7E57_0003L, 300, List.of(parquetSample()));
    }

    private static void run(String property, long seed, int tries, List<Sample> samples) {
        long before = INPUTS.get();
        Seeds.forAll(property, seed, tries, random -> {
            Sample s = samples.get(random.nextInt(samples.size()));
            byte[] input = mutate(s, random);
            ReadOptions options = random.nextInt(4) == 0 ? s.options().withLimits(SMALL) : s.options();
            boolean gzip = s.text() && random.nextInt(8) == 0;
            if (gzip) {
                input = gzipMaybeCut(input, random);
            }
            INPUTS.incrementAndGet();
            check(s, input, options, gzip, false);
            check(s, input, options, gzip, true);
        });
        System.out.println(property + ": " + (INPUTS.get() - before) + " mutated inputs, each read under FAIL and SKIP");
    }

    static byte[] mutate(Sample s, Random random) {
        byte[] b = s.bytes();
        if (s.text()) {
            b = plantMarker(b, random);
        }
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            b = s.text() ? mutateText(b, random) : mutateBinary(b, random);
        }
        return b;
    }

    /** Puts the marker inside a value: after a {@code ":"} (JSON) or a delimiter (CSV). */
    static byte[] plantMarker(byte[] b, Random random) {
        List<Integer> spots = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] == ':' && b[i + 1] == '"') || b[i] == ',') {
                spots.add(b[i] == ':' ? i + 2 : i + 1);
            }
        }
        int at = spots.isEmpty() ? random.nextInt(b.length + 1) : spots.get(random.nextInt(spots.size()));
        return insert(b, at, MARKER_BYTES);
    }

    static byte[] mutateText(byte[] b, Random random) {
        if (b.length == 0) {
            return GARBAGE[random.nextInt(GARBAGE.length)];
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(9)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1: {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << random.nextInt(8));
                return c;
            }
            case 2:
                return insert(b, at, GARBAGE[random.nextInt(GARBAGE.length)]);
            case 3: {
                int end = Math.min(b.length, at + 1 + random.nextInt(64));
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, end, b.length));
            }
            case 4: {
                int end = Math.min(b.length, at + 1 + random.nextInt(200));
                return insert(b, end, Arrays.copyOfRange(b, at, end));
            }
            case 5: // an extra quote: unbalanced in CSV, broken string in JSON
                return insert(b, at, new byte[] {'"'});
            case 6: { // a delimiter more or less: a wrong column count
                int comma = indexOf(b, (byte) ',', at);
                if (comma >= 0 && random.nextBoolean()) {
                    return concat(Arrays.copyOf(b, comma), Arrays.copyOfRange(b, comma + 1, b.length));
                }
                return insert(b, at, new byte[] {','});
            }
            case 7: { // a key repeated in the same object
                int q = indexOf(b, (byte) '{', at);
                if (q >= 0) {
                    String[] keys = {"\"metadata\":{\"record-type\":\"data\"},", "\"data\":{},", "\"operation\":\"x\",",
                        "\"schema-name\":\"s\",", "\"control\":[],"};
                    return insert(b, q + 1, keys[random.nextInt(keys.length)].getBytes(StandardCharsets.UTF_8));
                }
                return insert(b, at, "\"a\":1,\"a\":2".getBytes(StandardCharsets.UTF_8));
            }
            default: { // a line break where none was
                return insert(b, at, random.nextBoolean() ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
            }
        }
    }

    static byte[] mutateBinary(byte[] b, Random random) {
        int at = random.nextInt(b.length);
        switch (random.nextInt(5)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1:
            case 2: {
                byte[] c = b.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    c[random.nextInt(c.length)] = (byte) random.nextInt(256);
                }
                return c;
            }
            case 3: {
                byte[] junk = new byte[1 + random.nextInt(16)];
                random.nextBytes(junk);
                return insert(b, at, junk);
            }
            default: {
                int end = Math.min(b.length, at + 1 + random.nextInt(64));
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, end, b.length));
            }
        }
    }

    static byte[] gzipMaybeCut(byte[] input, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] z = out.toByteArray();
        return random.nextBoolean() ? Arrays.copyOf(z, 2 + random.nextInt(z.length - 1)) : z;
    }

    /** Reads {@code input} to its end; asserts what may escape and what every error says. */
    static void check(Sample s, byte[] input, ReadOptions base, boolean viaRegistry, boolean skip) {
        List<ChangeReadException> skipped = new ArrayList<>();
        ReadOptions options = skip ? base.skipOnError(skipped::add) : base.failOnError();
        int events = 0;
        try {
            s.adapter().detect(new Head(s.sourceName(), Arrays.copyOf(input, Math.min(input.length, Head.MAX_BYTES)),
                    false));
            ChangeReader reader = viaRegistry
                    ? ChangeReaders.open(new ByteArrayInputStream(input), s.sourceName(), s.adapter().name(), options)
                    : s.adapter().open(new ByteArrayInputStream(input), ReadContext.of(s.sourceName(), options));
            try (reader) {
                while (reader.hasNext()) {
                    assertNotNull(reader.next());
                    if (++events > input.length + 10) {
                        fail("more events than bytes: the reader loops");
                    }
                }
            }
            if (skip) {
                for (ChangeReadException e : skipped) {
                    assertClean(e, s);
                }
            }
        } catch (ChangeReadException e) {
            if (skip && !e.isInputBroken()) {
                // Under SKIP only an error at open (before any record) may be thrown.
                assertEquals(0, events, "under SKIP a record error was thrown: " + e.kind());
            }
            assertClean(e, s);
        } catch (IOException e) {
            fail("IOException escaped from an in-memory input: " + e.getClass().getName(), e);
        } catch (RuntimeException | Error e) {
            if (e instanceof AssertionError a) {
                throw a;
            }
            fail("escaped " + e.getClass().getName() + " reading " + s.file(), e);
        }
    }

    static void assertClean(ChangeReadException e, Sample s) {
        assertNotNull(e.position(), "position");
        assertEquals(s.sourceName(), e.position().sourceName());
        assertNotNull(e.kind());
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains(MARKER)) {
                fail("a message quotes the input: " + t.getClass().getName());
            }
            if (t != e && (t instanceof Error)) {
                fail("an Error was turned into a read error: " + t.getClass().getName(), t);
            }
            if (t == e.getCause() && t instanceof RuntimeException && s.text()) {
                fail("an unexpected " + t.getClass().getName() + " broke a text reader (" + e.detail() + ")", t);
            }
        }
        assertFalse(e.getMessage().isEmpty());
        assertTrue(e.getMessage().startsWith(s.sourceName()), "message names the source");
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static int indexOf(byte[] b, byte what, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == what) {
                return i;
            }
        }
        return -1;
    }
}
