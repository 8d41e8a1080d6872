package io.cdcsdk.core.testing;

import io.cdcsdk.core.internal.JsonParsing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden-file assertions: expected events are hand-written NDJSON in the ChangeEvent JSON form,
 * compared with the actual events as parsed JSON (numbers compared exactly, scale included).
 * Lines of the expected file that are blank or start with {@code //} are ignored.
 */
public final class Golden {
    private static final ObjectMapper MAPPER = JsonParsing.mapper(Limits.DEFAULTS);

    private Golden() {
    }

    /** Reads every event of a reader, closing it. */
    public static List<ChangeEvent> readAll(ChangeReader reader) {
        List<ChangeEvent> events = new ArrayList<>();
        try (reader) {
            reader.forEachRemaining(events::add);
        }
        return events;
    }

    /** Asserts that {@code actual} equals the events of the expected NDJSON file, one by one. */
    public static void assertMatches(Path expectedNdjson, List<ChangeEvent> actual) throws IOException {
        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(expectedNdjson, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("//")) {
                expected.add(MAPPER.readTree(t));
            }
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            JsonNode a = MAPPER.readTree(ChangeEventJson.toJson(actual.get(i)));
            if (!expected.get(i).equals(a)) {
                fail(expectedNdjson.getFileName() + ": event " + (i + 1) + " differs\nexpected: "
                        + expected.get(i) + "\nactual:   " + a);
            }
        }
        assertEquals(expected.size(), actual.size(), expectedNdjson.getFileName() + ": number of events");
    }

    /** The path of a test resource of the calling module ({@code src/test/resources/...}). */
    public static Path resource(String name) {
        Path p = Path.of("src/test/resources").resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no test resource " + p.toAbsolutePath());
        }
        return p;
    }
}
