package io.cdcsdk.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.Test;

/**
 * Both DynamoDB readers and {@link AttributeValues} under mutation: the samples, with a marker
 * planted in a value, then damaged at random (truncated, bytes flipped, garbage inserted, ranges
 * deleted or repeated, keys duplicated, attribute values of the wrong type such as
 * {@code {"N": "12abc"}}, two type tags, unknown tags, deep nesting, long strings), read under FAIL
 * and SKIP. Only {@link ChangeReadException} may leave, always with a position naming the source,
 * and the marker never reaches a message. Replay one try with {@code -Dcdc.seed=... -Dcdc.tries=1}.
 */
class DynamoDbMutationTest {
    static final String MARKER = "SECRET-MARKER-DDB";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8);
    private static final String[] GARBAGE = {
        "{", "}", "[", "]", "\"", ",", ":", "\n", "\r\n", "\\", "\\u", "\\ud800", "\u0000", "\u00ff", "\ufeff",
        "1e999999999", "-0.0E-2147483649", "null", "true", "\"\"", "{}", "[]",
        "\"Records\":[],", "\"Records\":{},", "\"eventName\":\"INSERT\",", "\"eventName\":\"REMOVE\",",
        "\"dynamodb\":{},", "\"dynamodb\":[],", "\"Item\":{},", "\"Keys\":{},", "\"NewImage\":null,",
        "\"kinesis\":{\"data\":\"e30=\"},", "\"detail\":{},\"detail-type\":\"x\",", "\"batchItemFailures\":[],",
        "\"Metadata\":{\"WriteTimestampMicros\":{\"S\":\"x\"}},", "\"ApproximateCreationDateTime\":1e400,",
        "\"ApproximateCreationDateTime\":\"1.5e99\",", "\"eventSourceARN\":\"arn:aws:dynamodb:r:1:table/\",",
        "\"x\":{\"NULL\":false},", "\"x\":{\"BOOL\":\"true\"},", "\"x\":{\"SS\":[1]},", "\"x\":{\"NS\":[\"1\",\"1\"]},",
        "\"x\":{\"BS\":[\"!!\"]},", "\"x\":{\"L\":{}},", "\"x\":{\"M\":[]},", "\"x\":{},",
    };
    private static final String[][] REPLACEMENTS = {
        // wrong attribute types, two tags, unknown tags, bad numbers and base64 (the marker rides along)
        {"\"N\":\"", "\"N\":\"12abc" + MARKER}, {"\"N\": \"", "\"N\": \"1e999999" + MARKER},
        {"\"N\":\"", "\"N\":\"" + "9".repeat(60)}, {"\"N\":\"", "\"N\":1"},
        {"{\"S\":", "{\"N\":\"1\",\"S\":"}, {"{\"S\": ", "{\"B\": \"AA==\", \"S\": "}, {"\"S\":", "\"Q\":"},
        {"\"S\": ", "\"SS\": "}, {"\"M\":", "\"L\":"}, {"\"L\":", "\"M\":"}, {"\"SS\":", "\"NS\":"},
        {"\"NS\":", "\"BS\":"}, {"\"B\":\"", "\"B\":\"!" + MARKER}, {"\"BOOL\":", "\"NULL\":"},
        {"\"S\":\"", "\"S\":{\"S\":\"" + MARKER + "\"},\"x\":\""}, {"\"INSERT\"", "\"UPSERT\""},
        {"\"MODIFY\"", "\"modify\""}, {"\"REMOVE\"", "null"}, {"\"Records\":", "\"Records\":{\"r\":"},
        {"\"dynamodb\":", "\"dynamodb\":\"" + MARKER + "\",\"y\":"}, {"\"NewImage\":", "\"NewImage\":[],\"z\":"},
        {"\"Keys\":", "\"Keys\":\"" + MARKER + "\",\"k\":"}, {"\"Item\":", "\"Item\":[\"" + MARKER + "\"],\"i\":"},
        {"\"data\":\"", "\"data\":\"!!" + MARKER}, {"\"data\":\"", "\"data\":\"e30K"},
        {"\"ApproximateCreationDateTime\":", "\"ApproximateCreationDateTime\":\"" + MARKER + "\",\"t\":"},
        {"\"ApproximateCreationDateTime\": ", "\"ApproximateCreationDateTime\": -9e30, \"t\": "},
        {"\"WriteTimestampMicros\":", "\"WriteTimestampMicros\":{\"N\":\"9e40\"},\"w\":"},
        {"\"eventSourceARN\":\"", "\"eventSourceARN\":\"" + MARKER},
    };

    /** A sample and how to read it. */
    record Sample(String file, byte[] bytes, String sourceName, FormatAdapter adapter, ReadOptions options) {
    }

    static List<Sample> streamSamples() throws IOException {
        List<Sample> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Golden.resource("samples"))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json")) {
                    out.add(new Sample(name, Files.readAllBytes(p), name, new DynamoDbStreamAdapter(),
                            ReadOptions.defaults()));
                }
            }
        }
        // NDJSON and concatenated records: the reader resumes at the next line or value
        byte[] record = Files.readAllBytes(Golden.resource("samples/lambda-record_java-libs_single-modify-record.json"));
        String one = new String(record, StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*", "");
        out.add(new Sample("ndjson", (one + "\n" + one + "\n" + one + "\n").getBytes(StandardCharsets.UTF_8),
                "records.ndjson", new DynamoDbStreamAdapter(), ReadOptions.defaults()));
        out.add(new Sample("concatenated", (one + one + " " + one).getBytes(StandardCharsets.UTF_8),
                "records.json", new DynamoDbStreamAdapter(), ReadOptions.defaults()));
        return out;
    }

    static List<Sample> exportSamples() throws IOException {
        ReadOptions options = ReadOptions.defaults().withExtension(DynamoDbExportOptions.of("Books", "Id"));
        List<Sample> out = new ArrayList<>();
        out.add(new Sample("full-export", Files.readAllBytes(
                Golden.resource("samples/export/full-export_data_dynamodb-json_aws-docs.jsonl")),
                "AWSDynamoDB/01/data/a.json", new DynamoDbExportAdapter(), options));
        out.add(new Sample("incremental", String.join("\n",
                "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1680109764000000\"}},\"Keys\":{\"Id\":{\"N\":\"101\"}},"
                        + "\"OldImage\":{\"Id\":{\"N\":\"101\"},\"S\":{\"S\":\"a\"}},\"NewImage\":{\"Id\":{\"N\":\"101\"},"
                        + "\"S\":{\"S\":\"b\"},\"L\":{\"L\":[{\"NULL\":true},{\"BOOL\":false},{\"B\":\"AAE=\"}]}}}",
                "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1680109764000001\"}},\"Keys\":{\"Id\":{\"N\":\"102\"}},"
                        + "\"NewImage\":{\"Id\":{\"N\":\"102\"},\"M\":{\"M\":{\"x\":{\"NS\":[\"1\",\"2.50\"]},"
                        + "\"s\":{\"SS\":[\"p\",\"q\"]}}}}}",
                "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1680109764000002\"}},\"Keys\":{\"Id\":{\"N\":\"103\"}}}",
                "").getBytes(StandardCharsets.UTF_8), "AWSDynamoDB/01/data/b.json", new DynamoDbExportAdapter(), options));
        out.add(new Sample("manifest", Files.readAllBytes(
                Golden.resource("samples/export/full-export_manifest-summary_aws-docs.json")),
                "manifest-summary.json", new DynamoDbExportAdapter(), options));
        return out;
    }

    // Small limits in a share of the runs, so that limits are hit by damaged input too.
    private static final Limits SMALL = Limits.DEFAULTS.withMaxRecordBytes(900).withMaxStringLength(60)
            .withMaxNestingDepth(9).withMaxNumberLength(20);

    static final AtomicLong INPUTS = new AtomicLong();

    @Test
    void streamSamplesUnderMutation() throws IOException {
        List<Sample> samples = streamSamples();
        assertEquals(17, samples.size());
        run("dynamodb-stream mutation", 0xDDB_0001L, 3000, samples);
    }

    @Test
    void exportSamplesUnderMutation() throws IOException {
        run("dynamodb-export mutation", 0xDDB_0002L, 1500, exportSamples());
    }

    @Test
    void itemsUnderMutation() throws IOException {
        List<Sample> items = new ArrayList<>();
        for (String line : Files.readAllLines(
                Golden.resource("samples/export/full-export_data_dynamodb-json_aws-docs.jsonl"))) {
            String item = line.substring(line.indexOf(':') + 1, line.length() - 1);
            items.add(new Sample("item", item.getBytes(StandardCharsets.UTF_8), "item", null, ReadOptions.defaults()));
        }
        long before = INPUTS.get();
        Seeds.forAll("AttributeValues mutation", 0xDDB_0003L, 1500, random -> {
            Sample s = items.get(random.nextInt(items.size()));
            byte[] input = mutate(s, random);
            INPUTS.incrementAndGet();
            try {
                AttributeValues.parseItem(new String(input, StandardCharsets.UTF_8));
            } catch (ChangeReadException e) {
                assertClean(e, "item");
            } catch (RuntimeException | StackOverflowError e) {
                fail("escaped " + e.getClass().getName() + " from AttributeValues.parseItem", e);
            }
        });
        System.out.println("AttributeValues mutation: " + (INPUTS.get() - before) + " mutated items");
    }

    private static void run(String property, long seed, int tries, List<Sample> samples) {
        long before = INPUTS.get();
        Seeds.forAll(property, seed, tries, random -> {
            Sample s = samples.get(random.nextInt(samples.size()));
            byte[] input = mutate(s, random);
            ReadOptions options = random.nextInt(4) == 0 ? s.options().withLimits(SMALL) : s.options();
            boolean gzip = random.nextInt(8) == 0;
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
        byte[] b = plantMarker(s.bytes(), random);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            b = mutateText(b, random);
        }
        return b;
    }

    /** Puts the marker at the start of a string value (after {@code ":"}). */
    static byte[] plantMarker(byte[] b, Random random) {
        List<Integer> spots = new ArrayList<>();
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == ':' && (b[i + 1] == '"' || b[i + 1] == ' ' && b[i + 2] == '"')) {
                spots.add(b[i + 1] == '"' ? i + 2 : i + 3);
            }
        }
        int at = spots.isEmpty() ? random.nextInt(b.length + 1) : spots.get(random.nextInt(spots.size()));
        return insert(b, at, MARKER_BYTES);
    }

    static byte[] mutateText(byte[] b, Random random) {
        if (b.length == 0) {
            return bytes(GARBAGE[random.nextInt(GARBAGE.length)]);
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(10)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1: {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << random.nextInt(8));
                return c;
            }
            case 2:
                return insert(b, at, bytes(GARBAGE[random.nextInt(GARBAGE.length)]));
            case 3: {
                int end = Math.min(b.length, at + 1 + random.nextInt(64));
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, end, b.length));
            }
            case 4: {
                int end = Math.min(b.length, at + 1 + random.nextInt(200));
                return insert(b, end, Arrays.copyOfRange(b, at, end));
            }
            case 5: { // a key repeated in the same object
                int q = indexOf(b, (byte) '{', at);
                String[] keys = {"\"eventName\":\"INSERT\",", "\"dynamodb\":{},", "\"S\":\"x\",", "\"N\":\"1\",",
                    "\"Item\":{},", "\"Records\":[],", "\"Keys\":{},"};
                return insert(b, q >= 0 ? q + 1 : at, bytes(keys[random.nextInt(keys.length)]));
            }
            case 6: { // deep nesting, under and over the limits
                int depth = 1 + random.nextInt(random.nextBoolean() ? 20 : 400);
                int q = indexOf(b, (byte) '{', at);
                String open = "\"d\":" + "{\"L\":[".repeat(depth) + "{\"S\":\"" + MARKER + "\"}" + "]}".repeat(depth) + ",";
                return insert(b, q >= 0 ? q + 1 : at, bytes(open));
            }
            case 7: { // a long string or number
                int q = indexOf(b, (byte) '{', at);
                String v = random.nextBoolean() ? "\"long\":{\"S\":\"" + MARKER.repeat(1 + random.nextInt(20)) + "\"},"
                        : "\"big\":{\"N\":\"" + "1".repeat(1 + random.nextInt(60)) + "\"},";
                return insert(b, q >= 0 ? q + 1 : at, bytes(v));
            }
            default: { // a DynamoDB-specific damage
                for (int i = 0; i < 4; i++) {
                    String[] r = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
                    byte[] c = replaceOne(b, bytes(r[0]), bytes(r[1]), random);
                    if (c != null) {
                        return c;
                    }
                }
                return insert(b, at, bytes("\n"));
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
            for (ChangeReadException e : skipped) {
                assertClean(e, s.sourceName());
            }
        } catch (ChangeReadException e) {
            if (skip && !e.isInputBroken()) {
                assertEquals(0, events, "under SKIP a record error was thrown: " + e.kind());
            }
            assertClean(e, s.sourceName());
        } catch (IOException e) {
            fail("IOException escaped from an in-memory input: " + e.getClass().getName(), e);
        } catch (RuntimeException | Error e) {
            if (e instanceof AssertionError a) {
                throw a;
            }
            fail("escaped " + e.getClass().getName() + " reading " + s.file(), e);
        }
    }

    static void assertClean(ChangeReadException e, String sourceName) {
        assertNotNull(e.position(), "position");
        assertEquals(sourceName, e.position().sourceName());
        assertNotNull(e.kind());
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains(MARKER)) {
                fail("a message quotes the input: " + t.getClass().getName() + ": " + m.replace(MARKER, "<MARKER>"));
            }
            if (t != e && (t instanceof Error || t instanceof RuntimeException && !(t instanceof ChangeReadException))) {
                fail("an unexpected " + t.getClass().getName() + " became a read error (" + e.detail() + ")", t);
            }
        }
        assertFalse(e.getMessage().isEmpty());
        assertTrue(e.getMessage().startsWith(sourceName), "message names the source");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replaceOne(byte[] b, byte[] what, byte[] with, Random random) {
        List<Integer> hits = new ArrayList<>();
        for (int i = indexOf(b, what, 0); i >= 0; i = indexOf(b, what, i + 1)) {
            hits.add(i);
        }
        if (hits.isEmpty()) {
            return null;
        }
        int at = hits.get(random.nextInt(hits.size()));
        return concat(concat(Arrays.copyOf(b, at), with), Arrays.copyOfRange(b, at + what.length, b.length));
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

    static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = from; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
