package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stream reader keeps what it learned from the items it read (the layouts of repeated attribute
 * names) and reuses its buffers (set members); a batch whose items repeat a few shapes, now and
 * then with the names in another order, a name twice, a bad value, or sets with repeated members,
 * must read record after record as each of its records reads alone, by a reader of its own.
 */
class RepeatedShapesTest {
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000";
    private static final String[][] SHAPES = {
        {"pk", "sk"},
        {"pk", "sk", "status", "amount", "tags", "address", "lines"},
        {"pk", "sk", "status", "amount", "tags", "address", "lines", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8",
            "n9", "n10", "n11", "n12", "n13", "n14", "n15", "n16", "n17", "n18"},
        {"a"},
        {},
    };
    private static final String[][] MAP_SHAPES = {{"street", "city", "geo"}, {"lat", "lon"}, {"sku", "qty"}, {"x"}};

    /**
     * Each event (equal when its values are, its origin left out) with its rows written out in their
     * order; each error's kind and detail, with the index of the element in its path left out.
     */
    private static List<Object> read(String input) {
        List<Object> out = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().skipOnError(e -> out.add(
                e.kind() + ": " + e.detail().replaceAll("\\$\\.Records\\[\\d+]", "\\$.Records[i]")));
        ByteArrayInputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        try (ChangeReader reader = new DynamoDbStreamAdapter().open(in, ReadContext.of("in.json", options))) {
            while (reader.hasNext()) {
                ChangeEvent e = reader.next();
                Map<String, Object> meta = new LinkedHashMap<>(e.meta());
                meta.remove(ChangeEvent.META_LINE);
                meta.remove(ChangeEvent.META_RECORD);
                out.add(new ChangeEvent(e.op(), e.source(), e.key(), e.before(), e.after(), e.ts(), e.position(), e.tx(), meta));
                out.add(inOrder(e.key()) + " " + inOrder(e.before()) + " " + inOrder(e.after()) + " " + meta);
            }
        }
        return out;
    }

    private static String inOrder(Row row) {
        return row == null ? "null" : row.asMap().toString();
    }

