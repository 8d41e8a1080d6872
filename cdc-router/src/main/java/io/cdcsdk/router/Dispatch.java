package io.cdcsdk.router;

import io.cdcsdk.router.FailedEvent.Stage;
import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One routing run: reads, dispatches and accounts, from a {@link RouterConfig} and nothing else. Not
 * thread-safe; the router makes one per run.
 */
final class Dispatch {
    /** Named for the router: the logger users configure. */
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final Object NO_KEY = new Object();

    private final RouterConfig config;
    /** Under STOP: the index of the earliest failure; events after it are not attempted. */
    private final AtomicLong stopIndex = new AtomicLong(Long.MAX_VALUE);
    private final Set<Object> blockedKeys = ConcurrentHashMap.newKeySet();
    private final Tally total = new Tally();
    /** Records the reader reported to the run's skip listener, not yet accounted for. */
    private final List<ChangeReadException> skippedRecords = new ArrayList<>();
    private long seen;

    Dispatch(RouterConfig config) {
        this.config = config;
    }

    /** Per-lane accounting, merged at the end. */
    private static final class Tally {
        long handled;
        long skipped;
        final List<FailedEvent> failures = new ArrayList<>();
        final List<SkippedEvent> skippedEvents = new ArrayList<>();

        void addAll(Tally t) {
            handled += t.handled;
            skipped += t.skipped;
            failures.addAll(t.failures);
            skippedEvents.addAll(t.skippedEvents);
        }
    }

    private record Indexed(long index, ChangeEvent event) {
    }

