package io.cdcsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.json.ChangeEventJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The registry's envelope layer, with the library's own ChangeEvent JSON as the payloads. */
class LambdaEnvelopeTest {
    private static final String SECRET = "SECRET-ROW-VALUE";

    private static String change(int id) {
        return ChangeEventJson.toJson(ChangeEvent.builder(Operation.INSERT, SourceInfo.of("cdc-json", "s", "t"))
                .key(Row.builder().put("id", id).build()).after(Row.builder().put("id", id).put("v", SECRET).build())
                .position("p" + id).build());
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String kinesis(String seq, String data) {
        return "{\"kinesis\":{\"partitionKey\":\"pk\",\"sequenceNumber\":\"" + seq + "\",\"data\":\"" + data
                + "\"},\"eventSource\":\"aws:kinesis\",\"eventSourceARN\":\"arn:aws:kinesis:us-east-1:1:stream/s\"}";
    }

    private static List<ChangeEvent> read(String json, String format, ReadOptions options) throws IOException {
        List<ChangeEvent> events = new ArrayList<>();
        try (ChangeReader r = FormatRegistry.discover().open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "event.json", format, options)) {
            r.forEachRemaining(events::add);
        }
        return events;
    }

    @Test
    void eachPayloadIsReadWithItsItemsIdentityAndPlace() throws IOException {
        String json = "{\"Records\":[\n" + kinesis("101", b64(change(1) + "\n" + change(2))) + ",\n"
                + kinesis("102", b64(gzip(change(3)))) + "]}";
        List<ChangeEvent> events = read(json, null, ReadOptions.defaults());
        assertEquals(3, events.size());
        assertEquals(List.of("101", "101", "102"), events.stream().map(e -> e.meta().get(ChangeEvent.META_ENVELOPE_ID)).toList());
        assertEquals("kinesis", events.get(0).meta().get(ChangeEvent.META_ENVELOPE));
        assertEquals("pk", events.get(0).meta().get("kinesisPartitionKey"));
        assertEquals(List.of("p1", "p2", "p3"), events.stream().map(ChangeEvent::position).toList(), "the payload's own position");
        assertEquals(new Position("event.json", 2, -1, 1), events.get(1).origin());
        assertEquals(new Position("event.json", 3, -1, 2), events.get(2).origin());
        assertEquals(events.stream().map(ChangeEventJson::toJson).toList(),
                read(json, "cdc-json", ReadOptions.defaults()).stream().map(ChangeEventJson::toJson).toList());
    }

    @Test
    void aBadPayloadIsARecordOfTheEventThatNamesItsItem() throws IOException {
        String json = "{\"Records\":[" + kinesis("1", b64(change(1))) + "," + kinesis("2", "%%" + b64(change(2))) + ","
                + kinesis("3", b64("{\"op\":\"insert\",\"source\":{\"v\":\"" + SECRET)) + "," + kinesis("4", b64(change(4))) + "]}";
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read(json, "cdc-json", ReadOptions.defaults().skipOnError(skipped::add));
        assertEquals(List.of("1", "4"), events.stream().map(e -> e.meta().get(ChangeEvent.META_ENVELOPE_ID)).toList());
        assertEquals(List.of("2", "3"), skipped.stream().map(e -> e.envelopeId().orElseThrow()).toList());
        for (ChangeReadException e : skipped) {
            assertFalse(e.isInputBroken());
            assertEquals("event.json", e.position().sourceName());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
        assertEquals(2, skipped.get(0).position().record());

        ChangeReader failing = FormatRegistry.discover().open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "event.json", "cdc-json", ReadOptions.defaults());
        assertTrue(failing.hasNext());
        failing.next();
        ChangeReadException e = assertThrows(ChangeReadException.class, failing::hasNext);
        assertEquals("2", e.envelopeId().orElseThrow());
        assertFalse(failing.hasNext(), "under FAIL the reader stops at the bad item");
    }

