package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsJsonAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * dms-json reads most records straight from its read buffer, and frames the others (a record
 * longer than the buffer, a record that fails) to read them again from the frame: a record must give
 * the same event, or the same failure, either way. A record padded with blanks beyond the buffer's
 * size is always framed. Records vary in member order, types, repeated names, control records,
 * before images and damage.
 */
class DmsJsonFramingTest {
    /** More than the read buffer holds. */
    private static final String PAD = " ".repeat(70_000);

    @Test
    void aRecordGivesTheSameEventOrFailureReadFromTheBufferOrFramed() {
        int[] totals = new int[2];
        Gen<List<String>> inputs = lists().of(longs().all().map(seed -> record(new Random(seed)))).ofSizeBetween(1, 12);
        qt().withExamples(150).withShrinkCycles(30).forAll(inputs).checkAssert(records -> {
            StringBuilder plain = new StringBuilder();
            StringBuilder padded = new StringBuilder();
            for (String r : records) {
                plain.append(r);
                padded.append(r.startsWith("{") ? "{" + PAD + r.substring(1) : r);
            }
            List<String> direct = read(plain.toString());
            assertEquals(direct, read(padded.toString()), records.toString());
            for (String s : direct) {
                totals[s.startsWith("event") ? 0 : 1]++;
            }
        });
        // Both outcomes must be common for the property to say something about each.
        assertTrue(totals[0] > 300 && totals[1] > 50, "events " + totals[0] + ", failures " + totals[1]);
    }

    @Test
    void metaOfADataRecordIsTypeThenOtherMetadataThenTheOriginNotAlreadyThere() throws Exception {
        String line = "{\"data\":{\"id\":1},\"metadata\":{\"record-type\":\"data\",\"operation\":\"insert\","
                + "\"file\":7,\"partition-key-type\":\"schema-table\",\"table-name\":\"t\","
                + "\"timestamp\":\"2024-06-12T10:35:23Z\"}}\n";
        String plain = line.replace("\"file\":7,", "");
        for (String pad : new String[] {"", PAD}) {
            String input = (plain + line).replace("{\"data\"", "{" + pad + "\"data\"");
            List<ChangeEvent> events = Golden.readAll(new DmsJsonAdapter().open(
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    ReadContext.of("in.json", ReadOptions.defaults())));
            // A metadata member named like an origin entry keeps its value; the other entries follow.
            assertEquals("{recordType=data, partitionKeyType=schema-table, file=in.json, line=1, record=1}",
                    events.get(0).meta().toString());
            assertEquals("{recordType=data, file=7, partitionKeyType=schema-table, line=2, record=2}",
                    events.get(1).meta().toString());
        }
    }

