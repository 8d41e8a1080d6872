package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.testing.Seeds;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Handlers fail at random; the router must still account for every event exactly once. */
class RouterFaultInjectionTest {

    record Item(long id, int qty) {
    }

    /** One generated scenario. */
    static final class Scenario {
        final List<ChangeEvent> events = new ArrayList<>();
        final FailurePolicy policy;
        final Unrouted unrouted;
        final int parallelism;
        final int maxAttempts;
        final long salt;
        final int failPercent;

        Scenario(Random r) {
            policy = FailurePolicy.values()[r.nextInt(3)];
            unrouted = Unrouted.values()[r.nextInt(3)];
            parallelism = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1;
            maxAttempts = 1 + r.nextInt(3);
            salt = r.nextLong();
            failPercent = r.nextInt(4) == 0 ? 0 : r.nextInt(40);
            int n = r.nextInt(40);
            int keys = 1 + r.nextInt(5);
            BigInteger seq = BigInteger.valueOf(r.nextInt(1000)).add(BigInteger.TEN.pow(20));
            for (int i = 0; i < n; i++) {
                seq = seq.add(BigInteger.valueOf(1 + r.nextInt(1000)));
                String table = switch (r.nextInt(4)) {
                    case 0, 1 -> "items";
                    case 2 -> "typed";
                    default -> "other";
                };
                Operation op = Operation.values()[r.nextInt(Operation.values().length)];
                int k = r.nextInt(keys);
                Row row = Row.builder().put("id", k).put("qty", r.nextInt(10) == 0 ? "not a number" : r.nextInt(100)).build();
                events.add(ChangeEvent.builder(op, SourceInfo.of("dynamodb-stream", table))
                        .key(Row.builder().put("id", k).build())
                        .after(op == Operation.DELETE ? null : row)
                        .before(op == Operation.DELETE || op == Operation.UPDATE ? row : null)
                        .position(seq.toString())
                        .meta(ChangeEvent.META_ENVELOPE_ID, "m-" + i)
                        .meta("i", i)
                        .build());
            }
        }

        boolean fails(int index, int attempt) {
            long h = (salt ^ (index * 0x9E3779B97F4A7C15L)) + attempt * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
            return Math.floorMod(h, 100) < failPercent;
        }
    }

    static int indexOf(ChangeEvent e) {
        return ((java.math.BigDecimal) e.meta().get("i")).intValue();
    }

    static final class Probe {
        final Set<Integer> handled = ConcurrentHashMap.newKeySet();
        final Map<Object, List<Integer>> callsPerKey = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<FailedEvent> deadLetters = Collections.synchronizedList(new ArrayList<>());

        void call(Scenario s, ChangeEvent e) throws Exception {
            int i = indexOf(e);
            callsPerKey.computeIfAbsent(Router.defaultKey(e), k -> Collections.synchronizedList(new ArrayList<>())).add(i);
            int attempt = attempts.computeIfAbsent(i, x -> new AtomicInteger()).incrementAndGet();
            if (s.fails(i, attempt)) {
                throw new java.io.IOException("injected failure");
            }
            assertTrue(handled.add(i), "handled twice: " + i);
        }
    }

    @Test
    void everyEventAccountedForExactlyOnceAndKeyOrderKept() {
        Seeds.forAll("router accounting", 0x5EED_0501L, 400, random -> {
            Scenario s = new Scenario(random);
            Probe probe = new Probe();
            Router router = router(s, probe);
            RouteResult result = router.route(s.events);
            int n = s.events.size();

            assertEquals(n, result.seen());
            assertEquals(n, result.handled() + result.failed() + result.skipped());
            assertEquals(probe.handled.size(), result.handled(), "handled count vs handler calls");

            Map<Integer, String> fate = new HashMap<>();
            for (Integer i : probe.handled) {
                assertEquals(null, fate.put(i, "handled"));
            }
            for (FailedEvent f : result.failures()) {
                assertEquals(null, fate.put(indexOf(f.event()), "failed"), "accounted twice");
                assertEquals(f.index(), indexOf(f.event()));
            }
            for (SkippedEvent sk : result.skippedEvents()) {
                assertEquals(null, fate.put(indexOf(sk.event()), "skipped"), "accounted twice");
            }
            long ignored = result.skipped() - result.skippedEvents().size();
            assertEquals(n, fate.size() + ignored);
            if (s.unrouted != Unrouted.IGNORE) {
                assertEquals(0, ignored);
            }
            // the dead-letter hook saw each failure once
            assertEquals(result.failed(), probe.deadLetters.size());
            assertEquals(new HashSet<>(result.failures()), new HashSet<>(probe.deadLetters));

            // per-key order: calls of one key never go back in the stream
            probe.callsPerKey.forEach((key, calls) -> {
                for (int j = 1; j < calls.size(); j++) {
                    assertTrue(calls.get(j - 1) <= calls.get(j), "key order violated for " + key + ": " + calls);
                }
            });
            // attempts never exceed the retry budget
            for (FailedEvent f : result.failures()) {
                assertTrue(f.attempts() <= s.maxAttempts);
            }

            for (FailedEvent f : result.failures()) {
                COVERAGE.merge(f.stage() + (f.error() instanceof KeyBlockedException ? "-blocked" : ""), 1, Integer::sum);
                if (f.attempts() > 1) {
                    COVERAGE.merge("retried", 1, Integer::sum);
                }
            }
            if (!result.notAttempted().isEmpty()) {
                COVERAGE.merge("stopped" + (s.parallelism > 1 ? "-parallel" : ""), 1, Integer::sum);
            }
            if (!result.unrouted().isEmpty()) {
                COVERAGE.merge("collected", 1, Integer::sum);
            }
            checkPolicy(s, result);
            checkLambdaStream(s, result);
            checkLambdaSqs(s, result);
        });
        // the generator reaches every interesting case
        for (String c : List.of("BIND", "HANDLE", "ROUTE", "HANDLE-blocked", "retried", "stopped", "stopped-parallel",
                "collected")) {
            assertTrue(COVERAGE.getOrDefault(c, 0) > 0, "never generated: " + c + " " + COVERAGE);
        }
    }

