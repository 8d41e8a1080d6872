package io.cdcsdk.core.json;

import io.cdcsdk.core.internal.CdcJsonAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CdcJsonReaderTest {
    private static final String MARKER = "SECRET-MARKER-42";

    private static String line(String table, int id) {
        return "{\"op\":\"insert\",\"source\":{\"format\":\"dms-json\",\"schema\":\"s\",\"table\":\"" + table
                + "\"},\"key\":{\"id\":" + id + "},\"before\":null,\"after\":{\"id\":" + id
                + "},\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}";
    }

    private static ChangeReader open(byte[] input, String name, ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(new ByteArrayInputStream(input), name, null, options);
    }

    private static ChangeReader open(String input, ReadOptions options) throws IOException {
        return open(input.getBytes(StandardCharsets.UTF_8), "in.ndjson", options);
    }

    private static List<Integer> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> e.after().decimal("id").intValueExact()).toList();
    }

    @Test
    void skipReportsTheTruncatedValueOnceAndReadsTheLinesAfterIt() throws IOException {
        String input = line("t", 1) + "\n" + line("t", 2).substring(0, 40) + "\n" + line("t", 3) + "\n"
                + line("t", 4) + "\n";
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = Golden.readAll(open(input, ReadOptions.defaults().skipOnError(skipped::add)));
        assertEquals(List.of(1, 3, 4), ids(events));
        assertEquals(1, skipped.size());
        assertEquals(ChangeReadException.Kind.MALFORMED, skipped.get(0).kind());
        assertEquals(2, skipped.get(0).position().line());
        assertEquals(2, skipped.get(0).position().record());
        assertEquals(BigDecimal.valueOf(3), events.get(1).meta().get(ChangeEvent.META_LINE));
        assertEquals("in.ndjson", events.get(1).meta().get(ChangeEvent.META_FILE));
    }

    @Test
    void failThrowsAtTheTruncatedValueAndThenEnds() throws IOException {
        String input = line("t", 1) + "\n" + line("t", 2).substring(0, 40) + "\n" + line("t", 3) + "\n";
        ChangeReader reader = open(input, ReadOptions.defaults());
        assertEquals(1, ids(List.of(reader.next())).get(0));
        ChangeReadException e = assertThrows(ChangeReadException.class, reader::hasNext);
        assertEquals(2, e.position().line());
        assertFalse(reader.hasNext());
        assertThrows(java.util.NoSuchElementException.class, reader::next);
    }

    @Test
    void topLevelGarbageLineIsSkipped() throws IOException {
        String input = line("t", 1) + "\nnot json at all\n" + line("t", 2) + "\n";
        List<ChangeReadException> skipped = new ArrayList<>();
        assertEquals(List.of(1, 2), ids(Golden.readAll(open(input, ReadOptions.defaults().skipOnError(skipped::add)))));
        assertEquals(1, skipped.size());
        assertEquals(2, skipped.get(0).position().line());
    }

    @Test
    void recordSizeAndDepthLimitsAreReportedAndSkipped() throws IOException {
        String big = "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"s\":\"" + "x".repeat(5000) + "\"}}";
        String deep = "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"d\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}";
        String input = line("t", 1) + "\n" + big + "\n" + deep + "\n" + line("t", 2) + "\n";
        List<ChangeReadException> skipped = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().withLimits(Limits.DEFAULTS.withMaxRecordBytes(4096))
                .skipOnError(skipped::add);
        assertEquals(List.of(1, 2), ids(Golden.readAll(open(input, options))));
        assertEquals(List.of(ChangeReadException.Kind.LIMIT_EXCEEDED, ChangeReadException.Kind.LIMIT_EXCEEDED),
                skipped.stream().map(ChangeReadException::kind).toList());
        assertEquals(List.of(2L, 3L), skipped.stream().map(e -> e.position().line()).toList());
    }

    @Test
    void nestingDepthFollowsTheConfiguredLimit() throws IOException {
        // 70 levels: over the default depth of 64, within a raised limit of 200.
        String deep = "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"d\":" + "[".repeat(70)
                + "]".repeat(70) + "}}";
        assertEquals(2, Golden.readAll(open(line("t", 1) + "\n" + deep + "\n",
                ReadOptions.defaults().withLimits(Limits.DEFAULTS.withMaxNestingDepth(200)))).size());
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> Golden.readAll(open(line("t", 1) + "\n" + deep + "\n", ReadOptions.defaults())));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
    }

    @Test
    void duplicateKeysAreMalformed() throws IOException {
        String dup = "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"id\":1,\"id\":2}}";
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> Golden.readAll(open(line("t", 1) + "\n" + dup + "\n", ReadOptions.defaults())));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(2, e.position().line());
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void numberBeyondTheDecimalRangeIsOneMalformedRecord() throws IOException {
        String huge = "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"n\":687535E128027294777}}";
        List<ChangeReadException> skipped = new ArrayList<>();
        String input = line("t", 1) + "\n" + huge + "\n" + line("t", 2) + "\n";
        assertEquals(List.of(1, 2), ids(Golden.readAll(open(input, ReadOptions.defaults().skipOnError(skipped::add)))));
        assertEquals(1, skipped.size());
        assertEquals(ChangeReadException.Kind.MALFORMED, skipped.get(0).kind());
        assertFalse(skipped.get(0).isInputBroken());
        for (Throwable t = skipped.get(0); t != null; t = t.getCause()) {
            assertFalse(t.getMessage().contains("687535"), t.getMessage());
        }
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> ChangeEventJson.fromJson(huge));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
    }

    @Test
    void extremeExponentsInMetaDoNotHangToString() {
        String json = "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"meta\":{\"file\":\"f\","
                + "\"line\":1E+999999999,\"record\":1E-999999999}}";
        ChangeEvent e = ChangeEventJson.fromJson(json);
        String s = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                e::toString);
        assertTrue(s.contains("from f"), s);
        assertEquals(-1, e.origin().line());
        assertEquals(-1, e.origin().record());
        assertEquals(ChangeEventJson.toJson(e), ChangeEventJson.toJson(ChangeEventJson.fromJson(ChangeEventJson.toJson(e))));
    }

    @Test
    void positionIsTheLastReturnedEventsEvenAfterHasNextReadsAhead() throws IOException {
        try (ChangeReader reader = open(line("t", 1) + "\n\n" + line("t", 2) + "\n", ReadOptions.defaults())) {
            assertEquals(-1, reader.position().line());
            reader.next();
            assertEquals(1, reader.position().line());
            assertTrue(reader.hasNext());
            assertEquals(1, reader.position().line());
            assertEquals(1, reader.position().record());
            reader.next();
            assertFalse(reader.hasNext());
            assertEquals(new io.cdcsdk.core.Position("in.ndjson", 3, line("t", 1).length() + 2, 2), reader.position());
        }
    }

    @Test
    void readsEveryMemberOfAMultiMemberGzip() throws IOException {
        byte[] a = ReaderLayoutEquivalenceTest.gzip((line("t", 1) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] b = ReaderLayoutEquivalenceTest.gzip((line("t", 2) + "\n" + line("t", 3) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertEquals(List.of(1, 2, 3), ids(Golden.readAll(open(both, "x.gz", ReadOptions.defaults()))));
    }

    @Test
    void emptyInputsHaveNoEvents() throws IOException {
        byte[] emptyGzip = ReaderLayoutEquivalenceTest.gzip(new byte[0]);
        for (byte[] input : List.of(new byte[0], "\n\n".getBytes(StandardCharsets.UTF_8), emptyGzip, "[]".getBytes(StandardCharsets.UTF_8))) {
            ChangeReader reader = FormatRegistry.discover().open(new ByteArrayInputStream(input), "e.json",
                    CdcJsonAdapter.NAME, ReadOptions.defaults());
            assertEquals(List.of(), Golden.readAll(reader));
        }
        assertThrows(io.cdcsdk.core.UnknownFormatException.class,
                () -> open(new byte[0], "e.json", ReadOptions.defaults()));
    }

    @Test
    void corruptGzipHeaderIsAChangeReadException() {
        byte[] gz = ReaderLayoutEquivalenceTest.gzip((line("t", 1) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] bad = java.util.Arrays.copyOf(gz, gz.length);
        bad[2] = 7; // compression method other than deflate
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> Golden.readAll(open(bad, "x.gz", ReadOptions.defaults())));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertThrows(ChangeReadException.class, () -> Golden.readAll(open(new byte[] {0x1f, (byte) 0x8b}, "x.gz",
                ReadOptions.defaults())));
    }

    @Test
    void gzipIsRecognisedByMagicBytesWhateverTheName() throws IOException {
        byte[] gz = ReaderLayoutEquivalenceTest.gzip((line("t", 1) + "\n" + line("t", 2) + "\n").getBytes(StandardCharsets.UTF_8));
        for (String name : List.of("a.json.gz", "a.json", "a.csv", "a", "a.parquet")) {
            assertEquals(List.of(1, 2), ids(Golden.readAll(open(gz, name, ReadOptions.defaults()))), name);
        }
        byte[] plain = (line("t", 1) + "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(1), ids(Golden.readAll(open(plain, "a.json.gz", ReadOptions.defaults()))));
    }

    @Test
    void corruptedOrTruncatedGzipIsAChangeReadException() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append(line("t", i)).append('\n');
        }
        byte[] gz = ReaderLayoutEquivalenceTest.gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
        Seeds.forAll("corrupted gzip", 0x5EED_0201L, 500, random -> {
            byte[] bad;
            if (random.nextBoolean()) {
                bad = java.util.Arrays.copyOf(gz, random.nextInt(gz.length));
            } else {
                bad = gz.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            for (boolean skip : new boolean[] {false, true}) {
                List<ChangeReadException> skipped = new ArrayList<>();
                ReadOptions options = skip ? ReadOptions.defaults().skipOnError(skipped::add) : ReadOptions.defaults();
                try (ChangeReader reader = FormatRegistry.discover().open(new ByteArrayInputStream(bad), "a.gz",
                        CdcJsonAdapter.NAME, options)) {
                    reader.forEachRemaining(e -> { });
                } catch (ChangeReadException expected) {
                    assertFalse(skip && !expected.isInputBroken(), "SKIP lets only a broken input escape");
                } catch (Throwable t) {
                    fail("expected ChangeReadException, got " + t, t);
                }
            }
        });
    }

    @Test
    void truncatedGzipNamesTheProblem() {
        byte[] gz = ReaderLayoutEquivalenceTest.gzip((line("t", 1) + "\n" + line("t", 2) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 12);
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> Golden.readAll(open(cut, "a.json.gz", ReadOptions.defaults())));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void gzipBombStopsAtTheRatioLimit() throws IOException {
        byte[] bomb = bomb(line("t", 1) + "\n", 200L << 20);
        assertTrue(bomb.length < 1 << 20, "the bomb is small: " + bomb.length);
        ReadOptions low = ReadOptions.defaults().withLimits(Limits.DEFAULTS.withMaxGzipRatio(100, 1 << 20));

        ChangeReader reader = open(bomb, "a.json.gz", low);
        assertEquals(List.of(1), ids(List.of(reader.next())));
        ChangeReadException e = assertThrows(ChangeReadException.class, reader::hasNext);
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
        assertFalse(reader.hasNext());

        List<ChangeReadException> skipped = new ArrayList<>();
        assertEquals(List.of(1), ids(Golden.readAll(open(bomb, "a.json.gz", low.skipOnError(skipped::add)))));
        assertEquals(1, skipped.size());
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, skipped.get(0).kind());
    }

    /** Gzip of {@code head} followed by {@code zeros} zero bytes, compressed as it is written. */
    private static byte[] bomb(String head, long zeros) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(head.getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= block.length) {
                gz.write(block, 0, (int) Math.min(block.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void plantedValuesNeverReachAMessage() throws IOException {
        String src = "\"source\":{\"format\":\"x\",\"schema\":null,\"table\":\"t\"}";
        List<String> bad = List.of(
                "{\"op\":\"insert\"," + src + ",\"after\":{\"n\":1" + MARKER + "}}",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"s\":\"\\" + MARKER + "\"}}",
                "{\"op\":\"" + MARKER + "\"," + src + "}",
                "{\"op\":\"insert\"," + src + ",\"ts\":\"" + MARKER + "\"}",
                "{\"op\":\"insert\"," + src + ",\"after\":\"" + MARKER + "\"}",
                "{\"op\":\"insert\",\"source\":\"" + MARKER + "\"}",
                "{\"op\":\"insert\"," + src + ",\"position\":{\"p\":\"" + MARKER + "\"}}",
                "{\"op\":\"insert\"," + src + ",\"meta\":[\"" + MARKER + "\"]}",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"" + MARKER + "\":1,\"" + MARKER + "\":2}}",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"s\":\"" + MARKER + "\u0001\"}}",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"s\":\"" + MARKER + "\",}}",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"s\":\"" + MARKER + "\"" + "}}}",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"s\":\"" + MARKER + "x".repeat(5000) + "\"}}",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"s\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"" + MARKER + "\"",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"s\":\"" + MARKER,
                MARKER + " {\"op\":\"insert\"}",
                "[\"" + MARKER + "\"]",
                "{\"op\":\"insert\"," + src + ",\"after\":{\"n\":" + "9".repeat(2000) + "}, \"x\":\"" + MARKER + "\"}");
        ReadOptions limits = ReadOptions.defaults().withLimits(Limits.DEFAULTS.withMaxRecordBytes(4096)
                .withMaxNestingDepth(20));
        for (String record : bad) {
            String input = line("t", 1) + "\n" + record + "\n" + line("t", 2) + "\n";
            List<ChangeReadException> skipped = new ArrayList<>();
            Golden.readAll(open(input, limits.skipOnError(skipped::add)));
            assertFalse(skipped.isEmpty(), "a bad record is reported: " + record.substring(0, Math.min(80, record.length())));
            skipped.forEach(CdcJsonReaderTest::assertNoMarker);
            ChangeReadException thrown = assertThrows(ChangeReadException.class,
                    () -> Golden.readAll(open(input, limits)));
            assertNoMarker(thrown);
            try {
                ChangeEventJson.fromJson(record); // some records break only the lower limits above
            } catch (ChangeReadException e) {
                assertNoMarker(e);
            }
        }
    }

    static void assertNoMarker(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertFalse(String.valueOf(c.getMessage()).contains(MARKER), c.toString());
            assertFalse(c.toString().contains(MARKER), c.toString());
        }
    }

    @Test
    void readsBackGeneratedEventsWrittenWithWriteLine() throws IOException {
        Seeds.forAll("writeLine then read", 0x5EED_0202L, 100, random -> {
            List<ChangeEvent> events = Generators.events(random, 20);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            try {
                for (ChangeEvent e : events) {
                    ChangeEventJson.writeLine(e, w);
                }
                w.flush();
                List<ChangeEvent> read = Golden.readAll(open(out.toByteArray(), "w.ndjson", ReadOptions.defaults()));
                assertEquals(events.stream().map(ChangeEventJson::normalize).map(ReaderLayoutEquivalenceTest::withoutOrigin).toList(),
                        read.stream().map(ReaderLayoutEquivalenceTest::withoutOrigin).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void streamCloseClosesTheReaderAndItsInput() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream((line("t", 1) + "\n" + line("t", 2) + "\n").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        ChangeReader reader = FormatRegistry.discover().open(in, "in.ndjson", null, ReadOptions.defaults());
        try (var stream = reader.stream()) {
            assertEquals(1, stream.limit(1).count());
        }
        assertTrue(closed[0], "input closed");
        assertFalse(reader.hasNext());
        assertInstanceOf(ChangeReader.class, reader);
    }
}
