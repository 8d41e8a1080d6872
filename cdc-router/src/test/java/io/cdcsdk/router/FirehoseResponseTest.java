package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.router.FirehoseResponse.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Firehose data-transformation answers checked against Firehose's rules for every generated event:
 * every recordId once, in order; a result Firehose knows; base64 data; the original data for
 * {@code ProcessingFailed}; the transformed bytes for {@code Ok}; the whole within 6 MB. Payloads are
 * corrupted and transformations fail at random, and some outputs are large enough to overflow.
 */
class FirehoseResponseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A generated record: its id, its data as sent, and what a correct answer holds. */
    private record Sent(String id, String data, boolean decodable, boolean transformFails, byte[] output) {
    }

    private record Event(String json, List<Sent> records, int pad) {
    }

    private static Event event(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(15);
        int pad = r.nextInt(8) == 0 ? 400_000 + r.nextInt(400_000) : r.nextInt(3) * 10;
        List<Sent> sent = new ArrayList<>();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String id = "4954698668313554428650745793632162567570019247115678" + (5154 + i);
            StringBuilder payload = new StringBuilder();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            boolean fails = false;
            int events = r.nextInt(3); // 0 events: an empty record, answered Dropped
            for (int e = 0; e < events; e++) {
                Operation op = r.nextInt(4) == 0 ? Operation.DDL : Operation.INSERT;
                boolean failing = r.nextInt(10) == 0;
                fails |= failing;
                String table = failing ? "refused" : "t";
                ChangeEvent ev = ChangeEvent.builder(op, SourceInfo.of("cdc-json", "s", table))
                        .after(op == Operation.DDL ? null : Row.builder().put("id", i * 10 + e).build()).build();
                payload.append(ChangeEventJson.toJson(ev)).append('\n');
                byte[] out = failing ? null : transform(ev, pad);
                if (out != null) {
                    output.writeBytes(out);
                }
            }
            String data = Base64.getEncoder().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
            boolean decodable = true;
            switch (r.nextInt(8)) {
                case 0 -> {
                    data = "*" + data;
                    decodable = false;
                }
                case 1 -> {
                    if (events > 0) {
                        data = Base64.getEncoder().encodeToString("{\"op\":\"insert\",\"sou".getBytes(StandardCharsets.UTF_8));
                        decodable = false;
                    }
                }
                default -> { }
            }
            sent.add(new Sent(id, data, decodable, fails, output.toByteArray()));
            items.append(i == 0 ? "" : ",").append("{\"recordId\":\"").append(id)
                    .append("\",\"approximateArrivalTimestamp\":1507217624302,\"data\":\"").append(data)
                    .append("\",\"kinesisRecordMetadata\":{\"shardId\":\"shardId-000000000000\",\"partitionKey\":\"p\","
                            + "\"approximateArrivalTimestamp\":1507217624302,\"sequenceNumber\":\"").append(id)
                    .append("\",\"subsequenceNumber\":\"\"}}");
        }
        String json = "{\"invocationId\":\"i-" + seed + "\",\"sourceKinesisStreamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\","
                + "\"deliveryStreamArn\":\"arn:aws:firehose:us-east-1:123456789012:deliverystream/d\",\"region\":\"us-east-1\","
                + "\"records\":[" + items + "]}";
        return new Event(json, sent, pad);
    }

    /**
     * The transformation: a line naming the change, padded; nothing for DDL; throws for the table
     * "refused". Every event it sees names its record.
     */
    private static byte[] transform(ChangeEvent e, int pad) {
        if (e.source().table().equals("refused")) {
            throw new IllegalStateException("refused");
        }
        if (e.op() == Operation.DDL) {
            return null;
        }
        return (e.op().wireName() + " " + e.source().qualifiedTable() + " " + e.after().get("id") + " ".repeat(pad) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] transformRead(ChangeEvent e, int pad) {
        assertEquals("firehose", e.meta().get(ChangeEvent.META_ENVELOPE));
        assertTrue(e.meta().get(ChangeEvent.META_ENVELOPE_ID) instanceof String id && id.startsWith("49546986683"), e::toString);
        return transform(e, pad);
    }

    @Test
    void everyResponseKeepsFirehoseRules() {
        qt().withExamples(150).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Event ev = event(seed);
            try {
                FirehoseResponse response = FirehoseResponse.transform(
                        new ByteArrayInputStream(ev.json.getBytes(StandardCharsets.UTF_8)), "cdc-json", ReadOptions.defaults(),
                        e -> transformRead(e, ev.pad));
                check(ev, response, "seed " + seed);
            } catch (IOException e) {
                throw new AssertionError("seed " + seed, e);
            }
        });
    }

    private static void check(Event ev, FirehoseResponse response, String what) throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        response.writeTo(written);
        byte[] bytes = written.toByteArray();
        assertEquals(response.toJson(), written.toString(StandardCharsets.UTF_8), what);
        assertTrue(bytes.length <= FirehoseResponse.MAX_BYTES, what + ": " + bytes.length + " bytes");
        JsonNode records = JSON.readTree(bytes).get("records");
        assertEquals(ev.records.size(), records.size(), what + ": one answer per record");
        Set<String> seen = new HashSet<>();
        boolean shrunk = false;
        for (int i = 0; i < ev.records.size(); i++) {
            Sent s = ev.records.get(i);
            JsonNode a = records.get(i);
            assertEquals(3, a.size(), what + ": recordId, result and data only");
            assertEquals(s.id, a.get("recordId").asText(), what + ": answers in the event's order");
            assertTrue(seen.add(s.id), what + ": each recordId once");
            String result = a.get("result").asText();
            assertTrue(Set.of("Ok", "Dropped", "ProcessingFailed").contains(result), what + ": " + result);
            String data = a.get("data").asText();
            // strict: throws on anything but base64; Firehose sends base64, a test record that is not comes back as it was
            byte[] decoded = s.data.startsWith("*") && data.equals(s.data) ? null : Base64.getDecoder().decode(data);
            if (!s.decodable || s.transformFails) {
                assertEquals("ProcessingFailed", result, what + ": record " + i);
            } else if (s.output.length == 0) {
                assertEquals("Dropped", result, what + ": record " + i);
            } else if (result.equals("Ok")) {
                assertArrayEquals(s.output, decoded, what + ": record " + i + " holds its transformed events");
            } else {
                assertEquals("ProcessingFailed", result, what + ": record " + i);
                shrunk = true;
            }
            if (result.equals("ProcessingFailed")) {
                assertEquals(s.data, data, what + ": a failed record goes back as it came");
            }
            if (result.equals("Dropped")) {
                assertEquals("", data, what);
            }
        }
        if (shrunk) {
            long okBytes = ev.records.stream().filter(s -> s.decodable && !s.transformFails)
                    .mapToLong(s -> (s.output.length + 2) / 3 * 4L).sum();
            assertTrue(okBytes > FirehoseResponse.MAX_BYTES - bytes.length / 2, what
                    + ": an Ok record was failed back though everything fit");
        }
    }

    @Test
    void outputsOverSixMegabytesFailBackTheRecordsThatGrewMost() throws IOException {
        long seed = 0;
        Event ev;
        do {
            ev = event(++seed);
        } while (ev.pad < 400_000 || ev.records.stream().filter(s -> s.decodable && !s.transformFails && s.output.length > 0)
                .mapToLong(s -> s.output.length).sum() < 5_000_000);
        Event chosen = ev;
        FirehoseResponse response = FirehoseResponse.transform(new ByteArrayInputStream(chosen.json.getBytes(StandardCharsets.UTF_8)),
                "cdc-json", ReadOptions.defaults(), e -> transformRead(e, chosen.pad));
        check(chosen, response, "seed " + seed);
        assertTrue(response.records().stream().anyMatch(r -> r.result() == Result.OK), "the records that fit stay Ok");
        assertTrue(response.toString().startsWith("FirehoseResponse[records=" + chosen.records.size()), response.toString());
    }
}