    @Test
    void batchesOfRepeatedShapesReadAsTheirRecordsReadAlone() {
        int[] errors = new int[1];
        Seeds.forAll("repeated shapes: a batch = its records alone", 0x5AA9E5L, 300, random -> {
            // A repeated name is a syntax error, which ends the rest of a Lambda event: records that
            // may repeat names are frames of their own (NDJSON), the others one Lambda event.
            boolean repeats = random.nextBoolean();
            int n = 1 + random.nextInt(40);
            List<String> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                records.add(record(random, i, repeats));
            }
            List<Object> alone = new ArrayList<>();
            for (String r : records) {
                alone.addAll(read(repeats ? r + "\n" : "{\"Records\":[" + r + "]}"));
            }
            List<Object> streamed = read(repeats ? String.join("\n", records) + "\n" : "{\"Records\":[" + String.join(",", records) + "]}");
            assertEquals(alone, streamed);
            long events = streamed.stream().filter(o -> o instanceof ChangeEvent).count();
            assertEquals(n, events + (streamed.size() - 2 * events));
            errors[0] += (int) (streamed.size() - 2 * events);
        });
        assertTrue(errors[0] > 100, "too few bad items: " + errors[0]);
    }

    private static String record(Random random, int i, boolean repeats) {
        String op = new String[] {"INSERT", "MODIFY", "REMOVE"}[random.nextInt(3)];
        StringBuilder sb = new StringBuilder("{\"eventName\":\"").append(op).append("\",\"eventSourceARN\":\"").append(ARN)
                .append("\",\"dynamodb\":{\"Keys\":").append(item(random, SHAPES[0], repeats));
        if (!op.equals("REMOVE")) {
            sb.append(",\"NewImage\":").append(item(random, SHAPES[random.nextInt(SHAPES.length)], repeats));
        }
        if (!op.equals("INSERT")) {
            sb.append(",\"OldImage\":").append(item(random, SHAPES[random.nextInt(SHAPES.length)], repeats));
        }
        return sb.append(",\"SequenceNumber\":\"").append(100 + i).append("\"}}").toString();
    }

    private static String item(Random random, String[] shape, boolean repeats) {
        List<String> names = new ArrayList<>(List.of(shape));
        int change = random.nextInt(12);
        if (change == 0 && names.size() > 1) {
            Collections.swap(names, 0, 1 + random.nextInt(names.size() - 1));
        } else if (change == 1 && repeats && !names.isEmpty()) {
            names.add(random.nextInt(names.size() + 1), names.get(random.nextInt(names.size()))); // a name twice
        } else if (change == 2) {
            names.add("extra" + random.nextInt(3));
        } else if (change == 3 && !names.isEmpty()) {
            names.remove(random.nextInt(names.size()));
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i > 0 ? "," : "").append('"').append(names.get(i)).append("\":").append(value(random, names.get(i), 0, repeats));
        }
        return sb.append('}').toString();
    }

    private static String value(Random random, String name, int depth, boolean repeats) {
        if (random.nextInt(60) == 0) {
            return new String[] {"{\"N\":\"x1\"}", "{\"S\":1}", "{\"M\":[]}", "{\"SS\":[\"a\",1]}", "{}", "{\"S\":\"a\",\"N\":\"1\"}",
                "{\"BS\":[\"!!\"]}", "{\"M\":{\"lat\":{\"N\":\"1\"},\"lat\":{\"N\":\"2\"}}}"}[random.nextInt(repeats ? 8 : 7)];
        }
        switch (name) {
            case "tags":
                return set(random);
            case "address":
                return depth < 3 ? map(random, MAP_SHAPES[random.nextInt(MAP_SHAPES.length)], depth, repeats) : "{\"NULL\":true}";
            case "lines": {
                StringBuilder sb = new StringBuilder("{\"L\":[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(map(random, MAP_SHAPES[2 + random.nextInt(2)], depth, repeats));
                }
                return sb.append("]}").toString();
            }
            case "geo":
                return map(random, MAP_SHAPES[1], depth, repeats);
            default:
                return switch (random.nextInt(5)) {
                    case 0 -> "{\"S\":\"s" + random.nextInt(5) + "\"}";
                    case 1 -> "{\"N\":\"" + (random.nextInt(2000) - 1000) + "." + random.nextInt(100) + "\"}";
                    case 2 -> "{\"BOOL\":" + random.nextBoolean() + "}";
                    case 3 -> "{\"B\":\"AAE" + "ABCD".charAt(random.nextInt(4)) + "\"}";
                    default -> "{\"NULL\":true}";
                };
        }
    }

    private static String map(Random random, String[] shape, int depth, boolean repeats) {
        StringBuilder sb = new StringBuilder("{\"M\":{");
        List<String> names = new ArrayList<>(List.of(shape));
        if (random.nextInt(10) == 0) {
            Collections.reverse(names);
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).equals("street") && random.nextInt(4) == 0 ? "address" : names.get(i);
            sb.append(i > 0 ? "," : "").append('"').append(name).append("\":").append(value(random, name, depth + 1, repeats));
        }
        return sb.append("}}").toString();
    }

    /** An SS, NS or BS value, its members often repeated, sometimes more than a few. */
    private static String set(Random random) {
        String tag = new String[] {"SS", "NS", "BS"}[random.nextInt(3)];
        int n = 1 + (random.nextInt(5) == 0 ? random.nextInt(40) : random.nextInt(5));
        int distinct = 1 + random.nextInt(n);
        StringBuilder sb = new StringBuilder("{\"").append(tag).append("\":[");
        for (int i = 0; i < n; i++) {
            int m = random.nextInt(distinct);
            String member = switch (tag) {
                case "SS" -> "m" + m;
                case "NS" -> m + (random.nextBoolean() ? "" : ".0"); // 1 and 1.0 are different members
                default -> java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) m, (byte) (m >> 8)});
            };
            sb.append(i > 0 ? "," : "").append('"').append(member).append('"');
        }
        return sb.append("]}").toString();
    }
}
