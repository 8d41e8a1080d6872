package io.cdcsdk.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A bad record's bytes travel with its error (ChangeReadException.rawRecord), for dead letters. */
class RawRecordTest {
    private static String line(int id) {
        return "{\"op\":\"insert\",\"source\":{\"format\":\"cdc-json\",\"schema\":\"s\",\"table\":\"t\"},\"key\":{\"id\":" + id
                + "},\"before\":null,\"after\":{\"id\":" + id + "},\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}";
    }

    private static List<ChangeReadException> skipped(String input, Limits limits, int expectedEvents) throws IOException {
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = Golden.readAll(FormatRegistry.discover().open(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "in.ndjson", "cdc-json",
                ReadOptions.defaults().withLimits(limits).skipOnError(skipped::add)));
        assertEquals(expectedEvents, events.size());
        return skipped;
    }

    private static Optional<Bytes> bytes(String text) {
        return Optional.of(Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachKindOfBadRecordKeepsItsOwnBytes() throws IOException {
        String invalid = line(2).replace("\"insert\"", "\"upsert\"");
        String truncated = line(3).substring(0, 50);
        String notJson = "garbage, not a value";
        String pretty = line(4).replace(",\"key\"", ",\r\n\t\"key\"").replace("\"op\":\"insert\"", "\"op\":7");
        String input = line(1) + "\n" + invalid + "\n" + truncated + "\r\n" + notJson + "\r\n" + pretty + "\n" + line(5) + "\n";

        List<ChangeReadException> skipped = skipped(input, Limits.DEFAULTS, 2);

        assertEquals(4, skipped.size());
        assertEquals(bytes(invalid), skipped.get(0).rawRecord());
        assertEquals(bytes(truncated), skipped.get(1).rawRecord());
        assertEquals(bytes(notJson), skipped.get(2).rawRecord());
        assertEquals(bytes(pretty), skipped.get(3).rawRecord());
        for (ChangeReadException e : skipped) {
            assertEquals(Optional.of("cdc-json"), e.format());
        }
    }

    @Test
    void aRecordOverTheSizeLimitHasNoBytes() throws IOException {
        String big = line(2).replace("\"id\":2}", "\"id\":2,\"pad\":\"" + "x".repeat(400) + "\"}");
        List<ChangeReadException> skipped = skipped(line(1) + "\n" + big + "\n" + line(3) + "\n",
                Limits.DEFAULTS.withMaxRecordBytes(300), 2);
        assertEquals(1, skipped.size());
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, skipped.get(0).kind());
        assertEquals(Optional.empty(), skipped.get(0).rawRecord());
        assertTrue(skipped.get(0).format().isPresent());
    }
}
