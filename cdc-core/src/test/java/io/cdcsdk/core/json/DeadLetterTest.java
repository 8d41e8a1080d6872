package io.cdcsdk.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTest {
    private static final String GOOD = "{\"op\":\"insert\",\"source\":{\"format\":\"cdc-json\",\"schema\":\"s\",\"table\":\"t\"},"
            + "\"key\":{\"id\":1},\"before\":null,\"after\":{\"id\":1},\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}";
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00.123Z");

    private static ChangeReader open(byte[] input, ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(new ByteArrayInputStream(input), "letters.ndjson", null, options);
    }

    private static DeadLetter decodeLetter(byte[] raw, String format) {
        return new DeadLetter(DeadLetter.Stage.DECODE, ChangeReadException.class.getName(), "bad", 0, AT, "cdc-sdk test",
                format, new Position("s3://bucket/in.json", 17, 4096, 17), null, null, Bytes.of(raw));
    }

    @Test
    void theFormIsWrittenInTheSpecsFieldOrder() {
        ChangeEvent event = ChangeEventJson.fromJson(GOOD);
        DeadLetter letter = new DeadLetter(DeadLetter.Stage.HANDLE, "java.lang.IllegalStateException", "downstream unavailable",
                3, AT, "cdc-sdk 0.2.0", "cdc-json", new Position("orders.json", 17, -1, 17), "4959", event, null);
        assertEquals("{\"deadLetter\":1,\"stage\":\"handle\",\"error\":{\"class\":\"java.lang.IllegalStateException\","
                + "\"message\":\"downstream unavailable\"},\"attempts\":3,\"failedAt\":\"2026-12-06T10:00:00.123Z\","
                + "\"library\":\"cdc-sdk 0.2.0\",\"format\":\"cdc-json\",\"origin\":{\"source\":\"orders.json\",\"line\":17,"
                + "\"record\":17},\"id\":\"4959\",\"event\":" + ChangeEventJson.toJson(event) + ",\"raw\":null}",
                letter.toJson());
        assertEquals(letter, DeadLetter.fromJson(letter.toJson()));
    }

    @Test
    void generatedEventsAndRawBytesReadBackEqual() {
        Seeds.forAll("letter round trip", 0x1e77e5L, 300, r -> {
            ChangeEvent event = ChangeEventJson.normalize(Generators.event(r));
            byte[] raw = new byte[r.nextInt(300)];
            r.nextBytes(raw); // any bytes: a record that failed to decode need not be text
            DeadLetter withEvent = DeadLetter.of(DeadLetter.Stage.values()[1 + r.nextInt(3)], event,
                    new IllegalStateException(r.nextBoolean() ? null : Generators.string(r)), r.nextInt(9), event.origin());
            DeadLetter withRaw = decodeLetter(raw, "dms-json");
            assertEquals(withEvent, DeadLetter.fromJson(withEvent.toJson()));
            DeadLetter back = DeadLetter.fromJson(withRaw.toJson());
            assertEquals(withRaw, back);
            assertArrayEquals(raw, back.raw().toByteArray());
        });
    }

    @Test
    void aDecodeLetterTakesTheReadersBytesFormatAndPosition() throws IOException {
        String bad = "{\"op\":\"upsert\",\"source\":{\"format\":\"cdc-json\",\"schema\":\"s\",\"table\":\"t\"}}";
        List<ChangeReadException> skipped = new ArrayList<>();
        byte[] input = (GOOD + "\n" + bad + "\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(2, Golden.readAll(FormatRegistry.discover().open(new ByteArrayInputStream(input), "in.ndjson", null,
                ReadOptions.defaults().skipOnError(skipped::add))).size());
        DeadLetter letter = DeadLetter.ofDecodeFailure(skipped.get(0));
        assertEquals(DeadLetter.Stage.DECODE, letter.stage());
        assertEquals("cdc-json", letter.format());
        assertEquals(new Position("in.ndjson", 2, GOOD.length() + 1, 2), letter.origin());
        assertEquals(Bytes.of(bad.getBytes(StandardCharsets.UTF_8)), letter.raw());
        assertEquals(0, letter.attempts());
        assertNull(letter.event());
        assertNull(letter.id());
        assertTrue(letter.library().matches("cdc-sdk \\d+\\.\\d+\\.\\d+.*"), letter.library()); // the build's version
    }

    @Test
    void aDeadLetterFileReadsBackAsItsEventsAndItsRecordsReadAgain() throws IOException {
        ChangeEvent event = ChangeEventJson.fromJson(GOOD.replace("\"meta\":{}", "\"meta\":{\"file\":\"orders.json\",\"line\":3}"));
        DeadLetter handled = DeadLetter.of(DeadLetter.Stage.HANDLE, event, new IllegalStateException("x"), 2, event.origin());
        DeadLetter decoded = decodeLetter(GOOD.replace("\"id\":1", "\"id\":2").getBytes(StandardCharsets.UTF_8), "cdc-json");
        byte[] file = (handled.toJson() + "\n" + decoded.toJson() + "\n").getBytes(StandardCharsets.UTF_8);

        List<ChangeEvent> events = Golden.readAll(open(file, ReadOptions.defaults()));

        assertEquals(2, events.size());
        assertEquals(Map.of("stage", "handle", "attempts", BigDecimal.valueOf(2), "id", "x").keySet(),
                ((Map<?, ?>) events.get(0).meta().get(DeadLetter.META)).keySet());
        assertEquals(BigDecimal.valueOf(2), ((Map<?, ?>) events.get(0).meta().get(DeadLetter.META)).get("attempts"));
        assertEquals(event.origin(), events.get(0).origin());
        assertEquals(BigDecimal.valueOf(2), events.get(1).after().decimal("id"));
        assertEquals(new Position("s3://bucket/in.json", 17, -1, 17), events.get(1).origin());
        assertEquals("decode", ((Map<?, ?>) events.get(1).meta().get(DeadLetter.META)).get("stage"));
    }

    @Test
    void aRecordThatIsStillBadFailsAgainAtItsOriginWithItsBytes() throws IOException {
        byte[] still = "{\"op\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
        byte[] file = (decodeLetter(still, "cdc-json").toJson() + "\n" + "{\"deadLetter\":1,\"stage\":\"decode\","
                + "\"error\":{\"class\":\"X\",\"message\":null},\"attempts\":0,\"failedAt\":\"2026-12-06T10:00:00Z\","
                + "\"library\":\"cdc-sdk 0.2.0\",\"format\":\"dms-parquet\",\"origin\":{\"source\":\"a.parquet\"},"
                + "\"id\":null,\"event\":null,\"raw\":null}\n" + decodeLetter(new byte[0], "cdc-json").toJson() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        List<ChangeReadException> skipped = new ArrayList<>();

        assertEquals(List.of(), Golden.readAll(open(file, ReadOptions.defaults().skipOnError(skipped::add))));

        assertEquals(3, skipped.size());
        ChangeReadException again = skipped.get(0);
        assertEquals(new Position("s3://bucket/in.json", 17, 4096, 17), again.position());
        assertEquals(Bytes.of(still), again.rawRecord().orElseThrow());
        assertEquals("cdc-json", again.format().orElseThrow());
        DeadLetter next = DeadLetter.ofDecodeFailure(again);
        assertEquals(Bytes.of(still), next.raw());
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, skipped.get(1).kind());
        assertTrue(skipped.get(1).detail().contains("neither an event nor the record's bytes"), skipped.get(1).detail());
        assertEquals(2, skipped.get(1).position().line());
        assertTrue(skipped.get(2).detail().contains("gave no event"), skipped.get(2).detail());
    }

    @Test
    void anEventThatFailsAgainCarriesItsAttemptsAndIdOver() throws IOException {
        ChangeEvent event = ChangeEventJson.fromJson(GOOD.replace("\"meta\":{}", "\"meta\":{\"file\":\"k.json\",\"envelopeId\":\"seq-9\"},"
                + "\"images\":{\"before\":\"absent\",\"after\":\"partial\"},\"unavailable\":[\"note\"]"));
        DeadLetter first = DeadLetter.of(DeadLetter.Stage.HANDLE, event, new IllegalStateException(), 3, event.origin());
        assertEquals("seq-9", first.id());
        ChangeEvent redriven = Golden.readAll(open((first.toJson() + "\n").getBytes(StandardCharsets.UTF_8),
                ReadOptions.defaults())).get(0);

        DeadLetter second = DeadLetter.of(DeadLetter.Stage.HANDLE, redriven, new IllegalStateException(), 2, redriven.origin());

        assertEquals(5, second.attempts());
        assertEquals("seq-9", second.id());
        assertFalse(second.event().meta().containsKey(DeadLetter.META));
        assertEquals(first.event(), second.event());
        assertEquals(event.images(), second.event().images());
        assertEquals(event.unavailable(), second.event().unavailable());
    }

    @Test
    void lettersOfAnotherVersionOrWithoutAStageAreRefusedWithoutQuotingThem() {
        String letter = decodeLetter("SECRET".getBytes(StandardCharsets.UTF_8), "cdc-json").toJson();
        ChangeReadException v2 = assertThrows(ChangeReadException.class,
                () -> DeadLetter.fromJson(letter.replace("\"deadLetter\":1", "\"deadLetter\":2")));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, v2.kind());
        ChangeReadException noStage = assertThrows(ChangeReadException.class,
                () -> DeadLetter.fromJson(letter.replace("\"stage\":\"decode\",", "")));
        assertEquals(ChangeReadException.Kind.MISSING_FIELD, noStage.kind());
        ChangeReadException badEvent = assertThrows(ChangeReadException.class,
                () -> DeadLetter.fromJson(letter.replace("\"event\":null", "\"event\":{\"op\":\"SECRET\"}")));
        assertFalse(badEvent.getMessage().contains("SECRET"), badEvent.getMessage());
        assertFalse(noStage.getMessage().contains("SECRET"));
    }

    @Test
    void theWriterAppendsWholeLinesFromManyThreads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("letters.ndjson");
        DeadLetter letter = decodeLetter(new byte[1000], "cdc-json");
        try (DeadLetterWriter w = DeadLetterWriter.appendingTo(file)) {
            w.write(letter);
        }
        try (DeadLetterWriter w = DeadLetterWriter.appendingTo(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> {
                    w.write(letter);
                    return null;
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(201, lines.size());
        for (String line : lines) {
            assertEquals(letter, DeadLetter.fromJson(line));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeadLetterWriter.to(out).write(letter.withoutErrorMessage());
        assertNull(DeadLetter.fromJson(out.toString(StandardCharsets.UTF_8).strip()).errorMessage());
    }
}
