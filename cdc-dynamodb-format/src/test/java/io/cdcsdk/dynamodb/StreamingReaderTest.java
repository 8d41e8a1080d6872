package io.cdcsdk.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.MutationHarness.Sample;
import io.cdcsdk.core.testing.Seeds;
import io.cdcsdk.dynamodb.internal.AttrCodec;
import io.cdcsdk.dynamodb.internal.RecordNodes;
import io.cdcsdk.dynamodb.internal.StreamReader;
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
 * The dynamodb-stream reader reads from parser tokens; it must give what the tree path gives (the
 * reader as it was, kept as {@link StreamReader#treeParsing}): the same events and the same errors,
 * whatever the order of the members, and a bad element of {@code Records} must fail alone.
 */
class StreamingReaderTest {
    private static final String MARKER = "SECRET-MARKER-42";
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000";

    /** An event, or an error as what a reader reports of it. */
    private record Outcome(ChangeEvent event, String error) {
    }

    private static List<Outcome> read(byte[] input, boolean tree, ReadOptions base) {
        List<Outcome> out = new ArrayList<>();
        ReadOptions options = base.skipOnError(e -> out.add(new Outcome(null,
                e.kind() + " at " + e.position() + ": " + e.getMessage())));
        ReadContext context = ReadContext.of("in.json", options);
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        try (ChangeReader reader = tree ? StreamReader.treeParsing(in, context, null, false)
                : new StreamReader(in, context, null, false)) {
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

    // ------------------------------------------------------------------ equivalence

    @Test
    void generatedEventsReadAsTheTreePathReadsThemInAnyMemberOrder() {
        Seeds.forAll("streaming = tree on generated events", 0x5_7EA4L, 400, random -> {
            int n = 1 + random.nextInt(6);
            List<Map<String, Object>> images = new ArrayList<>();
            ObjectNode event = envelope(random, n, images);
            byte[] input = shuffledJson(event, random).getBytes(StandardCharsets.UTF_8);

            List<Outcome> tree = read(input, true, ReadOptions.defaults());
            List<Outcome> streamed = read(input, false, ReadOptions.defaults());
            assertEquals(tree, streamed);
            assertEquals(List.of(), errors(streamed));
            assertEquals(n, streamed.size());
            for (int i = 0; i < n; i++) {
                ChangeEvent e = streamed.get(i).event();
                Row image = e.op() == Operation.DELETE ? e.before() : e.after();
                assertEquals(Row.of(images.get(i)), image);
            }
        });
    }

    @Test
    void mutatedSamplesReadAsTheTreePathReadsThem() throws IOException {
        List<Sample> samples = DynamoDbMutationTest.streamSamples();
        int[] compared = new int[1];
        Seeds.forAll("streaming = tree on mutated samples", 0x5_7EA5L, 1500, random -> {
            byte[] input = DynamoDbMutationTest.mutate(samples.get(random.nextInt(samples.size())), random);
            List<Outcome> tree = read(input, true, ReadOptions.defaults());
            List<Outcome> streamed = read(input, false, ReadOptions.defaults());
            for (String error : errors(streamed)) {
                assertFalse(error.contains(MARKER) || error.contains(DynamoDbMutationTest.MARKER), error);
            }
            boolean framesParse = errors(tree).stream()
                    .noneMatch(e -> e.startsWith("MALFORMED") || e.startsWith("LIMIT_EXCEEDED"));
            if (framesParse) {
                // Every frame is valid JSON: the same events and the same errors, in the same order.
                assertEquals(tree, streamed);
                compared[0]++;
            } else {
                // A frame the tree path lost as a whole may yield its elements before the syntax
                // error now; what the tree path read is still read.
                List<ChangeEvent> more = events(streamed).stream().map(StreamingReaderTest::withoutOrdinal).toList();
                for (ChangeEvent e : events(tree)) {
                    assertTrue(more.contains(withoutOrdinal(e)), "lost an event the tree path read");
                }
            }
        });
        assertTrue(compared[0] > 300, "too few mutations left the JSON valid: " + compared[0]);
    }

    private static ChangeEvent withoutOrdinal(ChangeEvent e) {
        Map<String, Object> meta = new LinkedHashMap<>(e.meta());
        meta.remove(ChangeEvent.META_RECORD);
        return new ChangeEvent(e.op(), e.source(), e.key(), e.before(), e.after(), e.ts(), e.position(), e.tx(), meta);
    }

    /** A Lambda event (or GetRecords response) of {@code n} records; {@code images} gets each record's image. */
    private static ObjectNode envelope(Random random, int n, List<Map<String, Object>> images) {
        ObjectNode event = RecordNodes.object();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < n; i++) {
            records.add(record(random, i, images));
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

    private static ObjectNode record(Random random, int i, List<Map<String, Object>> images) {
        Operation op = new Operation[] {Operation.INSERT, Operation.UPDATE, Operation.DELETE}[random.nextInt(3)];
        ObjectNode r = RecordNodes.object();
        r.put("eventID", "id-" + i);
        r.put("eventName", op == Operation.INSERT ? "INSERT" : op == Operation.UPDATE ? "MODIFY" : "REMOVE");
        r.put("eventVersion", "1.1");
        r.put("awsRegion", "eu-west-1");
        boolean kds = random.nextInt(5) == 0;
        if (kds) {
            r.put("tableName", "Kds");
            r.put("recordFormat", "application/json");
        } else if (random.nextInt(4) > 0) {
            r.put("eventSourceARN", ARN);
        }
        if (op == Operation.DELETE && random.nextBoolean()) {
            r.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
        }
        ObjectNode d = r.putObject("dynamodb");
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("pk", AttributeValuesTest.number(random));
        d.set("Keys", AttrCodec.encodeItem(key));
        Map<String, Object> image = new LinkedHashMap<>(key);
        int attributes = random.nextInt(7);
        for (int a = 0; a < attributes; a++) {
            image.put(AttributeValuesTest.name(random), AttributeValuesTest.value(random, random.nextInt(4)));
        }
        if (random.nextInt(4) == 0) {
            image.put("deep", AttributeValuesTest.deep(random, 1 + random.nextInt(32)));
        }
        images.add(image);
        if (op != Operation.DELETE) {
            d.set("NewImage", AttrCodec.encodeItem(image));
        }
        if (op != Operation.INSERT) {
            d.set("OldImage", AttrCodec.encodeItem(image));
        }
        if (random.nextInt(5) > 0) {
            Instant ts = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000), random.nextInt(1000) * 1_000_000L);
            BigDecimal seconds = RecordNodes.seconds(ts);
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

    @Test
    void numbersParseAsBigDecimalParsesThem() {
        String[] parts = {"0", "1", "9", "00", "123456789", "999999999", ".", ".", "-", "+", "e", "E", "e-", "E+",
            "130", "x", " ", "\u0661"};
        Seeds.forAll("DynamoDB numbers = new BigDecimal(text)", 0x5_7EA6L, 20_000, random -> {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(9);
            for (int i = 0; i < n; i++) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            String s = sb.toString();
            BigDecimal expected = referenceNumber(s);
            BigDecimal actual = AttrCodec.parseNumber(s);
            assertEquals(expected, actual, s);
            if (expected != null) {
                assertEquals(expected.scale(), actual.scale(), s);
            }
        });
        assertEquals(new BigDecimal("-0.50"), AttrCodec.parseNumber("-0.50"));
        assertEquals(2, AttrCodec.parseNumber("-0.50").scale());
        assertEquals(new BigDecimal("123456789012345678"), AttrCodec.parseNumber("123456789012345678"));
        assertEquals(new BigDecimal("1234567890123456789"), AttrCodec.parseNumber("1234567890123456789"));
        assertNull(AttrCodec.parseNumber("."));
        assertNull(AttrCodec.parseNumber("1e"));
    }

    /** How numbers were parsed before the fast path: the syntax, then BigDecimal, then DynamoDB's range. */
    private static BigDecimal referenceNumber(String s) {
        if (s.isEmpty() || s.length() > 2000 || !s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,9})?")) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s);
            return AttrCodec.isInRange(d) ? d : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
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
        List<Outcome> streamed = read(json.getBytes(StandardCharsets.UTF_8), false, ReadOptions.defaults());
        assertEquals(read(json.getBytes(StandardCharsets.UTF_8), true, ReadOptions.defaults()), streamed);
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
        List<Outcome> streamed = read(json.getBytes(StandardCharsets.UTF_8), false, ReadOptions.defaults());
        assertEquals(read(json.getBytes(StandardCharsets.UTF_8), true, ReadOptions.defaults()), streamed);
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
                // a bad member and a second type tag: the tag count is reported, as by the tree path
                + "," + element(3, "{\"p\":{\"N\":\"" + MARKER + "\",\"S\":\"x\"}}")
                + ",\"not an object\""
                + "," + element(5, ok) + "]}\n"
                + "{\"Records\":[" + element(6, ok) + "]}";
        byte[] input = json.getBytes(StandardCharsets.UTF_8);
        List<Outcome> streamed = read(input, false, ReadOptions.defaults());
        assertEquals(read(input, true, ReadOptions.defaults()), streamed);

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
        List<Outcome> streamed = read(json.getBytes(StandardCharsets.UTF_8), false, ReadOptions.defaults());
        assertEquals(List.of("0", "1", "4"), events(streamed).stream().map(ChangeEvent::position).toList());
        List<String> errors = errors(streamed);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("MALFORMED"), errors.get(0));
        assertTrue(errors.get(0).contains("record 3"), errors.get(0));
        assertFalse(errors.get(0).contains(MARKER), errors.get(0));
        // The tree path loses the whole first frame.
        assertEquals(List.of("4"), events(read(json.getBytes(StandardCharsets.UTF_8), true, ReadOptions.defaults()))
                .stream().map(ChangeEvent::position).toList());
    }

    @Test
    void duplicateMembersAndLimitsStillFailTheFrame() {
        String dup = "{\"Records\":[" + element(0, "{\"a\":{\"S\":\"x\"},\"a\":{\"S\":\"y\"}}") + "]}";
        List<String> errors = errors(read(dup.getBytes(StandardCharsets.UTF_8), false, ReadOptions.defaults()));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("duplicate field"), errors.get(0));

        String deep = "{\"Records\":[" + element(0, "{\"d\":" + "{\"L\":[".repeat(60) + "{\"S\":\"x\"}" + "]}".repeat(60) + "}")
                + "]}";
        errors = errors(read(deep.getBytes(StandardCharsets.UTF_8), false, ReadOptions.defaults()));
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
        List<Outcome> streamed = read(input, false, ReadOptions.defaults());
        assertEquals(read(input, true, ReadOptions.defaults()), streamed);
        assertEquals(3, streamed.size());
        assertTrue(streamed.get(0).event().after().has("n"));
        assertNull(streamed.get(0).event().after().get("n"));
        // scalars that are not strings read as the tree's asText() gives them
        assertEquals("1E+5", streamed.get(0).event().meta().get("eventId"));
        assertEquals("0", streamed.get(0).event().meta().get("region"));
        assertEquals(new BigDecimal("12345678901234567890123"), streamed.get(0).event().meta().get("sizeBytes"));
        assertEquals(Operation.UPDATE, streamed.get(1).event().op());
        assertTrue(streamed.get(2).error().contains("$.Records"), streamed.get(2).error());
    }
}
