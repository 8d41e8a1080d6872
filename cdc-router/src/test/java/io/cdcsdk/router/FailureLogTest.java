package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a Lambda user sees in the log when an event fails: enough to find it, and no row value. */
class FailureLogTest {
    private static final String SECRET = "SECRET-4711";

    record Order(long orderId) {
    }

    @BeforeEach
    void clear() {
        CapturedLog.clear();
    }

    static ChangeEvent event(Operation op, String table, String id, long line) {
        return ChangeEvent.builder(op, SourceInfo.of("dms-json", "sales", table))
                .key(Row.builder().put("id", id).build())
                .after(Row.builder().put("id", id).put("orderId", SECRET).build())
                .position("000" + line)
                .meta(ChangeEvent.META_FILE, "orders.json")
                .meta(ChangeEvent.META_LINE, line)
                .meta(ChangeEvent.META_RECORD, line)
                .build();
    }

    static String onlyWarning() {
        List<String> lines = CapturedLog.lines();
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("WARN io.cdcsdk.router.Router: "), line);
        return line;
    }

    @Test
    void aHandlerFailureNamesStagePositionTableAndClassButNotTheMessage() {
        Router.builder().on(Tables.any()).to(e -> {
            throw new IllegalStateException("row " + SECRET + " rejected");
        }).build().route(List.of(event(Operation.UPDATE, "orders", "1", 17)));
        String line = onlyWarning();
        assertTrue(line.contains("stage HANDLE"), line);
        assertTrue(line.contains("table=sales.orders op=update position=00017"), line);
        assertTrue(line.contains("from orders.json line 17 (record 17)"), line);
        assertTrue(line.contains("attempts=1"), line);
        assertTrue(line.contains("java.lang.IllegalStateException (message not logged"), line);
        assertTrue(line.contains("logHandlerMessages"), line);
        assertFalse(line.contains(SECRET), line);
    }

    @Test
    void aHandlerMessageIsLoggedWhenTheUserOptsIn() {
        Router.builder().logHandlerMessages(true).sleeper(Sleeper.NONE).retry(Retry.attempts(2, java.time.Duration.ZERO))
                .on(Tables.any()).to(e -> {
                    throw new IOException("downstream unavailable");
                }).build().route(List.of(event(Operation.INSERT, "orders", "1", 3)));
        String line = onlyWarning();
        assertTrue(line.endsWith("attempts=2: java.io.IOException: downstream unavailable"), line);
    }

    @Test
    void theLibrarysOwnMessagesAreAlwaysLogged() {
        Router.builder()
                .on(Tables.table("sales", "orders")).bind(Order.class).to(o -> { })
                .unrouted(Unrouted.FAIL)
                .build().route(List.of(event(Operation.INSERT, "orders", "1", 1), event(Operation.INSERT, "other", "2", 2)));
        List<String> lines = CapturedLog.lines();
        assertEquals(2, lines.size(), lines.toString());
        String bind = lines.get(0);
        assertTrue(bind.contains("stage BIND") && bind.contains("attempts=0"), bind);
        assertTrue(bind.contains("io.cdcsdk.core.RowBindingException: cannot bind row to " + Order.class.getName()
                + " at orderId"), bind);
        String route = lines.get(1);
        assertTrue(route.contains("stage ROUTE") && route.contains("from orders.json line 2"), route);
        assertTrue(route.endsWith("io.cdcsdk.router.RoutingException: no handler for insert on sales.other"), route);
        lines.forEach(l -> assertFalse(l.contains(SECRET), l));
    }

    @Test
    void aDecodeFailureNamesItsKindAndPosition() {
        Iterator<ChangeEvent> broken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public ChangeEvent next() {
                throw ChangeReadException.inputBroken(ChangeReadException.Kind.MALFORMED,
                        new Position("in.json", 4, 120, 3), "expected ',' or '}'", null);
            }
        };
        RouteResult r = Router.builder().otherwise(e -> { }).build().route(broken);
        assertEquals(1, r.failed());
        String line = onlyWarning();
        assertTrue(line.contains("stage DECODE: table=- op=- position=- from in.json line 4 (record 3, byte 120)"), line);
        assertTrue(line.endsWith("io.cdcsdk.core.ChangeReadException MALFORMED: expected ',' or '}'"), line);
    }

    @Test
    void aFailingDeadLetterHandlerIsLoggedByClassOnly() {
        Router.builder().unrouted(Unrouted.FAIL)
                .deadLetter(f -> {
                    throw new IOException("could not send " + SECRET);
                })
                .build().route(List.of(event(Operation.DELETE, "orders", "1", 9)));
        List<String> lines = CapturedLog.lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("dead-letter handler failed for position=0009 from orders.json line 9"),
                lines.get(1));
        assertTrue(lines.get(1).contains("java.io.IOException (message not logged"), lines.get(1));
        lines.forEach(l -> assertFalse(l.contains(SECRET), l));
    }

    @Test
    void oneLinePerFailureWhateverThePolicy() {
        for (FailurePolicy policy : FailurePolicy.values()) {
            for (int parallelism : new int[] {1, 3}) {
                CapturedLog.clear();
                RouteResult r = Router.builder().failurePolicy(policy).parallelism(parallelism).window(4)
                        .on(Tables.any()).to(e -> {
                            if (e.position().endsWith("1") || e.position().endsWith("4")) {
                                throw new IOException("x");
                            }
                        }).build()
                        .route(List.of(event(Operation.INSERT, "orders", "a", 1), event(Operation.INSERT, "orders", "a", 2),
                                event(Operation.INSERT, "orders", "b", 3), event(Operation.INSERT, "orders", "c", 4),
                                event(Operation.INSERT, "orders", "a", 5), event(Operation.INSERT, "orders", "c", 6)));
                assertEquals(r.seen(), r.handled() + r.failed() + r.skipped());
                List<String> lines = CapturedLog.lines();
                assertEquals(r.failed(), lines.size(), policy + " " + parallelism + ": " + lines);
                long warnings = lines.stream().filter(l -> l.startsWith("WARN ")).count();
                long blocked = r.failures().stream().filter(f -> f.error() instanceof KeyBlockedException).count();
                assertEquals(r.failed() - blocked, warnings, lines.toString());
            }
        }
    }
}