    private static final Map<String, Integer> COVERAGE = new ConcurrentHashMap<>();

    private static Router router(Scenario s, Probe probe) {
        return Router.builder()
                .failurePolicy(s.policy)
                .unrouted(s.unrouted)
                .parallelism(s.parallelism)
                .window(7)
                .sleeper(Sleeper.NONE)
                .retry(Retry.attempts(s.maxAttempts, Duration.ofMillis(5)))
                .deadLetter(probe.deadLetters::add)
                .on(Tables.table("items")).to(e -> probe.call(s, e))
                .on(Tables.table("typed"), Operation.INSERT, Operation.UPDATE, Operation.SNAPSHOT)
                .bind(Item.class).toChange((before, after, e) -> probe.call(s, e))
                .build();
    }

    private static void checkPolicy(Scenario s, RouteResult result) {
        List<FailedEvent> failures = result.failures();
        if (s.policy == FailurePolicy.STOP && s.parallelism == 1 && !failures.isEmpty()) {
            long first = failures.get(0).index();
            assertEquals(1, failures.size(), "nothing runs after a stop");
            for (SkippedEvent sk : result.skippedEvents()) {
                if (sk.index() > first) {
                    assertEquals(SkippedEvent.Reason.NOT_ATTEMPTED, sk.reason());
                }
            }
            assertEquals(s.events.size() - first - 1, result.notAttempted().size());
        }
        if (s.policy == FailurePolicy.PER_KEY) {
            Map<Object, Long> firstFailure = new HashMap<>();
            for (FailedEvent f : failures) {
                firstFailure.putIfAbsent(Router.defaultKey(f.event()), f.index());
            }
            Set<Long> failed = new HashSet<>();
            failures.forEach(f -> failed.add(f.index()));
            for (int i = 0; i < s.events.size(); i++) {
                Long ff = firstFailure.get(Router.defaultKey(s.events.get(i)));
                if (ff != null && i > ff) {
                    assertTrue(failed.contains((long) i), "later event of a failed key must fail: " + i);
                }
            }
        }
        if (s.policy == FailurePolicy.STOP && !failures.isEmpty()) {
            long first = failures.get(0).index();
            for (SkippedEvent sk : result.skippedEvents()) {
                if (sk.reason() == SkippedEvent.Reason.NOT_ATTEMPTED) {
                    assertTrue(sk.index() > first, "only events after the earliest failure are not attempted");
                }
            }
        }
        if (s.policy != FailurePolicy.STOP) {
            assertTrue(result.notAttempted().isEmpty());
        }
    }

    /** Lambda resumes a stream shard from the lowest reported sequence number. */
    static List<ChangeEvent> redeliveredByStream(List<ChangeEvent> batch, List<String> reported) {
        if (reported.isEmpty()) {
            return List.of();
        }
        BigInteger lowest = reported.stream().map(BigInteger::new).min(BigInteger::compareTo).orElseThrow();
        return batch.stream().filter(e -> new BigInteger(e.position()).compareTo(lowest) >= 0).toList();
    }

    private static void checkLambdaStream(Scenario s, RouteResult result) {
        // these events carry an SQS message id as their envelope identity too: name them by sequence number
        List<String> reported = BatchResponse.of(result, ChangeEvent::position).itemIdentifiers();
        List<ChangeEvent> redelivered = redeliveredByStream(s.events, reported);
        List<ChangeEvent> unhandled = result.unhandled();
        // "unhandled" for a stream: everything from the first unhandled event on
        List<ChangeEvent> expected = unhandled.isEmpty() ? List.of()
                : s.events.subList(indexOf(unhandled.get(0)), s.events.size());
        assertEquals(expected, redelivered);
        assertTrue(new HashSet<>(redelivered).containsAll(unhandled), "an unhandled event would be skipped");
        if (s.policy == FailurePolicy.STOP && s.parallelism == 1) {
            assertEquals(unhandled, redelivered, "under stop, exactly the unhandled events come back");
        }
    }

    private static void checkLambdaSqs(Scenario s, RouteResult result) {
        Set<String> reported = new HashSet<>(BatchResponse.forSqs(result).itemIdentifiers());
        Set<String> expected = new HashSet<>();
        for (ChangeEvent e : result.unhandled()) {
            expected.add((String) e.meta().get(ChangeEvent.META_ENVELOPE_ID));
        }
        assertEquals(expected, reported);
        Map<String, Object> map = BatchResponse.forSqs(result).asMap();
        assertEquals(reported.size(), ((List<?>) map.get("batchItemFailures")).size());
        assertTrue(new LinkedHashMap<>(map).containsKey("batchItemFailures"));
    }
}
