package io.cdcsdk.examples.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.router.Retry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersStreamHandlerTest {

    private static String record(String name, String seq, String id, String total, boolean newImage, boolean oldImage) {
        String image = "{\"orderId\":{\"S\":\"" + id + "\"},\"total\":{\"N\":\"" + total + "\"}}";
        return "{\"eventID\":\"e" + seq + "\",\"eventName\":\"" + name + "\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1700000000,\"Keys\":{\"orderId\":{\"S\":\"" + id + "\"}},"
                + (newImage ? "\"NewImage\":" + image + "," : "")
                + (oldImage ? "\"OldImage\":" + image + "," : "")
                + "\"SequenceNumber\":\"" + seq + "\",\"SizeBytes\":40,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000\"}";
    }

    private static String event() {
        return "{\"Records\":[" + String.join(",",
                record("INSERT", "111", "o-1", "10.50", true, false),
                record("MODIFY", "112", "o-2", "20", true, true),
                record("INSERT", "113", "o-3", "30", true, false),
                record("REMOVE", "114", "o-1", "10.50", false, true)) + "]}";
    }

    private static String invoke(OrdersStreamHandler handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event().getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void allHandledReportsNothing() throws Exception {
        OrdersStreamHandler.InMemoryOrderStore store = new OrdersStreamHandler.InMemoryOrderStore();
        String response = invoke(new OrdersStreamHandler(store, Retry.none()));
        assertEquals("{\"batchItemFailures\":[]}", response);
        assertEquals(Map.of("o-2", new OrdersStreamHandler.Order("o-2", new BigDecimal("20")),
                "o-3", new OrdersStreamHandler.Order("o-3", new BigDecimal("30"))), store.orders());
    }

    @Test
    void aFailureReportsItAndEverythingAfter() throws Exception {
        List<String> stored = new ArrayList<>();
        OrdersStreamHandler.OrderStore store = new OrdersStreamHandler.OrderStore() {
            @Override
            public void upsert(OrdersStreamHandler.Order order) throws Exception {
                if (order.orderId().equals("o-2")) {
                    throw new java.io.IOException("database down");
                }
                stored.add(order.orderId());
            }

            @Override
            public void delete(OrdersStreamHandler.Order order) {
                stored.add("-" + order.orderId());
            }
        };
        String response = invoke(new OrdersStreamHandler(store, Retry.attempts(2, Duration.ZERO)));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"112\"},{\"itemIdentifier\":\"113\"},"
                + "{\"itemIdentifier\":\"114\"}]}", response);
        assertEquals(List.of("o-1"), stored);
    }

    @Test
    void primingRoutesTheBundledEventThroughTheSameRoutes() throws Exception {
        List<String> calls = new ArrayList<>();
        String response = OrdersStreamHandler.Priming.prime(new OrdersStreamHandler.OrderStore() {
            @Override
            public void upsert(OrdersStreamHandler.Order order) {
                calls.add("upsert " + order);
            }

            @Override
            public void delete(OrdersStreamHandler.Order order) {
                calls.add("delete " + order);
            }
        });
        assertEquals("{\"batchItemFailures\":[]}", response);
        assertEquals(List.of("upsert Order[orderId=o-1, total=12.50]", "upsert Order[orderId=o-1, total=14.00]",
                "delete Order[orderId=o-1, total=14.00]"), calls);
    }
}
