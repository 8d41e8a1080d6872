package io.cdcsdk.examples.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import io.cdcsdk.router.Retry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both Orders handlers get the same records, as raw JSON and as a {@link DynamodbEvent}, and must answer alike. */
class OrdersDynamodbEventHandlerTest {

    private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000";

    /** One stream record: event name, sequence number, order id and total. */
    private record Rec(String name, String seq, String id, String total) {
        boolean newImage() {
            return !name.equals("REMOVE");
        }

        boolean oldImage() {
            return !name.equals("INSERT");
        }
    }

    private static final List<Rec> RECORDS = List.of(
            new Rec("INSERT", "211", "o-1", "10.50"),
            new Rec("MODIFY", "212", "o-2", "20"),
            new Rec("INSERT", "213", "o-3", "30"),
            new Rec("REMOVE", "214", "o-1", "10.50"),
            new Rec("INSERT", "215", "o-4", "40"));

    private static String json(List<Rec> records) {
        return records.stream().map(r -> {
            String image = "{\"orderId\":{\"S\":\"" + r.id() + "\"},\"total\":{\"N\":\"" + r.total() + "\"}}";
            return "{\"eventID\":\"e" + r.seq() + "\",\"eventName\":\"" + r.name() + "\",\"eventVersion\":\"1.1\","
                    + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{"
                    + "\"ApproximateCreationDateTime\":1700000000,\"Keys\":{\"orderId\":{\"S\":\"" + r.id() + "\"}},"
                    + (r.newImage() ? "\"NewImage\":" + image + "," : "")
                    + (r.oldImage() ? "\"OldImage\":" + image + "," : "")
                    + "\"SequenceNumber\":\"" + r.seq() + "\",\"SizeBytes\":40,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                    + "\"eventSourceARN\":\"" + ARN + "\"}";
        }).collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }

    private static DynamodbEvent dynamodbEvent(List<Rec> records) {
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (Rec r : records) {
            Map<String, AttributeValue> image = Map.of("orderId", new AttributeValue().withS(r.id()),
                    "total", new AttributeValue().withN(r.total()));
            StreamRecord d = new StreamRecord()
                    .withApproximateCreationDateTime(new Date(1_700_000_000_000L))
                    .withKeys(Map.of("orderId", new AttributeValue().withS(r.id())))
                    .withSequenceNumber(r.seq())
                    .withSizeBytes(40L)
                    .withStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
            if (r.newImage()) {
                d.setNewImage(image);
            }
            if (r.oldImage()) {
                d.setOldImage(image);
            }
            DynamodbEvent.DynamodbStreamRecord rec = new DynamodbEvent.DynamodbStreamRecord();
            rec.setEventID("e" + r.seq());
            rec.setEventName(r.name());
            rec.setEventVersion("1.1");
            rec.setEventSource("aws:dynamodb");
            rec.setAwsRegion("eu-west-1");
            rec.setEventSourceARN(ARN);
            rec.setDynamodb(d);
            out.add(rec);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(out);
        return event;
    }

    /** A store that fails for one order id and records what it did. */
    private static final class FailingStore implements OrdersStreamHandler.OrderStore {
        final List<String> done = new ArrayList<>();
        private final String failing;

        FailingStore(String failing) {
            this.failing = failing;
        }

        @Override
        public void upsert(OrdersStreamHandler.Order order) throws IOException {
            if (order.orderId().equals(failing)) {
                throw new IOException("database down");
            }
            done.add(order.orderId());
        }

        @Override
        public void delete(OrdersStreamHandler.Order order) {
            done.add("-" + order.orderId());
        }
    }

    private static List<String> viaStream(OrdersStreamHandler.OrderStore store) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OrdersStreamHandler(store, Retry.none())
                .handleRequest(new ByteArrayInputStream(json(RECORDS).getBytes(StandardCharsets.UTF_8)), out, null);
        String response = out.toString(StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"itemIdentifier\":\"([^\"]*)\"").matcher(response);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<String> viaEvent(OrdersStreamHandler.OrderStore store) {
        StreamsEventResponse response = new OrdersDynamodbEventHandler(store, Retry.none())
                .handleRequest(dynamodbEvent(RECORDS), null);
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void bothVariantsStoreTheSameAndReportNothing() throws IOException {
        OrdersStreamHandler.InMemoryOrderStore a = new OrdersStreamHandler.InMemoryOrderStore();
        OrdersStreamHandler.InMemoryOrderStore b = new OrdersStreamHandler.InMemoryOrderStore();
        assertEquals(List.of(), viaStream(a));
        assertEquals(List.of(), viaEvent(b));
        Map<String, OrdersStreamHandler.Order> expected = Map.of(
                "o-2", new OrdersStreamHandler.Order("o-2", new BigDecimal("20")),
                "o-3", new OrdersStreamHandler.Order("o-3", new BigDecimal("30")),
                "o-4", new OrdersStreamHandler.Order("o-4", new BigDecimal("40")));
        assertEquals(expected, a.orders());
        assertEquals(expected, b.orders());
    }

    @Test
    void bothVariantsReportTheFailedRecordAndEverythingAfter() throws IOException {
        FailingStore a = new FailingStore("o-3");
        FailingStore b = new FailingStore("o-3");
        List<String> expected = List.of("213", "214", "215");
        assertEquals(expected, viaStream(a));
        assertEquals(expected, viaEvent(b));
        assertEquals(List.of("o-1", "o-2"), a.done);
        assertEquals(a.done, b.done);
    }
}
