package io.cdcsdk.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit of {@link Limits} on the {@code cdc-json} path, the error policy for gzip inputs that
 * break within the bytes read for detection, and the marker check over every layout and kind of
 * bad record.
 */
class HostileRecordsTest {
    private static final String MARKER = "SECRET-MARKER-42";
    private static final String SRC = "\"source\":{\"format\":\"x\",\"schema\":\"s\",\"table\":\"t\"}";

    private static String line(int id) {
        return "{\"op\":\"insert\"," + SRC + ",\"key\":{\"id\":" + id + "},\"before\":null,\"after\":{\"id\":" + id
                + "},\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}";
    }

    private static String insert(String after) {
        return "{\"op\":\"insert\"," + SRC + ",\"after\":" + after + "}";
    }

    private static ChangeReader open(byte[] input, String name, ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(new ByteArrayInputStream(input), name, null, options);
    }

    private static List<Integer> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> e.after().decimal("id").intValueExact()).toList();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Line 2 breaks the limit: FAIL throws LIMIT_EXCEEDED at line 2; SKIP reports it and reads lines 1 and 3. */
    private static ChangeReadException assertLimit(String bad, Limits limits, String what) throws IOException {
        byte[] input = (line(1) + "\n" + bad + "\n" + line(3) + "\n").getBytes(StandardCharsets.UTF_8);
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> Golden.readAll(open(input, "in.ndjson", ReadOptions.defaults().withLimits(limits))));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
        assertEquals(2, e.position().line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("in.ndjson line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        List<ChangeReadException> skipped = new ArrayList<>();
        assertEquals(List.of(1, 3), ids(Golden.readAll(open(input, "in.ndjson",
                ReadOptions.defaults().withLimits(limits).skipOnError(skipped::add)))));
        assertEquals(1, skipped.size());
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, skipped.get(0).kind());
        return e;
    }

    @Test
    void recordSizeLimit() throws IOException {
        assertLimit(insert("{\"s\":\"" + "x".repeat(3000) + "\"}"), Limits.DEFAULTS.withMaxRecordBytes(2048), "record size");
        // Exactly at the limit is allowed.
        String atLimit = insert("{\"id\":2,\"s\":\"\"}");
        String padded = insert("{\"id\":2,\"s\":\"" + "x".repeat(100) + "\"}");
        int size = padded.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(1, Golden.readAll(open(padded.getBytes(StandardCharsets.UTF_8), "in.ndjson",
                ReadOptions.defaults().withLimits(Limits.DEFAULTS.withMaxRecordBytes(size)))).size());
        assertFalse(atLimit.isEmpty());
    }

    @Test
    void stringLengthLimit() throws IOException {
        assertLimit(insert("{\"s\":\"" + "x".repeat(300) + "\"}"), Limits.DEFAULTS.withMaxStringLength(256), "String value length");
    }

    @Test
    void nestingDepthLimit() throws IOException {
        assertLimit(insert("{\"d\":" + "[".repeat(10) + "]".repeat(10) + "}"), Limits.DEFAULTS.withMaxNestingDepth(8),
                "nesting depth");
    }

    @Test
    void numberLengthLimit() throws IOException {
        assertLimit(insert("{\"n\":" + "9".repeat(60) + "}"), Limits.DEFAULTS.withMaxNumberLength(40), "Number value length");
        assertLimit(insert("{\"n\":1." + "5".repeat(60) + "}"), Limits.DEFAULTS.withMaxNumberLength(40), "Number value length");
    }

    @Test
    void gzipRatioLimitEndsTheInput() throws IOException {
        byte[] plain = (line(1) + "\n" + " ".repeat(200_000) + "\n" + line(3) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] gz = gzip(plain);
        ReadOptions low = ReadOptions.defaults().withLimits(Limits.DEFAULTS.withMaxGzipRatio(20, 1024));
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> Golden.readAll(open(gz, "in.json.gz", low)));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
        assertTrue(e.isInputBroken());
        assertTrue(e.getMessage().contains("gzip decompression ratio"), e.getMessage());
        List<ChangeReadException> skipped = new ArrayList<>();
        // The ratio breaks within the bytes read for detection: the record before it is still read.
        assertEquals(List.of(1), ids(Golden.readAll(open(gz, "in.json.gz", low.skipOnError(skipped::add)))));
        assertEquals(1, skipped.size());
        // Within the ratio, everything is read.
        assertEquals(List.of(1, 3), ids(Golden.readAll(open(gz, "in.json.gz", ReadOptions.defaults()))));
    }

    @Test
    void gzipBrokenWithinTheHeadGoesThroughThePolicy(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            sb.append(line(i)).append('\n');
        }
        byte[] gz = gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
        byte[] badHeader = gz.clone();
        badHeader[2] = 7; // not deflate
        byte[] cutHeader = Arrays.copyOf(gz, 5);
        byte[] cutData = Arrays.copyOf(gz, gz.length / 2);
        byte[] flipped = gz.clone();
        flipped[gz.length / 2] ^= (byte) 0x55;
        for (byte[] bad : List.of(badHeader, cutHeader, cutData, flipped)) {
            for (boolean named : new boolean[] {false, true}) {
                Path file = dir.resolve("bad.json.gz");
                Files.write(file, bad);
                // open() does not throw: the reader applies the policy.
                List<ChangeReadException> skipped = new ArrayList<>();
                List<ChangeEvent> events;
                try (ChangeReader r = FormatRegistry.discover().open(file, named ? "cdc-json" : null,
                        ReadOptions.defaults().skipOnError(skipped::add))) {
                    events = Golden.readAll(r);
                }
                assertEquals(1, skipped.size(), "one report");
                assertTrue(skipped.get(0).isInputBroken());
                assertTrue(skipped.get(0).getMessage().startsWith(file.toString()), skipped.get(0).getMessage());
                assertTrue(skipped.get(0).getMessage().contains("gzip"), skipped.get(0).getMessage());
                List<Integer> read = ids(events);
                assertEquals(read, java.util.stream.IntStream.rangeClosed(1, read.size()).boxed().toList(),
                        "the records before the break, in order");
                ChangeReader failing = FormatRegistry.discover().open(file, named ? "cdc-json" : null, ReadOptions.defaults());
                ChangeReadException e = assertThrows(ChangeReadException.class, () -> Golden.readAll(failing));
                assertTrue(e.getMessage().contains("gzip"), e.getMessage());
                assertFalse(failing.hasNext());
            }
        }
    }

    @Test
    void anAdapterThatFailsInOpenReportsThroughThePolicy(@TempDir Path dir) throws IOException {
        io.cdcsdk.core.spi.FormatAdapter failing = new io.cdcsdk.core.spi.FormatAdapter() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public io.cdcsdk.core.spi.FormatAdapter.Detection detect(io.cdcsdk.core.spi.FormatAdapter.Head head) {
                return io.cdcsdk.core.spi.FormatAdapter.Detection.CERTAIN;
            }

            @Override
            public ChangeReader open(java.io.InputStream in, io.cdcsdk.core.spi.ReadContext context) {
                throw ChangeReadException.malformed(io.cdcsdk.core.Position.of(context.sourceName()), "no footer");
            }
        };
        FormatRegistry registry = FormatRegistry.builder().add(failing).build();
        Path file = dir.resolve("x.bin");
        Files.write(file, new byte[] {1, 2, 3});
        for (ChangeReader r : List.of(registry.open(file, ReadOptions.defaults()),
                registry.open(new ByteArrayInputStream(new byte[] {1}), "x.bin", null, ReadOptions.defaults()))) {
            ChangeReadException e = assertThrows(ChangeReadException.class, r::hasNext);
            assertTrue(e.getMessage().endsWith("no footer"), e.getMessage());
            assertFalse(r.hasNext());
        }
        List<ChangeReadException> skipped = new ArrayList<>();
        try (ChangeReader r = registry.open(file, ReadOptions.defaults().skipOnError(skipped::add))) {
            assertFalse(r.hasNext());
            assertFalse(r.hasNext());
        }
        assertEquals(1, skipped.size());
    }

    /** The marker planted in every kind of bad record, in every layout, never reaches a message or a cause. */
    @Test
    void plantedMarkerNeverReachesAMessage() throws IOException {
        List<String> bad = List.of(
                insert("{\"s\":\"" + MARKER + "\",}"),
                insert("{\"s\":\"" + MARKER + "\" \"t\":1}"),
                insert("{\"n\":1" + MARKER + "}"),
                insert("{\"n\":-" + MARKER + "}"),
                insert("{\"n\":" + "9".repeat(60) + ",\"s\":\"" + MARKER + "\"}"),
                insert("{\"n\":1e99999999999,\"s\":\"" + MARKER + "\"}"),
                insert("{\"s\":\"" + MARKER + "x".repeat(300) + "\"}"),
                insert("{\"s\":\"" + MARKER + "\\x\"}"),
                insert("{\"s\":\"" + MARKER + "\\u12G4\"}"),
                insert("{\"s\":" + MARKER + "}"),
                insert("{\"s\":tru" + MARKER + "}"),
                insert("{\"" + MARKER + "\":1,\"" + MARKER + "\":2}"),
                insert("{\"d\":" + "[".repeat(10) + "\"" + MARKER + "\"" + "]".repeat(10) + "}"),
                insert("\"" + MARKER + "\""),
                insert("[\"" + MARKER + "\"]"),
                "{\"op\":\"" + MARKER + "\"," + SRC + "}",
                "{\"op\":[\"" + MARKER + "\"]," + SRC + "}",
                "{\"op\":\"insert\",\"source\":\"" + MARKER + "\"}",
                "{\"op\":\"insert\",\"source\":{\"format\":[\"" + MARKER + "\"]}}",
                "{\"op\":\"insert\"," + SRC + ",\"key\":\"" + MARKER + "\"}",
                "{\"op\":\"insert\"," + SRC + ",\"before\":[\"" + MARKER + "\"]}",
                "{\"op\":\"insert\"," + SRC + ",\"ts\":\"" + MARKER + "\"}",
                "{\"op\":\"insert\"," + SRC + ",\"tx\":{\"v\":\"" + MARKER + "\"}}",
                "{\"op\":\"insert\"," + SRC + ",\"meta\":\"" + MARKER + "\"}",
                "{\"op\":\"insert\"," + SRC + ",\"" + MARKER + "\":1}",
                "{\"op\":\"insert\"," + SRC + ",\"x\\n" + MARKER + "\":1}",
                "{\"op\":\"insert\"," + SRC + ",\"after\":{\"s\":\"" + MARKER,
                MARKER,
                "\"" + MARKER + "\"",
                "[\"" + MARKER + "\"]");
        Limits small = new Limits(4096, 256, 8, 40, 1000, 16L << 20);
        List<Function<String, byte[]>> layouts = List.of(
                r -> (line(1) + "\n" + r + "\n" + line(3) + "\n").getBytes(StandardCharsets.UTF_8),
                r -> ("[" + line(1) + ",\n" + r + ",\n" + line(3) + "]").getBytes(StandardCharsets.UTF_8),
                r -> (line(1) + r + "\n" + line(3)).getBytes(StandardCharsets.UTF_8));
        int reports = 0;
        for (String record : bad) {
            for (Function<String, byte[]> layout : layouts) {
                byte[] plain = layout.apply(record);
                for (byte[] input : List.of(plain, gzip(plain), Arrays.copyOf(gzip(plain), gzip(plain).length - 20))) {
                    List<ChangeReadException> skipped = new ArrayList<>();
                    try (ChangeReader r = open(input, "in.json", ReadOptions.defaults().withLimits(small)
                            .skipOnError(skipped::add))) {
                        Golden.readAll(r);
                    }
                    assertFalse(skipped.isEmpty(), "a bad record is reported: " + record.substring(0, Math.min(60, record.length())));
                    skipped.forEach(HostileRecordsTest::assertNoMarker);
                    reports += skipped.size();
                    try (ChangeReader r = open(input, "in.json", ReadOptions.defaults().withLimits(small))) {
                        Golden.readAll(r);
                    } catch (ChangeReadException e) {
                        assertNoMarker(e);
                        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
                    }
                }
            }
            try {
                ChangeEventJson.fromJson(record);
            } catch (ChangeReadException e) {
                assertNoMarker(e);
            }
        }
        assertTrue(reports >= bad.size() * 9, "reports: " + reports);
    }

    static void assertNoMarker(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertFalse(String.valueOf(c.getMessage()).contains(MARKER), c.toString());
            assertFalse(c.toString().contains(MARKER), c.toString());
            for (Throwable s : c.getSuppressed()) {
                assertNoMarker(s);
            }
        }
    }
}
