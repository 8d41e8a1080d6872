package io.cdcsdk.dms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Mutations;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * dms-json reads most records straight from the read buffer, one parser for consecutive records;
 * every record must give the event, or the failure, that framing it first and then reading it
 * gives. Records vary in member order, types, duplicates, control records, before images and
 * damage.
 */
class DmsJsonDirectTest {

    @Test
    void directReadingGivesTheEventsAndFailuresOfFramedReading() {
        int[] totals = new int[2];
        Seeds.forAll("dms-json direct equals framed", 0xD3A5L, 400, random -> {
            byte[] input = Mutations.jsonRecords(random, 40, 12, DmsJsonDirectTest::record);
            List<String> framed = read(input, false);
            List<String> direct = read(input, true);
            assertEquals(framed, direct);
            for (String s : direct) {
                totals[s.startsWith("event") ? 0 : 1]++;
            }
        });
        // Both outcomes must be common for the property to say something about each.
        assertTrue(totals[0] > 3_000 && totals[1] > 500, "events " + totals[0] + ", failures " + totals[1]);
    }

    @Test
    void metaOfADataRecordIsTypeThenOtherMetadataThenTheOriginNotAlreadyThere() {
        String line = "{\"data\":{\"id\":1},\"metadata\":{\"record-type\":\"data\",\"operation\":\"insert\","
                + "\"file\":7,\"partition-key-type\":\"schema-table\",\"table-name\":\"t\","
                + "\"timestamp\":\"2024-06-12T10:35:23Z\"}}\n";
        String plain = line.replace("\"file\":7,", "");
        for (boolean direct : new boolean[] {true, false}) {
            List<ChangeEvent> events = events((plain + line).getBytes(StandardCharsets.UTF_8), direct);
            // A metadata member named like an origin entry keeps its value; the other entries follow.
            assertEquals("{recordType=data, partitionKeyType=schema-table, file=in.json, line=1, record=1}",
                    events.get(0).meta().toString());
            assertEquals("{recordType=data, file=7, partitionKeyType=schema-table, line=2, record=2}",
                    events.get(1).meta().toString());
        }
    }

    private static List<ChangeEvent> events(byte[] input, boolean direct) {
        try (ChangeReader reader = new DmsJsonReader(new ByteArrayInputStream(input),
                ReadContext.of("in.json", ReadOptions.defaults()), direct)) {
            List<ChangeEvent> events = new ArrayList<>();
            reader.forEachRemaining(events::add);
            return events;
        }
    }

    private static List<String> read(byte[] input, boolean direct) {
        List<String> out = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().skipOnError(e ->
                out.add("failure " + e.kind() + " " + e.position() + " " + e.detail()));
        try (ChangeReader reader = new DmsJsonReader(new ByteArrayInputStream(input),
                ReadContext.of("in.json", options), direct)) {
            while (reader.hasNext()) {
                ChangeEvent e = reader.next();
                // The event's fields and values in full: records compare rows and meta by value.
                out.add("event " + e.op() + " " + e.source() + " " + e.ts() + " " + e.tx() + " " + e.position()
                        + " key=" + (e.key() == null ? null : e.key().asMap())
                        + " before=" + (e.before() == null ? null : e.before().asMap())
                        + " after=" + (e.after() == null ? null : e.after().asMap()) + " meta=" + e.meta());
            }
        }
        return out;
    }

    private static String record(Random random) {
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
            m.add("\"transaction-id\":" + (random.nextBoolean() ? String.valueOf(random.nextInt(1_000_000)) : "\"x" + random.nextInt(9) + "\""));
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
