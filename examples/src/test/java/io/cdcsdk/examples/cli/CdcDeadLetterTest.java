package io.cdcsdk.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.json.DeadLetter;
import io.cdcsdk.examples.cli.CdcTest.Result;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cat --on-error skip --dead-letter FILE} keeps each bad record as a letter; {@code cat FILE} reads it back. */
class CdcDeadLetterTest {
    private static String record(int id, String operation) {
        return "{\"data\":{\"id\":" + id + ",\"name\":\"SECRET-MARKER-42\"},\"metadata\":{\"timestamp\":\"2024-06-12T10:35:23.123456Z\","
                + "\"record-type\":\"data\",\"operation\":\"" + operation + "\",\"partition-key-type\":\"schema-table\","
                + "\"schema-name\":\"public\",\"table-name\":\"orders\"}}";
    }

    private static final String BAD_OPERATION = record(2, "frobnicate");
    private static final String NOT_JSON = "garbage SECRET-MARKER-42";
    private static final String TRUNCATED = record(5, "insert").substring(0, 60);

    private static Path input(Path dir) throws IOException {
        Path file = dir.resolve("orders.json");
        Files.writeString(file, record(1, "insert") + "\n" + BAD_OPERATION + "\n" + record(3, "update") + "\n" + NOT_JSON
                + "\r\n" + TRUNCATED + "\n" + record(6, "delete") + "\n");
        return file;
    }

    @Test
    void eachBadRecordBecomesOneLetterWithItsBytesAndLineAndTheGoodOnesPrintAsBefore(@TempDir Path dir) throws IOException {
        Path file = input(dir);
        Path letters = dir.resolve("letters.ndjson");
        Files.writeString(letters, ""); // appended to, not replaced

        Result r = CdcTest.run("cat", "--on-error", "skip", "--dead-letter", letters.toString(), file.toString());

        assertEquals(0, r.status(), r.err());
        Result before = CdcTest.run("cat", "--on-error", "skip", file.toString());
        assertEquals(before, r); // the same events and the same lines on standard error as without letters
        assertEquals(List.of(1L, 3L, 6L), r.out().lines().map(ChangeEventJson::fromJson).map(e -> e.origin().line()).toList());
        assertEquals(3, r.err().lines().filter(l -> l.startsWith("cdc: skipped ")).count(), r.err());
        assertFalse(r.err().contains("SECRET-MARKER-42"), r.err());

        List<DeadLetter> sent = Files.readAllLines(letters).stream().map(DeadLetter::fromJson).toList();
        assertEquals(3, sent.size());
        List<String> raw = List.of(BAD_OPERATION, NOT_JSON, TRUNCATED);
        List<Long> lines = List.of(2L, 4L, 5L);
        for (int i = 0; i < 3; i++) {
            DeadLetter letter = sent.get(i);
            assertEquals(DeadLetter.Stage.DECODE, letter.stage());
            assertEquals(Bytes.of(raw.get(i).getBytes(StandardCharsets.UTF_8)), letter.raw());
            assertEquals(file.toString(), letter.origin().sourceName());
            assertEquals(lines.get(i), letter.origin().line());
            assertEquals("dms-json", letter.format());
            assertEquals(0, letter.attempts());
            assertTrue(letter.library().startsWith("cdc-sdk "), letter.library());
        }
    }

    @Test
    void catReadsALetterFileBackAndRecordsThatAreStillBadFailAgainWhereTheyStood(@TempDir Path dir) throws IOException {
        Path file = input(dir);
        Path letters = dir.resolve("letters.ndjson");
        CdcTest.run("cat", "--on-error", "skip", "--dead-letter", letters.toString(), file.toString());

        Result again = CdcTest.run("cat", "--on-error", "skip", letters.toString());

        assertEquals(0, again.status(), again.err());
        assertEquals("", again.out());
        List<String> skipped = again.err().lines().toList();
        assertEquals(3, skipped.size(), again.err());
        assertTrue(skipped.get(0).contains(file + " line 2"), skipped.get(0));
        assertTrue(skipped.get(1).contains(file + " line 4"), skipped.get(1));

        // Once the record is put right (here: in the letter), the same file reads as its event.
        DeadLetter first = DeadLetter.fromJson(Files.readAllLines(letters).get(0));
        DeadLetter fixed = new DeadLetter(first.stage(), first.errorClass(), first.errorMessage(), first.attempts(),
                first.failedAt(), first.library(), first.format(), first.origin(), first.id(), null,
                Bytes.of(record(2, "insert").getBytes(StandardCharsets.UTF_8)));
        Path redrive = dir.resolve("redrive.ndjson");
        Files.writeString(redrive, fixed.toJson() + "\n");
        Result read = CdcTest.run("cat", redrive.toString());
        assertEquals(0, read.status(), read.err());
        var event = ChangeEventJson.fromJson(read.out().strip());
        assertEquals(new Position(file.toString(), 2, -1, 2), event.origin());
        Map<?, ?> letterMeta = (Map<?, ?>) event.meta().get(DeadLetter.META);
        assertEquals("decode", letterMeta.get("stage"));
        assertEquals(BigDecimal.ZERO, letterMeta.get("attempts"));
        assertEquals(2, event.after().decimal("id").intValueExact());
    }

    @Test
    void deadLetterNeedsSkipAndCat(@TempDir Path dir) throws IOException {
        Path file = input(dir);
        assertEquals(Cdc.USAGE, CdcTest.run("cat", "--dead-letter", "x.ndjson", file.toString()).status());
        assertEquals(Cdc.USAGE, CdcTest.run("stats", "--dead-letter", "x.ndjson", file.toString()).status());
    }
}
