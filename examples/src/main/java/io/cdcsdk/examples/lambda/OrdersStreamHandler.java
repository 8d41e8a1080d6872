package io.cdcsdk.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.router.BatchResponse;
import io.cdcsdk.router.FailurePolicy;
import io.cdcsdk.router.Retry;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import io.cdcsdk.router.Tables;
import io.cdcsdk.router.Unrouted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DynamoDB Streams Lambda handler built on the router, answering with partial batch failures
 * ({@code FunctionResponseTypes: ReportBatchItemFailures} on the event source mapping).
 *
 * <p>It reads the raw event bytes with the {@code dynamodb-stream} adapter, routes inserts and
 * updates of the {@code Orders} table to {@link OrderStore#upsert} and deletes to
 * {@link OrderStore#delete}, stopping at the first failure (a shard is ordered), and writes
 * {@code {"batchItemFailures":[{"itemIdentifier":"<SequenceNumber>"}, ...]}}. Lambda resumes from
 * the lowest reported sequence number, so the failed record and everything after it come back.
 * A record that cannot be decoded is reported by its {@code SequenceNumber} like a failed one, when
 * that can be read; only a record without one, or an event that cannot be read at all, fails the
 * whole invocation, so Lambda retries the batch.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.lambda.OrdersStreamHandler::handleRequest}, a
 * DynamoDB stream event source mapping with {@code FunctionResponseTypes: ReportBatchItemFailures}.
 * {@link OrdersDynamodbEventHandler} is the same handler on aws-lambda-java-events.
 */
public class OrdersStreamHandler implements RequestStreamHandler {

    /** An order as stored in the {@code Orders} table. */
    public record Order(String orderId, BigDecimal total) {
        /**
         * The order in a row of the {@code Orders} table, read column by column: binding with a
         * function, not with Jackson ({@code bind(Order.class)}), keeps a data binder out of the
         * function's cold start.
         */
        static Order from(Row row) {
            return new Order(row.string("orderId"), row.decimal("total"));
        }
    }

    /** Where orders go; a real handler writes to a database. */
    public interface OrderStore {
        void upsert(Order order) throws Exception;

        void delete(Order order) throws Exception;
    }

    /** A store in memory, the default when none is given. */
    public static final class InMemoryOrderStore implements OrderStore {
        private final Map<String, Order> orders = new ConcurrentHashMap<>();

        @Override
        public void upsert(Order order) {
            orders.put(order.orderId(), order);
        }

        @Override
        public void delete(Order order) {
            orders.remove(order.orderId());
        }

        /** The orders held. */
        public Map<String, Order> orders() {
            return Map.copyOf(orders);
        }
    }

    private final Router router;
    // The SnapStart priming hook, or null without org.crac; kept here because CRaC holds it weakly.
    private final Object priming;

    /** The handler Lambda instantiates. */
    public OrdersStreamHandler() {
        this(new InMemoryOrderStore(), Retry.attempts(3, Duration.ofMillis(100)));
    }

    /** A handler writing to {@code store}, retrying each record as {@code retry} says. */
    public OrdersStreamHandler(OrderStore store, Retry retry) {
        this.router = router(store, retry);
        this.priming = primingHook();
    }

    private OrdersStreamHandler(Router router) {
        this.router = router;
        this.priming = null;
    }

    private static Object primingHook() {
        try {
            return Priming.register();
        } catch (LinkageError e) {
            return null; // org.crac is not on the class path: the handler runs unprimed
        }
    }

    /**
     * The routing both Orders handlers share: inserts and updates to {@link OrderStore#upsert},
     * deletes to {@link OrderStore#delete}, other tables ignored, stop at the first failure.
     */
    static Router router(OrderStore store, Retry retry) {
        Objects.requireNonNull(store, "store");
        return Router.builder()
                .failurePolicy(FailurePolicy.STOP)
                .unrouted(Unrouted.IGNORE)
                .retry(retry)
                .on(Tables.table("Orders"), Operation.INSERT, Operation.UPDATE).bind(Order::from).to(store::upsert)
                .on(Tables.table("Orders"), Operation.DELETE).bind(Order::from).to(store::delete)
                .build();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        RouteResult result;
        try (ChangeReader reader = ChangeReaders.open(in, "lambda-event.json", "dynamodb-stream", ReadOptions.defaults())) {
            result = router.route(reader);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("reading the event failed", e);
        }
        // throws when an undecodable record has no sequence number: the whole batch is retried
        String response = BatchResponse.forStream(result).toJson();
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Lambda SnapStart priming: before the snapshot is taken, CRaC calls
     * {@link #beforeCheckpoint}, which routes a bundled sample event
     * ({@code OrdersStreamHandler-priming.json}: an insert, an update and a delete of an order)
     * through the same routes to a store that keeps nothing. The snapshot then holds the classes of
     * reading, routing and answering loaded and initialized, so the first invocation after a
     * restore does none of it. Registered with
     * CRaC's global context when {@code org.crac:crac} is on the class path (the function's jar
     * holds it); without it the handler runs unprimed.
     */
    static final class Priming implements org.crac.Resource {
        private static final OrderStore DISCARD = new OrderStore() {
            @Override
            public void upsert(Order order) {
            }

            @Override
            public void delete(Order order) {
            }
        };

        private Priming() {
        }

        static Priming register() {
            Priming priming = new Priming();
            org.crac.Core.getGlobalContext().register(priming);
            return priming;
        }

        @Override
        public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) throws IOException {
            prime(DISCARD);
        }

        @Override
        public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
            // nothing to reopen: the handler holds no connection
        }

        /** Routes the bundled sample event to {@code store}; returns the handler's answer. */
        static String prime(OrderStore store) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = OrdersStreamHandler.class.getResourceAsStream("OrdersStreamHandler-priming.json")) {
                new OrdersStreamHandler(router(store, Retry.none())).handleRequest(in, out, null);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
