package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dynamodb-stream reader reads the elements of {@code Records} from parser tokens: whatever the
 * order of the members, each element gives its event, and a bad element fails alone.
 */
class StreamElementsTest {
    private static final String MARKER = "SECRET-MARKER-42";
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000";

    /** An event, or an error as what a reader reports of it. */
    private record Outcome(ChangeEvent event, String error) {
    }

    private static List<Outcome> read(byte[] input) {
        List<Outcome> out = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().skipOnError(e -> out.add(new Outcome(null,
                e.kind() + " at " + e.position() + ": " + e.getMessage())));
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        try (ChangeReader reader = new DynamoDbStreamAdapter().open(in, ReadContext.of("in.json", options))) {
            while (reader.hasNext()) {
                out.add(new Outcome(reader.next(), null));
            }
        }
        return out;
    }

    private static List<ChangeEvent> events(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::event).filter(e -> e != null).toList();
    }

    private static List<String> errors(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::error).filter(e -> e != null).toList();
    }

    // ------------------------------------------------------------------ generated events

    @Test
    void generatedEventsReadInAnyMemberOrder() {
        Seeds.forAll("generated events in any member order", 0x5_7EA4L, 400, random -> {
            int n = 1 + random.nextInt(6);
            List<Expected> expected = new ArrayList<>();
            ObjectNode event = envelope(random, n, expected);
            byte[] input = shuffledJson(event, random).getBytes(StandardCharsets.UTF_8);

            List<Outcome> streamed = read(input);
            assertEquals(List.of(), errors(streamed));
            assertEquals(n, streamed.size());
            String envelopeTable = event.has("eventSourceARN") ? "Window" : event.has("NextShardIterator") ? "Shard" : null;
            for (int i = 0; i < n; i++) {
                ChangeEvent e = streamed.get(i).event();
                Expected x = expected.get(i);
                assertEquals(x.op(), e.op());
                assertEquals(x.table() != null ? x.table() : envelopeTable, e.source().table());
                assertEquals(Row.of(x.key()), e.key());
                assertEquals(Row.of(x.image()), e.op() == Operation.DELETE ? e.before() : e.after());
                assertNull(e.op() == Operation.DELETE ? e.after() : e.op() == Operation.INSERT ? e.before() : null);
                assertEquals(x.ts(), e.ts());
                assertEquals(Long.toString(100 + i), e.position());
                assertEquals(x.ttl() ? Boolean.TRUE : null, e.meta().get("ttl"));
                assertEquals(i + 1L, e.origin().record());
            }
        });
    }

    /** What a generated record must read as; a null table is the envelope's. */
    private record Expected(Operation op, String table, Map<String, Object> key, Map<String, Object> image, Instant ts,
            boolean ttl) {
    }

    /** A Lambda event (or GetRecords response) of {@code n} records; {@code expected} gets what each reads as. */
    private static ObjectNode envelope(Random random, int n, List<Expected> expected) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < n; i++) {
            records.add(record(random, i, expected));
        }
        switch (random.nextInt(4)) {
            case 0 -> event.put("eventSourceARN", ARN.replace("Orders", "Window")); // tumbling window
            case 1 -> event.put("NextShardIterator", ARN.replace("Orders", "Shard") + "|1|AAAA"); // GetRecords
            default -> { }
        }
        if (random.nextBoolean()) {
            event.putObject("window").put("start", "2020-07-30T17:00:00Z").putArray("list").add(1).add("x");
        }
        return event;
    }

    private static ObjectNode record(Random random, int i, List<Expected> expected) {
        Operation op = new Operation[] {Operation.INSERT, Operation.UPDATE, Operation.DELETE}[random.nextInt(3)];
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        String table = null;
        r.put("eventID", "id-" + i);
        r.put("eventName", op == Operation.INSERT ? "INSERT" : op == Operation.UPDATE ? "MODIFY" : "REMOVE");
        r.put("eventVersion", "1.1");
        r.put("awsRegion", "eu-west-1");
        boolean kds = random.nextInt(5) == 0;
        if (kds) {
            r.put("tableName", "Kds");
            r.put("recordFormat", "application/json");
            table = "Kds";
        } else if (random.nextInt(4) > 0) {
            r.put("eventSourceARN", ARN);
            table = "Orders";
        }
        boolean ttl = op == Operation.DELETE && random.nextBoolean();
        if (ttl) {
            r.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
        }
        ObjectNode d = r.putObject("dynamodb");
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("pk", AttributeValuesTest.number(random));
        d.set("Keys", AttributeValues.toDynamoDbItem(key));
        Map<String, Object> image = new LinkedHashMap<>(key);
        int attributes = random.nextInt(7);
        for (int a = 0; a < attributes; a++) {
            image.put(AttributeValuesTest.name(random), AttributeValuesTest.value(random, random.nextInt(4)));
        }
        if (random.nextInt(4) == 0) {
            image.put("deep", AttributeValuesTest.deep(random, 1 + random.nextInt(32)));
        }
        if (op != Operation.DELETE) {
            d.set("NewImage", AttributeValues.toDynamoDbItem(image));
        }
        if (op != Operation.INSERT) {
            d.set("OldImage", AttributeValues.toDynamoDbItem(image));
        }
        Instant ts = null;
        if (random.nextInt(5) > 0) {
            ts = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000), random.nextInt(1000) * 1_000_000L);
            BigDecimal seconds = BigDecimal.valueOf(ts.toEpochMilli(), 3).stripTrailingZeros();
            if (kds) {
                d.put("ApproximateCreationDateTime", seconds.movePointRight(3).longValue());
            } else if (random.nextInt(4) == 0) {
                d.put("ApproximateCreationDateTime", seconds.toString());
            } else {
                d.put("ApproximateCreationDateTime", seconds);
            }
        }
        d.put("SequenceNumber", Long.toString(100 + i));
        d.put("SizeBytes", 10 + random.nextInt(400));
        d.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        d.putArray("Unknown").addObject().put("S", "ignored");
        expected.add(new Expected(op, table, key, image, ts, ttl));
        return r;
    }

    /** The JSON of a tree with the members of every object in a random order. */
    private static String shuffledJson(JsonNode node, Random random) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new ObjectMapper().createGenerator(out)) {
            if (random.nextBoolean()) {
                g.useDefaultPrettyPrinter();
            }
            write(g, node, random);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode node, Random random) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, random);
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                write(g, node.get(name), random);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element, random);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }

    // ------------------------------------------------------------------ member order

    @Test
    void membersMayComeInAnyOrder() {
        String json = "{\"window\":{\"start\":\"x\",\"nested\":[{\"a\":[1,{}]}]},\"Records\":["
                + "{\"dynamodb\":{\"NewImage\":{\"v\":{\"N\":\"1.50\"},\"m\":{\"M\":{\"s\":{\"SS\":[\"a\",\"a\",\"b\"]}}}},"
                + "\"SequenceNumber\":\"1\",\"ignored\":{\"Keys\":{\"x\":{\"S\":\"no\"}}},"
                + "\"Keys\":{\"id\":{\"S\":\"k1\"}},\"ApproximateCreationDateTime\":1700000000.5},"
                + "\"extra\":[[{}]],\"eventName\":\"INSERT\"}],"
                + "\"state\":{},\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:1:table/AfterRecords/stream/x\"}";
        List<Outcome> streamed = read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, streamed.size());
        ChangeEvent e = streamed.get(0).event();
        assertEquals(Operation.INSERT, e.op());
        assertEquals("AfterRecords", e.source().table(), "the envelope's ARN after Records names the table");
        assertEquals(Row.of(Map.of("id", "k1")), e.key());
        assertEquals(new BigDecimal("1.50"), e.after().get("v"));
        assertEquals(List.of("a", "b"), new ArrayList<>((java.util.Set<?>) ((Map<?, ?>) e.after().get("m")).get("s")));
        assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), e.ts());
        assertEquals("1", e.position());
    }

    @Test
    void getRecordsIteratorAfterRecordsNamesTheTable() {
        String json = "{\"Records\":[{\"eventName\":\"REMOVE\",\"dynamodb\":{\"Keys\":{\"id\":{\"N\":\"7\"}}}}],"
                + "\"NextShardIterator\":\"arn:aws:dynamodb:us-west-2:1:table/Forum/stream/2015|1|AAAA\"}";
        List<Outcome> streamed = read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("Forum", streamed.get(0).event().source().table());
        assertEquals(Operation.DELETE, streamed.get(0).event().op());
    }

    // ------------------------------------------------------------------ bad elements

    private static String element(int i, String image) {
        return "{\"eventID\":\"id" + i + "\",\"eventName\":\"INSERT\",\"eventSourceARN\":\"" + ARN + "\","
                + "\"dynamodb\":{\"Keys\":{\"k\":{\"N\":\"" + i + "\"}},\"NewImage\":" + image + ",\"SequenceNumber\":\"" + i + "\"}}";
    }

    @Test
    void badElementsInTheMiddleFailAloneUnderSkip() {
        String ok = "{\"a\":{\"S\":\"ok\"}}";
        String json = "{\"Records\":[" + element(0, ok)
                // a bad number deep inside, with more attributes and members after it
                + "," + element(1, "{\"m\":{\"M\":{\"x\":{\"L\":[{\"N\":\"12abc" + MARKER + "\"},{\"S\":\"y\"}]},"
                        + "\"z\":{\"BS\":[\"AAE=\"]}}},\"after\":{\"S\":\"" + MARKER + "\"}}")
                // eventName missing, dynamodb fine
                + ",{\"dynamodb\":{\"Keys\":{\"k\":{\"N\":\"2\"}}},\"eventSourceARN\":\"" + ARN + "\"}"
                // a bad member and a second type tag: the tag count is reported
                + "," + element(3, "{\"p\":{\"N\":\"" + MARKER + "\",\"S\":\"x\"}}")
                + ",\"not an object\""
                + "," + element(5, ok) + "]}\n"
                + "{\"Records\":[" + element(6, ok) + "]}";
        byte[] input = json.getBytes(StandardCharsets.UTF_8);
        List<Outcome> streamed = read(input);

        assertEquals(List.of("0", "5", "6"), events(streamed).stream().map(ChangeEvent::position).toList());
        assertEquals(List.of(1L, 6L, 7L), events(streamed).stream().map(e -> e.origin().record()).toList());
        List<String> errors = errors(streamed);
        assertEquals(4, errors.size());
        assertTrue(errors.get(0).contains("$.Records[1].dynamodb.NewImage.m.M.x.L[0].N"), errors.get(0));
        assertTrue(errors.get(0).contains("record 2"), errors.get(0));
        assertTrue(errors.get(1).startsWith("MISSING_FIELD"), errors.get(1));
        assertTrue(errors.get(1).contains("$.Records[2].eventName"), errors.get(1));
        assertTrue(errors.get(2).contains("$.Records[3].dynamodb.NewImage.p") && errors.get(2).contains("2 members"),
                errors.get(2));
        assertTrue(errors.get(3).contains("$.Records[4]") && errors.get(3).contains("a stream record object"), errors.get(3));
        for (String error : errors) {
            assertFalse(error.contains(MARKER), error);
        }
    }

    @Test
    void aSyntaxErrorEndsItsFrameAfterTheElementsBeforeIt() {
        String ok = "{\"a\":{\"S\":\"ok\"}}";
        String json = "{\"Records\":[" + element(0, ok) + "," + element(1, ok) + ",{\"eventName\":\"INSERT\",\"dynamodb\":{"
                + "\"Keys\":{\"k\":{\"S\":\"" + MARKER + "\"}},}}," + element(3, ok) + "]}\n"
                + "{\"Records\":[" + element(4, ok) + "]}";
        List<Outcome> streamed = read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("0", "1", "4"), events(streamed).stream().map(ChangeEvent::position).toList());
        List<String> errors = errors(streamed);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("MALFORMED"), errors.get(0));
        assertTrue(errors.get(0).contains("record 3"), errors.get(0));
        assertFalse(errors.get(0).contains(MARKER), errors.get(0));
    }

    @Test
    void duplicateMembersAndLimitsStillFailTheFrame() {
        String dup = "{\"Records\":[" + element(0, "{\"a\":{\"S\":\"x\"},\"a\":{\"S\":\"y\"}}") + "]}";
        List<String> errors = errors(read(dup.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("duplicate field"), errors.get(0));

        String deep = "{\"Records\":[" + element(0, "{\"d\":" + "{\"L\":[".repeat(60) + "{\"S\":\"x\"}" + "]}".repeat(60) + "}")
                + "]}";
        errors = errors(read(deep.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("LIMIT_EXCEEDED"), errors.get(0));
    }

    @Test
    void aSingleRecordFrameIsReadWithoutRecords() {
        String json = "{\"dynamodb\":{\"NewImage\":{\"n\":{\"NULL\":false}},\"Keys\":{\"k\":{\"S\":\"a\"}},"
                + "\"SizeBytes\":12345678901234567890123},\"eventID\":1e5,\"awsRegion\":-0,\"eventName\":\"INSERT\"}\n"
                + "{\"Records\":null,\"eventName\":\"MODIFY\",\"dynamodb\":{\"Keys\":{\"k\":{\"S\":\"b\"}}}}\n"
                + "{\"Records\":{},\"eventName\":\"INSERT\",\"dynamodb\":{}}";
        byte[] input = json.getBytes(StandardCharsets.UTF_8);
        List<Outcome> streamed = read(input);
        assertEquals(3, streamed.size());
        assertTrue(streamed.get(0).event().after().has("n"));
        assertNull(streamed.get(0).event().after().get("n"));
        // scalars that are not strings read as their JSON text, numbers as the exact value they parse to
        assertEquals("1E+5", streamed.get(0).event().meta().get("eventId"));
        assertEquals("0", streamed.get(0).event().meta().get("region"));
        assertEquals(new BigDecimal("12345678901234567890123"), streamed.get(0).event().meta().get("sizeBytes"));
        assertEquals(Operation.UPDATE, streamed.get(1).event().op());
        assertTrue(streamed.get(2).error().contains("$.Records"), streamed.get(2).error());
    }
}
