package io.cdcsdk.core.json;

import io.cdcsdk.core.internal.CdcJsonAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Written events, some changed in one member (another type, a null, a missing or unknown member,
 * a bad operation or timestamp, a repeated name), read in a stream give, record by record, the
 * event or the failure {@link ChangeEventJson#fromJson} gives for that record alone: the reader
 * converts most records straight from its buffer and the others framed, with one converter.
 */
class CdcJsonMutatedRecordsTest {
    private static final String[] MEMBERS = {"op", "source", "key", "before", "after", "ts", "position", "tx", "meta"};
    private static final String[] REPLACEMENTS = {"null", "7", "\"text\"", "{}", "[1]", "true", "\"2024-13-01T00:00:00Z\"",
        "\"snapshot\"", "\"upsert\"", "{\"format\":\"f\"}", "{\"format\":1}", "{\"table\":\"t\"}",
        "{\"format\":\"f\",\"schema\":null,\"extra\":[1,{\"a\":2}]}", "\"2024-06-12T10:35:23.123456789Z\"",
        "\"2024-06-12T24:00:00Z\"", "\"2016-12-31T23:59:60Z\"", "\"2024-06-12t10:35:23z\"", "\"+12024-06-12T10:35:23Z\"",
        "\"2024-06-12T10:35:23.Z\"", "\"2024-06-12T10:35:23+02:00\"", "\"2024-02-29T10:35:23.5Z\"", "\"2023-02-29T10:35:23Z\""};

    @Test
    void eachRecordReadsInAStreamAsItReadsAlone() {
        int[] totals = new int[2];
        Seeds.forAll("cdc-json stream equals fromJson", 0xCD1EL, 400, random -> {
            int n = 1 + random.nextInt(30);
            List<String> records = new ArrayList<>();
            List<String> alone = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String record = record(random);
                records.add(record);
                try {
                    alone.add("event " + ChangeEventJson.toJson(ChangeEventJson.fromJson(record)));
                } catch (ChangeReadException e) {
                    alone.add("failure " + e.kind() + " line " + (i + 1) + " " + e.detail());
                }
            }
            assertEquals(alone, read(String.join("\n", records) + "\n"));
            for (String s : alone) {
                totals[s.startsWith("event") ? 0 : 1]++;
            }
        });
        assertTrue(totals[0] > 2_000 && totals[1] > 1_000, "events " + totals[0] + ", failures " + totals[1]);
    }

    private static List<String> read(String input) {
        List<String> out = new ArrayList<>();
        ReadContext context = ReadContext.of("in.json", ReadOptions.defaults().skipOnError(e ->
                out.add("failure " + e.kind() + " line " + e.position().line() + " " + e.detail())));
        try (ChangeReader reader = new CdcJsonAdapter().open(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), context)) {
            while (reader.hasNext()) {
                // The JSON form names every field and value, so equal lines are equal events.
                out.add("event " + ChangeEventJson.toJson(ReaderLayoutEquivalenceTest.withoutOrigin(reader.next())));
            }
        }
        return out;
    }

    private static String record(Random random) {
        ChangeEvent event = Generators.event(random);
        String json = ChangeEventJson.toJson(ReaderLayoutEquivalenceTest.withoutOrigin(event));
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