    @Test
    void anEventThatIsNotJsonBreaksTheInputAndNamesNoItem() throws IOException {
        String json = "{\"Records\":[" + kinesis("1", b64(change(1))) + "," + kinesis("2", b64(change(2))).substring(0, 40);
        List<ChangeReadException> skipped = new ArrayList<>();
        assertEquals(1, read(json, "cdc-json", ReadOptions.defaults().skipOnError(skipped::add)).size());
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).isInputBroken());
        assertTrue(skipped.get(0).envelopeId().isEmpty());
    }

    @Test
    void aPayloadOfNoKnownFormatAndAnUnknownNameAreTold() throws IOException {
        String json = "{\"Records\":[{\"messageId\":\"m-1\",\"body\":\"Test message.\",\"eventSource\":\"aws:sqs\"}]}";
        List<ChangeReadException> skipped = new ArrayList<>();
        assertEquals(List.of(), read(json, null, ReadOptions.defaults().skipOnError(skipped::add)));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, skipped.get(0).kind());
        assertEquals("m-1", skipped.get(0).envelopeId().orElseThrow());
        assertThrows(UnknownFormatException.class, () -> read(json, "no-such-format", ReadOptions.defaults()));
    }

    @Test
    void kafkaTombstonesHaveNoEventsAndFirehoseAndPipesNameTheirItems() throws IOException {
        String kafka = "{\"eventSource\":\"SelfManagedKafka\",\"records\":{\"t-0\":[{\"topic\":\"t\",\"partition\":0,\"offset\":5,"
                + "\"value\":null},{\"topic\":\"t\",\"partition\":0,\"offset\":6,\"value\":\"" + b64(change(6)) + "\"}]}}";
        List<ChangeEvent> events = read(kafka, null, ReadOptions.defaults());
        assertEquals(1, events.size());
        assertEquals("t-0@6", events.get(0).meta().get(ChangeEvent.META_ENVELOPE_ID));
        assertEquals("kafka", events.get(0).meta().get(ChangeEvent.META_ENVELOPE));

        String firehose = "{\"invocationId\":\"i\",\"deliveryStreamArn\":\"arn\",\"region\":\"us-east-1\",\"records\":["
                + "{\"recordId\":\"r-1\",\"approximateArrivalTimestamp\":1,\"data\":\"" + b64(change(1)) + "\"}]}";
        assertEquals("r-1", read(firehose, null, ReadOptions.defaults()).get(0).meta().get(ChangeEvent.META_ENVELOPE_ID));

        String pipes = "[{\"messageId\":\"m-9\",\"body\":" + quote(change(9)) + ",\"eventSource\":\"aws:sqs\"}]";
        ChangeEvent e = read(pipes, null, ReadOptions.defaults()).get(0);
        assertEquals("eventbridge-pipes", e.meta().get(ChangeEvent.META_ENVELOPE));
        assertEquals("m-9", e.meta().get(ChangeEvent.META_ENVELOPE_ID));
        assertNull(read(change(1), null, ReadOptions.defaults()).get(0).meta().get(ChangeEvent.META_ENVELOPE),
                "an input that is no Lambda event is read as before");
    }

    @Test
    void imagesAndUnavailableColumnsOfThePayloadAreKept() throws IOException {
        String json = ChangeEventJson.toJson(ChangeEvent.builder(Operation.UPDATE, SourceInfo.of("cdc-json", "s", "t"))
                .key(Row.builder().put("id", 1).build()).after(Row.builder().put("id", 1).build())
                .images(new Images(Completeness.KEYS, Completeness.PARTIAL)).unavailable(List.of("blob")).build());
        ChangeEvent e = read("{\"Records\":[" + kinesis("7", b64(json)) + "]}", "cdc-json", ReadOptions.defaults()).get(0);
        assertEquals(new Images(Completeness.KEYS, Completeness.PARTIAL), e.images());
        assertEquals(java.util.Set.of("blob"), e.unavailable());
        assertEquals("7", e.meta().get(ChangeEvent.META_ENVELOPE_ID));
    }

    @Test
    void envelopeIdSurvivesACopy() {
        ChangeReadException e = ChangeReadException.malformed(Position.of("x"), "bad");
        assertTrue(e.envelopeId().isEmpty());
        ChangeReadException named = e.withEnvelopeId("seq-1");
        assertEquals("seq-1", named.envelopeId().orElseThrow());
        assertEquals(e.getMessage(), named.getMessage());
        assertEquals(e.kind(), named.kind());
        assertTrue(ChangeReadException.inputBroken(ChangeReadException.Kind.IO, Position.of("x"), "d", null)
                .withEnvelopeId("s").isInputBroken());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