    /** Each event in full and each failure without its byte offset and column, which the padding moves. */
    private static List<String> read(String input) {
        List<String> out = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().skipOnError(e -> out.add("failure " + e.kind() + " line "
                + e.position().line() + " record " + e.position().record() + " "
                + e.detail().replaceAll(" at column \\d+", "")));
        try (ChangeReader reader = new DmsJsonAdapter().open(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                ReadContext.of("in.json", options))) {
            while (reader.hasNext()) {
                ChangeEvent e = reader.next();
                // The event's fields and values in full: records compare rows and meta by value.
                out.add("event " + e.op() + " " + e.source() + " " + e.ts() + " " + e.tx() + " " + e.position()
                        + " key=" + (e.key() == null ? null : e.key().asMap())
                        + " before=" + (e.before() == null ? null : e.before().asMap())
                        + " after=" + (e.after() == null ? null : e.after().asMap()) + " meta=" + e.meta());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A record and what follows it: a line break, or nothing (the next record runs on). Now and then
     * the record is damaged (cut short, or a stray JSON character put in) and ends its line, so that
     * the padding of the next record cannot fall into a string it left open.
     */
    private static String record(Random random) {
        String text = envelope(random);
        if (random.nextInt(12) == 0) {
            int at = 1 + random.nextInt(text.length() - 1);
            text = random.nextBoolean() ? text.substring(0, at)
                    : text.substring(0, at) + "\"}{,:[]".charAt(random.nextInt(7)) + text.substring(at);
            return text + "\n";
        }
        return text + (random.nextInt(5) == 0 ? "" : "\n");
    }

    private static String envelope(Random random) {
        List<String> members = new ArrayList<>();
        boolean control = random.nextInt(6) == 0;
        members.add("\"metadata\":" + metadata(random, control));
        if (control) {
            members.add("\"control\":{\"table-def\":{\"columns\":{\"id\":{\"type\":\"INT32\"}},\"primary-key\":"
                    + (random.nextBoolean() ? "[\"id\"]" : "[\"id\",\"name\"]") + "}}");
        } else if (random.nextInt(15) != 0) {
            members.add("\"data\":" + (random.nextInt(20) == 0 ? "\"text\"" : row(random)));
        }
        if (random.nextInt(4) == 0) {
            members.add("\"" + (random.nextBoolean() ? "before-image" : "bi") + "\":"
                    + (random.nextInt(10) == 0 ? "[1]" : row(random)));
        }
        if (random.nextInt(25) == 0) {
            members.add(members.get(0)); // a repeated member
        }
        Collections.shuffle(members, random);
        return "{" + String.join(",", members) + "}";
    }

    private static String metadata(Random random, boolean control) {
        List<String> m = new ArrayList<>();
        String[] dataOps = {"insert", "update", "delete", "load", "truncate"};
        String[] controlOps = {"create-table", "drop-table", "column-type-change"};
        if (random.nextInt(30) != 0) {
            m.add("\"record-type\":" + (random.nextInt(30) == 0 ? "7" : control ? "\"control\"" : "\"data\""));
        }
        if (random.nextInt(30) != 0) {
            m.add("\"operation\":\"" + (control ? controlOps[random.nextInt(3)] : dataOps[random.nextInt(5)]) + "\"");
        }
        m.add("\"partition-key-type\":\"schema-table\"");
        m.add("\"schema-name\":" + (random.nextInt(20) == 0 ? "null" : "\"public\""));
        m.add("\"table-name\":" + (random.nextInt(30) == 0 ? "[\"t\"]" : "\"orders\""));
        m.add("\"timestamp\":" + timestamp(random));
        if (random.nextBoolean()) {
            m.add("\"commit-timestamp\":" + timestamp(random));
        }
        if (random.nextBoolean()) {
            m.add("\"transaction-id\":" + (random.nextBoolean() ? String.valueOf(random.nextInt(1_000_000))
                    : "\"x" + random.nextInt(9) + "\""));
        }
        if (random.nextBoolean()) {
            m.add("\"stream-position\":" + (random.nextInt(20) == 0 ? "12" : "\"0000/7C0" + random.nextInt(999) + "\""));
        }
        if (random.nextInt(4) == 0) {
            m.add("\"" + (random.nextBoolean() ? "file" : "prev-transaction-id") + "\":" + random.nextInt(99));
        }
        if (random.nextInt(20) == 0) {
            m.add(m.get(random.nextInt(m.size()))); // a repeated name in metadata
        }
        Collections.shuffle(m, random);
        return "{" + String.join(",", m) + "}";
    }

    private static String timestamp(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "null";
            case 1 -> "\"yesterday\"";
            case 2 -> "\"2024-06-12T10:35:23Z\"";
            default -> "\"2024-06-12T10:35:23." + String.format("%06d", random.nextInt(1_000_000)) + "Z\"";
        };
    }

    private static String row(Random random) {
        List<String> cols = new ArrayList<>();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            String name = random.nextInt(15) == 0 ? "id" : i == 0 ? "id" : "c" + i;
            String value = switch (random.nextInt(7)) {
                case 0 -> String.valueOf(random.nextLong());
                case 1 -> random.nextInt(1000) + "." + random.nextInt(100);
                case 2 -> "\"v\\\"" + random.nextInt(99) + "\"";
                case 3 -> "null";
                case 4 -> "{\"x\":[1,{\"y\":true}]}";
                case 5 -> "[\"a\",2]";
                default -> "false";
            };
            cols.add("\"" + name + "\":" + value);
        }
        return "{" + String.join(",", cols) + "}";
    }
}