    RouteResult run(Iterator<ChangeEvent> events) {
        ExecutorService pool = config.parallelism() > 1 ? Executors.newFixedThreadPool(config.parallelism(), r -> {
            Thread t = new Thread(r, "cdc-router");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            int windowSize = pool == null ? 1 : config.window();
            List<Indexed> window = new ArrayList<>(Math.min(windowSize, 4096));
            Position lastDecodeFailure = null;
            while (true) {
                ChangeEvent event;
                try {
                    boolean more = events.hasNext();
                    decodeFailures(window, pool);
                    if (!more) {
                        break;
                    }
                    event = events.next();
                } catch (RuntimeException e) {
                    decodeFailures(window, pool);
                    flush(window, pool);
                    long index = seen++;
                    Position where = e instanceof ChangeReadException cre ? cre.position() : Position.of("");
                    fail(total, new FailedEvent(null, index, null, where, Stage.DECODE, e, 0), true);
                    if (config.policy() == FailurePolicy.STOP) {
                        stopAt(index);
                    }
                    if (!(e instanceof ChangeReadException cre && !cre.isInputBroken()) || where.equals(lastDecodeFailure)) {
                        break; // the input cannot go on
                    }
                    lastDecodeFailure = where;
                    continue;
                }
                window.add(new Indexed(seen++, Objects.requireNonNull(event, "the input gave a null event")));
                if (window.size() >= windowSize) {
                    flush(window, pool);
                }
            }
            flush(window, pool);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        total.failures.sort(Comparator.comparingLong(FailedEvent::index));
        total.skippedEvents.sort(Comparator.comparingLong(SkippedEvent::index));
        return new RouteResult(seen, total.handled, total.skipped, total.failures, total.skippedEvents);
    }

    /** A bad record the reader reported under SKIP, through the listener {@link Router#route(Router.Input)} gave it. */
    void skipped(ChangeReadException e) {
        skippedRecords.add(e);
    }

    /** Accounts for the records reported since the last event, as failures at DECODE, in order. */
    private void decodeFailures(List<Indexed> window, ExecutorService pool) {
        if (skippedRecords.isEmpty()) {
            return;
        }
        flush(window, pool);
        for (ChangeReadException e : skippedRecords) {
            long index = seen++;
            fail(total, new FailedEvent(null, index, null, e.position(), Stage.DECODE, e, 0), true);
            if (config.policy() == FailurePolicy.STOP) {
                stopAt(index);
            }
        }
        skippedRecords.clear();
    }

    private void flush(List<Indexed> window, ExecutorService pool) {
        if (window.isEmpty()) {
            return;
        }
        if (pool == null || window.size() == 1) {
            for (Indexed e : window) {
                process(e, keyOf(e.event()), total);
            }
            window.clear();
            return;
        }
        int n = config.parallelism();
        List<List<Indexed>> lanes = new ArrayList<>(n);
        List<List<Object>> laneKeys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lanes.add(new ArrayList<>());
            laneKeys.add(new ArrayList<>());
        }
        for (Indexed e : window) {
            Object key = keyOf(e.event());
            int lane = key instanceof BadKey ? 0 : Math.floorMod(key.hashCode(), n);
            lanes.get(lane).add(e);
            laneKeys.get(lane).add(key);
        }
        window.clear();
        List<Future<Tally>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Indexed> lane = lanes.get(i);
            List<Object> keys = laneKeys.get(i);
            if (lane.isEmpty()) {
                continue;
            }
            futures.add(pool.submit(() -> {
                Tally t = new Tally();
                for (int j = 0; j < lane.size(); j++) {
                    process(lane.get(j), keys.get(j), t);
                }
                return t;
            }));
        }
        for (Future<Tally> f : futures) {
            try {
                total.addAll(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RoutingException("interrupted while routing", e);
            } catch (ExecutionException e) {
                throw new RoutingException("routing lane failed", e.getCause());
            }
        }
    }

    /** The key function failed for an event; the event fails at stage ROUTE. */
    private record BadKey(RuntimeException error) {
    }

    private Object keyOf(ChangeEvent event) {
        Function<ChangeEvent, Object> keyFunction = config.keyFunction();
        if (keyFunction == null) {
            return NO_KEY;
        }
        Object key;
        try {
            key = keyFunction.apply(event);
        } catch (RuntimeException e) {
            return new BadKey(e);
        }
        return key == null ? NO_KEY : key;
    }

    private void process(Indexed item, Object key, Tally tally) {
        ChangeEvent event = item.event();
        long index = item.index();
        if (index > stopIndex.get()) {
            tally.skipped++;
            tally.skippedEvents.add(new SkippedEvent(event, index, SkippedEvent.Reason.NOT_ATTEMPTED));
            return;
        }
        if (key instanceof BadKey bad) {
            failed(tally, key, new FailedEvent(event, index, event.position(), event.origin(), Stage.ROUTE,
                    bad.error(), 0));
            return;
        }
        if (config.policy() == FailurePolicy.PER_KEY && blockedKeys.contains(key)) {
            fail(tally, new FailedEvent(event, index, event.position(), event.origin(), Stage.HANDLE,
                    new KeyBlockedException("an earlier event of the same key failed"), 0), false);
            return;
        }
        Route route = config.resolve(event);
        if (route == null) {
            switch (config.unrouted()) {
                case IGNORE -> tally.skipped++;
                case COLLECT -> {
                    tally.skipped++;
                    tally.skippedEvents.add(new SkippedEvent(event, index, SkippedEvent.Reason.UNROUTED));
                }
                case FAIL -> failed(tally, key, new FailedEvent(event, index, event.position(), event.origin(),
                        Stage.ROUTE, new RoutingException("no handler for " + event.op().wireName() + " on "
                        + event.source().qualifiedTable()), 0));
            }
            return;
        }
        int attempts = 0;
        Throwable error;
        Stage stage;
        while (true) {
            stage = Stage.BIND;
            try {
                Route.Call call = route.binding().bind(event);
                stage = Stage.HANDLE;
                attempts++;
                call.run();
                tally.handled++;
                return;
            } catch (Exception | LinkageError | AssertionError e) {
                error = e;
                if (stage == Stage.BIND) {
                    break; // binding fails the same way every time: not retried
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (!route.retry().shouldRetry(e, attempts)) {
                    break;
                }
                try {
                    config.sleeper().sleep(route.retry().backoffAfter(attempts));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        failed(tally, key, new FailedEvent(event, index, event.position(), event.origin(), stage, error, attempts));
    }

    private void failed(Tally tally, Object key, FailedEvent failure) {
        switch (config.policy()) {
            case STOP -> stopAt(failure.index());
            case PER_KEY -> {
                if (!(key instanceof BadKey)) {
                    blockedKeys.add(key);
                }
            }
            case CONTINUE -> { }
        }
        fail(tally, failure, true);
    }

    private void stopAt(long index) {
        stopIndex.accumulateAndGet(index, Math::min);
    }

    private void fail(Tally tally, FailedEvent failure, boolean warn) {
        tally.failures.add(failure);
        if (warn) {
            ChangeEvent e = failure.event();
            LOG.warn("event failed at stage {}: table={} op={} position={} from {} attempts={}: {}", failure.stage(),
                    e == null ? "-" : e.source().qualifiedTable(), e == null ? "-" : e.op().wireName(),
                    failure.position() == null ? "-" : failure.position(), failure.origin().describe(),
                    failure.attempts(), describe(failure.error()));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("event not handled, its key is blocked: position={} from {}", failure.position(),
                    failure.origin().describe());
        }
        DeadLetterHandler dl = config.deadLetter();
        if (dl != null) {
            try {
                dl.accept(failure);
            } catch (Exception | LinkageError e) {
                LOG.warn("dead-letter handler failed for position={} from {}: {}", failure.position(),
                        failure.origin().describe(), describe(e));
            }
        }
    }

    /**
     * An error for the log: its class, and its message where that holds no row value: always for the
     * library's own exceptions, for others only when the user opted in.
     */
    private String describe(Throwable error) {
        String name = error.getClass().getName();
        if (error instanceof ChangeReadException cre) {
            return name + " " + cre.kind() + ": " + cre.detail(); // its position is logged already
        }
        if (error instanceof CdcException || config.logHandlerMessages()) {
            return error.getMessage() == null ? name : name + ": " + error.getMessage();
        }
        return name + " (message not logged, it may hold row values; see Router.Builder.logHandlerMessages)";
    }
}
