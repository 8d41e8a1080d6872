package io.cdcsdk.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.JsonChangeReader;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Mutations;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * cdc-json reads events from parser tokens and leaves anything unusual to the tree path; every
 * value must give the event, or the failure, that the tree path alone gives. Records are written
 * events, some changed in one member: another type, a null, a missing or unknown member, a bad
 * operation or timestamp, a repeated name, or damage.
 */
class CdcJsonDirectTest {
    private static final String[] MEMBERS = {"op", "source", "key", "before", "after", "ts", "position", "tx", "meta"};
    private static final String[] REPLACEMENTS = {"null", "7", "\"text\"", "{}", "[1]", "true", "\"2024-13-01T00:00:00Z\"",
        "\"snapshot\"", "\"upsert\"", "{\"format\":\"f\"}", "{\"format\":1}", "{\"table\":\"t\"}",
        "{\"format\":\"f\",\"schema\":null,\"extra\":[1,{\"a\":2}]}", "\"2024-06-12T10:35:23.123456789Z\""};

    @Test
    void tokenReadingGivesTheEventsAndFailuresOfTreeReading() {
        int[] totals = new int[2];
        Seeds.forAll("cdc-json tokens equal tree", 0xCD1EL, 400, random -> {
            byte[] input = Mutations.jsonRecords(random, 30, 15, CdcJsonDirectTest::record);
            List<String> tree = read(input, false);
            List<String> tokens = read(input, true);
            assertEquals(tree, tokens);
            for (String s : tokens) {
                totals[s.startsWith("event") ? 0 : 1]++;
            }
        });
        assertTrue(totals[0] > 2_000 && totals[1] > 1_000, "events " + totals[0] + ", failures " + totals[1]);
    }

    @Test
    void writtenEventsAreReadFromTokensNotLeftToTheTree() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = io.cdcsdk.core.spi.JsonSupport.mapper(io.cdcsdk.core.Limits.DEFAULTS);
        Seeds.forAll("cdc-json tokens read written events", 0xCD1FL, 500, random -> {
            String json = ChangeEventJson.toJson(Generators.event(random));
            try (com.fasterxml.jackson.core.JsonParser p = mapper.createParser(json)) {
                assertEquals(ChangeEventJson.fromJson(json), ChangeEventJson.read(p));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static List<String> read(byte[] input, boolean tokens) {
        List<String> out = new ArrayList<>();
        ReadContext context = ReadContext.of("in.json", ReadOptions.defaults().skipOnError(e ->
                out.add("failure " + e.kind() + " " + e.position() + " " + e.detail())));
        ChangeReader reader = tokens ? new CdcJsonAdapter().open(new ByteArrayInputStream(input), context)
                : JsonChangeReader.of(new ByteArrayInputStream(input), context, ChangeEventJson::fromTree);
        try (reader) {
            while (reader.hasNext()) {
                // The JSON form names every field and value, so equal lines are equal events.
                ChangeEvent e = reader.next();
                out.add("event " + ChangeEventJson.toJson(e));
            }
        }
        return out;
    }

    private static String record(Random random) {
        String json = ChangeEventJson.toJson(Generators.event(random));
        int change = random.nextInt(3);
        for (int c = 0; c < change; c++) {
            String member = MEMBERS[random.nextInt(MEMBERS.length)];
            String at = "\"" + member + "\":";
            int start = json.indexOf(at);
            if (start < 0) {
                continue;
            }
            int end = valueEnd(json, start + at.length());
            String replacement = switch (random.nextInt(4)) {
                case 0 -> ""; // the member left out
                case 1 -> "\"" + member + "\":" + REPLACEMENTS[random.nextInt(REPLACEMENTS.length)]
                        + ",\"" + (random.nextBoolean() ? member : "extra") + "\":null"; // repeated or unknown
                default -> "\"" + member + "\":" + REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
            };
            json = json.substring(0, start) + replacement + json.substring(end);
            json = json.replace("{,", "{").replace(",,", ",").replace(",}", "}");
        }
        return json;
    }

    /** The end of the JSON value that starts at {@code from} (strings and nesting respected). */
    private static int valueEnd(String json, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }
}
