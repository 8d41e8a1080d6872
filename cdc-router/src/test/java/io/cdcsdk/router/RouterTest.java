package io.cdcsdk.router;

import io.cdcsdk.router.FailedEvent.Stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.RowBinder;
import io.cdcsdk.core.RowBindingException;
import io.cdcsdk.core.SourceInfo;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RouterTest {

    record Order(long orderId, BigDecimal total) {
    }

    static ChangeEvent event(Operation op, String schema, String table, int id, String position) {
        Row row = Row.builder().put("order_id", id).put("total", new BigDecimal("12.50")).build();
        return ChangeEvent.builder(op, SourceInfo.of("test", schema, table))
                .key(Row.builder().put("order_id", id).build())
                .before(op == Operation.INSERT || op == Operation.SNAPSHOT ? null : row)
                .after(op == Operation.DELETE ? null : row)
                .position(position)
                .build();
    }

    @Test
    void exactTableAndOperationConflictFailsAtBuild() {
        Router.Builder b = Router.builder()
                .on(Tables.table("public", "orders"), Operation.INSERT, Operation.UPDATE).to(e -> { })
                .on(Tables.table("public", "orders"), Operation.UPDATE).to(e -> { });
        RoutingException e = assertThrows(RoutingException.class, b::build);
        assertTrue(e.getMessage().contains("public.orders"), e.getMessage());
        assertTrue(e.getMessage().contains("update"), e.getMessage());
    }

    @Test
    void samePatternTwiceAndTwoCatchAllsConflict() {
        assertThrows(RoutingException.class, () -> Router.builder()
                .on(Tables.schema("inventory")).to(e -> { })
                .on(Tables.schema("inventory"), Operation.DELETE).to(e -> { })
                .build());
        assertThrows(RoutingException.class, () -> Router.builder().otherwise(e -> { }).otherwise(e -> { }).build());
    }

    @Test
    void exactBeatsPatternBeatsCatchAll() {
        List<String> calls = new ArrayList<>();
        Router router = Router.builder()
                .otherwise(e -> calls.add("any:" + e.source().qualifiedTable()))
                .on(Tables.schema("public")).to(e -> calls.add("schema:" + e.source().table()))
                .on(Tables.matching("inv*.item?")).to(e -> calls.add("glob:" + e.source().table()))
                .on(Tables.table("public", "orders"), Operation.INSERT).to(e -> calls.add("exact"))
                .build();
        RouteResult r = router.route(List.of(
                event(Operation.INSERT, "public", "orders", 1, "1"),
                event(Operation.UPDATE, "public", "orders", 1, "2"),
                event(Operation.INSERT, "inventory", "items", 1, "3"),
                event(Operation.INSERT, "inventory", "itemsx", 1, "4"),
                event(Operation.DDL, "other", "t", 1, "5")));
        assertEquals(List.of("exact", "schema:orders", "glob:items", "any:inventory.itemsx", "any:other.t"), calls);
        assertEquals(5, r.handled());
        assertTrue(r.isSuccess());
    }

    @Test
    void unroutedPolicies() {
        List<ChangeEvent> events = List.of(event(Operation.INSERT, "public", "orders", 1, "1"),
                event(Operation.INSERT, "public", "other", 2, "2"));
        Router.Builder base = Router.builder().on(Tables.table("public", "orders")).to(e -> { });

        RouteResult ignore = Router.builder().on(Tables.table("public", "orders")).to(e -> { })
                .unrouted(Unrouted.IGNORE).build().route(events);
        assertEquals(1, ignore.skipped());
        assertTrue(ignore.skippedEvents().isEmpty());

        RouteResult collect = Router.builder().on(Tables.table("public", "orders")).to(e -> { })
                .unrouted(Unrouted.COLLECT).build().route(events);
        assertEquals(List.of(events.get(1)), collect.unrouted());
        assertTrue(collect.isSuccess());

        RouteResult fail = base.unrouted(Unrouted.FAIL).build().route(events);
        assertEquals(1, fail.failed());
        assertEquals(Stage.ROUTE, fail.failures().get(0).stage());
        assertInstanceOf(RoutingException.class, fail.failures().get(0).error());
        assertEquals(0, fail.failures().get(0).attempts());
    }

    /** Routes an insert, an update and a delete of order 7, each registration bound by {@code bind}. */
    private static List<Object> insertUpdateDelete(Router.Builder builder, Function<Router.On, Router.Bound<Order>> bind) {
        List<Object> seen = new ArrayList<>();
        Tables orders = Tables.table("public", "orders");
        bind.apply(builder.on(orders, Operation.INSERT)).to(seen::add);
        bind.apply(builder.on(orders, Operation.UPDATE)).toChange((before, after, e) -> seen.add(List.of(before, after)));
        bind.apply(builder.on(orders, Operation.DELETE)).to(seen::add);
        RouteResult r = builder.build().route(List.of(event(Operation.INSERT, "public", "orders", 7, "1"),
                event(Operation.UPDATE, "public", "orders", 7, "2"),
                event(Operation.DELETE, "public", "orders", 7, "3")));
        assertEquals(3, r.handled());
        return seen;
    }

    @Test
    void typedHandlersBindWithNamingStrategy() {
        Order o = new Order(7, new BigDecimal("12.50"));
        assertEquals(List.of(o, List.of(o, o), o),
                insertUpdateDelete(Router.builder().binder(RowBinder.snakeCase()), on -> on.bind(Order.class)));
    }

    /**
     * Routes an order whose {@code orderId} is not a number to a registration bound by {@code bind},
     * retried up to 3 times; checks that the handler never ran and the event failed at BIND unretried.
     */
    private static FailedEvent bindingFailure(Function<Router.On, Router.Bound<Order>> bind, List<FailedEvent> dead) {
        AtomicInteger calls = new AtomicInteger();
        Router.Builder builder = Router.builder().sleeper(Sleeper.NONE).deadLetter(dead::add);
        bind.apply(builder.on(Tables.table("public", "orders")).retry(Retry.attempts(3, Duration.ZERO)))
                .to(o -> calls.incrementAndGet());
        ChangeEvent bad = ChangeEvent.builder(Operation.INSERT, SourceInfo.of("test", "public", "orders"))
                .after(Row.builder().put("orderId", "not a number").build()).position("9").build();
        RouteResult r = builder.build().route(List.of(bad));
        assertEquals(0, calls.get());
        assertEquals(1, r.failed());
        FailedEvent f = r.failures().get(0);
        assertEquals(Stage.BIND, f.stage());
        assertEquals(0, f.attempts());
        return f;
    }

    @Test
    void bindingFailureIsStageBindAndNotRetried() {
        List<FailedEvent> dead = new ArrayList<>();
        FailedEvent f = bindingFailure(on -> on.bind(Order.class).using(RowBinder.defaults()), dead);
        assertInstanceOf(RowBindingException.class, f.error());
        assertEquals(List.of(f), dead);
        assertFalse(f.toString().contains("not a number"), "envelope text must not carry row values");
    }

    @Test
    void rowMapperBindsLikeABinderWithoutOne() {
        Router.RowMapper<Order> order = row -> new Order(row.decimal("order_id").longValueExact(), row.decimal("total"));
        Order o = new Order(7, new BigDecimal("12.50"));
        assertEquals(List.of(o, List.of(o, o), o), insertUpdateDelete(Router.builder(), on -> on.bind(order)));
    }

    @Test
    void rowMapperFailureIsStageBindAndNotRetried() {
        List<FailedEvent> dead = new ArrayList<>();
        FailedEvent f = bindingFailure(on -> on.bind(row -> new Order(row.decimal("orderId").longValueExact(), row.decimal("total"))), dead);
        assertInstanceOf(ClassCastException.class, f.error());
        assertEquals(List.of(f), dead);
    }

    @Test
    void aRowMapperTakesNoBinder() {
        Router.Bound<Order> bound = Router.builder().on(Tables.any()).bind(row -> new Order(1, BigDecimal.ONE));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bound.using(RowBinder.snakeCase()));
        assertTrue(e.getMessage().contains("RowMapper"), e.getMessage());
    }

    @Test
    void retriesWithBackoffThenSucceed() {
        AtomicInteger calls = new AtomicInteger();
        List<Duration> waits = new ArrayList<>();
        Router router = Router.builder()
                .sleeper(waits::add)
                .on(Tables.table("public", "orders"))
                .retry(Retry.attempts(4, Duration.ofMillis(10)).backoff(3.0, Duration.ofMillis(50)))
                .to(e -> {
                    if (calls.incrementAndGet() < 4) {
                        throw new IOException("transient");
                    }
                })
                .build();
        RouteResult r = router.route(List.of(event(Operation.INSERT, "public", "orders", 1, "1")));
        assertEquals(1, r.handled());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(30), Duration.ofMillis(50)), waits);
    }

    @Test
    void retriesExhaustedAndRetryOnFilter() {
        AtomicInteger calls = new AtomicInteger();
        List<FailedEvent> dead = new ArrayList<>();
        Router router = Router.builder()
                .sleeper(Sleeper.NONE)
                .deadLetter(dead::add)
                .on(Tables.table("public", "orders"), Operation.INSERT).retry(Retry.attempts(3, Duration.ZERO))
                .to(e -> {
                    calls.incrementAndGet();
                    throw new IOException("down");
                })
                .on(Tables.table("public", "orders"), Operation.UPDATE)
                .retry(Retry.attempts(3, Duration.ZERO).retryOn(t -> t instanceof IOException))
                .to(e -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("permanent");
                })
                .build();
        RouteResult r = router.route(List.of(event(Operation.INSERT, "public", "orders", 1, "100"),
                event(Operation.UPDATE, "public", "orders", 2, "101")));
        assertEquals(4, calls.get());
        assertEquals(2, dead.size());
        FailedEvent first = dead.get(0);
        assertEquals(Stage.HANDLE, first.stage());
        assertEquals(3, first.attempts());
        assertEquals("100", first.position());
        assertEquals(IOException.class.getName(), first.errorClass());
        assertEquals("down", first.errorMessage());
        assertEquals(1, dead.get(1).attempts());
    }

    @Test
    void stopReportsTheRestAsNotAttempted() {
        Router router = Router.builder().failurePolicy(FailurePolicy.STOP)
                .on(Tables.any()).to(e -> {
                    if ("2".equals(e.position())) {
                        throw new IOException("x");
                    }
                }).build();
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            events.add(event(Operation.INSERT, "s", "t", i, String.valueOf(i)));
        }
        RouteResult r = router.route(events);
        assertEquals(1, r.handled());
        assertEquals(1, r.failed());
        assertEquals(events.subList(2, 5), r.notAttempted());
        assertEquals(events.subList(1, 5), r.unhandled());
        assertEquals(List.of("2", "3", "4", "5"), BatchResponse.forStream(r).itemIdentifiers());
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"},{\"itemIdentifier\":\"3\"},"
                + "{\"itemIdentifier\":\"4\"},{\"itemIdentifier\":\"5\"}]}", BatchResponse.forStream(r).toJson());
    }

    @Test
    void perKeyBlocksLaterEventsOfTheKeyOnly() {
        Router router = Router.builder().failurePolicy(FailurePolicy.PER_KEY)
                .on(Tables.any()).to(e -> {
                    if ("1".equals(e.position())) {
                        throw new IOException("x");
                    }
                }).build();
        RouteResult r = router.route(List.of(event(Operation.INSERT, "s", "t", 1, "1"),
                event(Operation.INSERT, "s", "t", 2, "2"),
                event(Operation.UPDATE, "s", "t", 1, "3")));
        assertEquals(1, r.handled());
        assertEquals(2, r.failed());
        assertInstanceOf(KeyBlockedException.class, r.failures().get(1).error());
        assertEquals(0, r.failures().get(1).attempts());
    }

    @Test
    void decodeFailuresAreAccountedAndStopWhenInputIsBroken() {
        Iterator<ChangeEvent> it = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 4;
            }

            @Override
            public ChangeEvent next() {
                i++;
                if (i == 2) {
                    throw ChangeReadException.malformed(new Position("in.json", 2, -1, 2), "bad record");
                }
                return event(Operation.INSERT, "s", "t", i, String.valueOf(i));
            }
        };
        List<FailedEvent> dead = new ArrayList<>();
        RouteResult r = Router.builder().deadLetter(dead::add).on(Tables.any()).to(e -> { }).build().route(it);
        assertEquals(4, r.seen());
        assertEquals(3, r.handled());
        assertEquals(Stage.DECODE, r.failures().get(0).stage());
        assertNull(r.failures().get(0).event());
        assertEquals(1, dead.size());
        assertThrows(RoutingException.class, () -> BatchResponse.forStream(r));
    }

    @Test
    void unhandledEventWithoutIdentifierCannotBeReported() {
        RouteResult r = Router.builder().on(Tables.any()).to(e -> {
            throw new IOException("x");
        }).build().route(List.of(event(Operation.INSERT, "s", "t", 1, null)));
        assertThrows(RoutingException.class, () -> BatchResponse.forStream(r));
        assertTrue(BatchResponse.forSqs(Router.builder().otherwise(e -> { }).build()
                .route(List.of(event(Operation.INSERT, "s", "t", 1, null)))).isEmpty());
    }

    @Test
    void routesAReaderAndClosesIt() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            ndjson.append(io.cdcsdk.core.json.ChangeEventJson.toJson(event(Operation.INSERT, "s", "t", i, String.valueOf(i))))
                    .append('\n');
            if (i == 2) {
                ndjson.append("{not json\n");
            }
        }
        List<String> handled = new ArrayList<>();
        Router router = Router.builder().on(Tables.table("s", "t")).to(e -> handled.add(e.position())).build();
        io.cdcsdk.core.ChangeReader reader = io.cdcsdk.core.ChangeReaders.open(
                new java.io.ByteArrayInputStream(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "events.ndjson", "cdc-json", io.cdcsdk.core.ReadOptions.defaults().failOnError());
        RouteResult r = router.route(reader);
        assertEquals(r.seen(), r.handled() + r.failed() + r.skipped());
        assertTrue(handled.containsAll(List.of("1", "2")), handled.toString());
        assertEquals(Stage.DECODE, r.failures().get(0).stage());
        assertFalse(reader.hasNext());
    }

    @Test
    void parallelismKeepsPerKeyOrder() {
        java.util.Map<Integer, List<Integer>> perKey = new java.util.concurrent.ConcurrentHashMap<>();
        Router router = Router.builder().parallelism(3).window(16)
                .on(Tables.any()).bind(Order.class).using(RowBinder.snakeCase()).toChange((b, a, e) ->
                        perKey.computeIfAbsent((int) a.orderId(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(Integer.parseInt(e.position())))
                .build();
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(event(Operation.UPDATE, "s", "t", i % 7, String.valueOf(i)));
        }
        RouteResult r = router.route(events);
        assertEquals(200, r.handled());
        perKey.forEach((k, list) -> {
            assertEquals(list.stream().sorted().toList(), list);
            assertEquals(200 / 7 + (k < 200 % 7 ? 1 : 0), list.size());
        });
    }

    @Test
    void tablesWithoutSchemaMatchAnEmptySchema() {
        assertTrue(Tables.table("", "orders").matches(io.cdcsdk.core.SourceInfo.of("dynamodb-stream", "orders")));
        assertTrue(Tables.table("orders").matches(io.cdcsdk.core.SourceInfo.of("x", "", "orders")));
        assertFalse(Tables.table("orders").matches(io.cdcsdk.core.SourceInfo.of("x", "public", "orders")));
        assertThrows(RoutingException.class, () -> Router.builder()
                .on(Tables.table("orders")).to(e -> { })
                .on(Tables.table("", "orders"), Operation.DELETE).to(e -> { })
                .build());
    }

    @Test
    void aFailingKeyFunctionFailsTheEventNotTheRun() {
        RouteResult r = Router.builder().failurePolicy(FailurePolicy.PER_KEY)
                .key(e -> {
                    if ("2".equals(e.position())) {
                        throw new IllegalStateException("no key");
                    }
                    return e.position();
                })
                .on(Tables.any()).to(e -> { }).build()
                .route(List.of(event(Operation.INSERT, "s", "t", 1, "1"), event(Operation.INSERT, "s", "t", 2, "2"),
                        event(Operation.INSERT, "s", "t", 3, "3")));
        assertEquals(2, r.handled());
        assertEquals(Stage.ROUTE, r.failures().get(0).stage());
        assertEquals(1, r.failures().get(0).index());
    }

    @Test
    void theKeyFunctionIsCalledOnlyWhenAPolicyOrParallelismNeedsIt() {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(event(Operation.INSERT, "s", "t", i % 3, String.valueOf(i)));
        }
        for (FailurePolicy policy : FailurePolicy.values()) {
            for (int parallelism : new int[] {1, 2}) {
                AtomicInteger calls = new AtomicInteger();
                RouteResult r = Router.builder().failurePolicy(policy).parallelism(parallelism)
                        .key(e -> {
                            calls.incrementAndGet();
                            return Router.defaultKey(e);
                        })
                        .on(Tables.any()).to(e -> { }).build().route(events);
                assertEquals(20, r.handled());
                boolean needed = policy == FailurePolicy.PER_KEY || parallelism > 1;
                assertEquals(needed ? 20 : 0, calls.get(), policy + " parallelism " + parallelism);
            }
        }
    }

    @Test
    void aBatchResponseThatCannotBeMadeCarriesTheDecodeErrorAsItsCause() {
        ChangeReadException bad = ChangeReadException.malformed(new Position("event.json", 3, 77, 2), "bad record");
        Iterator<ChangeEvent> it = List.of(event(Operation.INSERT, "s", "t", 1, "1")).iterator();
        Iterator<ChangeEvent> input = new Iterator<>() {
            boolean thrown;

            @Override
            public boolean hasNext() {
                return !thrown || it.hasNext();
            }

            @Override
            public ChangeEvent next() {
                if (!thrown) {
                    thrown = true;
                    throw bad;
                }
                return it.next();
            }
        };
        RouteResult r = Router.builder().otherwise(e -> { }).build().route(input);
        assertEquals(2, r.seen());
        assertEquals(1, r.handled());
        for (java.util.function.Function<RouteResult, BatchResponse> response : List.<java.util.function.Function<
                RouteResult, BatchResponse>>of(BatchResponse::forStream, BatchResponse::forSqs,
                x -> BatchResponse.of(x, ChangeEvent::position))) {
            RoutingException e = assertThrows(RoutingException.class, () -> response.apply(r));
            assertSame(bad, e.getCause());
            assertTrue(e.getMessage().contains("MALFORMED at event.json line 3 (record 2, byte 77)"), e.getMessage());
            assertTrue(e.getMessage().contains("fail the whole batch"), e.getMessage());
        }
    }
}
