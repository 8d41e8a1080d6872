package io.cdcsdk.examples.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.router.Router.EventHandler;
import io.cdcsdk.router.Retry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real DMS Kinesis records (see the test resources README) wrapped in a Kinesis Lambda event. */
class DmsKinesisHandlerTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DmsKinesisHandlerTest.class.getResourceAsStream("/dms/" + name)) {
            return in.readAllBytes();
        }
    }

    /** A Kinesis Lambda event record with {@code payload} as its base64 data. */
    private static String record(String sequence, byte[] payload) {
        return "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"SYSTEM.OFFENDERS\","
                + "\"sequenceNumber\":\"" + sequence + "\",\"data\":\"" + Base64.getEncoder().encodeToString(payload)
                + "\",\"approximateArrivalTimestamp\":1664982087.03},\"eventSource\":\"aws:kinesis\","
                + "\"eventVersion\":\"1.0\",\"eventID\":\"shardId-000000000000:" + sequence + "\","
                + "\"eventName\":\"aws:kinesis:record\",\"awsRegion\":\"eu-west-2\","
                + "\"eventSourceARN\":\"arn:aws:kinesis:eu-west-2:123456789012:stream/dms\"}";
    }

    private static String invoke(DmsKinesisHandler handler, String... records) throws IOException {
        String event = "{\"Records\":[" + String.join(",", records) + "]}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String[] batch(byte[] second) throws IOException {
        return new String[] {
            record("49590338271490256608559692538361571095921575989136588801", resource("kinesis-oracle-insert.json")),
            record("49590338271490256608559692538361571095921575989136588802", second),
            record("49590338271490256608559692538361571095921575989136588803", resource("kinesis-oracle-delete.json")),
        };
    }

    private static final class Seen implements EventHandler {
        final List<String> events = new ArrayList<>();
        private final String failOn;

        Seen(String failOn) {
            this.failOn = failOn;
        }

        @Override
        public void handle(ChangeEvent e) throws IOException {
            if (e.op().name().equals(failOn)) {
                throw new IOException("sink down");
            }
            String id = (String) e.meta().get(ChangeEvent.META_ENVELOPE_ID);
            events.add(e.op() + " " + e.source().qualifiedTable() + " " + e.after(java.util.Map.class) + " "
                    + id.substring(id.length() - 2));
        }
    }

    @Test
    void dataChangesAreHandledAtTheirSequenceNumbersAndControlRecordsIgnored() throws IOException {
        Seen seen = new Seen(null);
        String response = invoke(new DmsKinesisHandler(seen, Retry.none()), batch(resource("kinesis-control-create-table.json")));
        assertEquals("{\"batchItemFailures\":[]}", response);
        assertEquals(2, seen.events.size());
        assertEquals(true, seen.events.get(0).startsWith("INSERT SYSTEM.OFFENDERS {"), seen.events.get(0));
        assertEquals(true, seen.events.get(0).contains("LAST_NAME=Scheuer") && seen.events.get(0).endsWith(" 01"));
        assertEquals("DELETE SYSTEM.OFFENDERS null 03", seen.events.get(1));
    }

    @Test
    void aHandlerFailureReportsItsSequenceNumber() throws IOException {
        Seen seen = new Seen("DELETE");
        String response = invoke(new DmsKinesisHandler(seen, Retry.none()), batch(resource("kinesis-control-create-table.json")));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"49590338271490256608559692538361571095921575989136588803\"}]}",
                response);
        assertEquals(1, seen.events.size());
    }

    @Test
    void anUndecodableRecordIsReportedByItsSequenceNumberAndLambdaResumesFromIt() throws IOException {
        Seen seen = new Seen(null);
        String response = invoke(new DmsKinesisHandler(seen, Retry.none()),
                batch("{\"metadata\": not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"batchItemFailures\":["
                + "{\"itemIdentifier\":\"49590338271490256608559692538361571095921575989136588802\"}]}", response);
        assertEquals(1, seen.events.size());
        assertEquals(true, seen.events.get(0).startsWith("INSERT SYSTEM.OFFENDERS"));
    }
}
