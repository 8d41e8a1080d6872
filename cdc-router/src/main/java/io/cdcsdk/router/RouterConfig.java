package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Operation;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link Router.Builder} collected, checked and copied: the routes and the policies. A
 * routing run reads it and nothing else. Immutable.
 *
 * @param exact              routes of exact tables, by table and operation
 * @param patterns           routes of patterns, in registration order
 * @param otherwise          the catch-all, or {@code null}
 * @param unrouted           what happens to events no route takes
 * @param policy             what happens after a failure
 * @param deadLetter         receives each failure, or {@code null}
 * @param keyFunction        an event's key; {@code null} when neither {@link FailurePolicy#PER_KEY} nor
 *                           parallelism needs keys, so that it is not called
 * @param parallelism        how many keys are handled at once
 * @param window             how many events are read ahead when parallel
 * @param sleeper            waits between retries
 * @param logHandlerMessages whether a failure's warning quotes the message of an exception from user code
 */
record RouterConfig(Map<Tables.Name, Map<Operation, Route>> exact, List<Route> patterns, @Nullable Route otherwise,
                    Unrouted unrouted, FailurePolicy policy, @Nullable DeadLetterHandler deadLetter,
                    @Nullable Function<ChangeEvent, Object> keyFunction, int parallelism, int window,
                    Sleeper sleeper, boolean logHandlerMessages) {

    RouterConfig {
        Map<Tables.Name, Map<Operation, Route>> copy = new HashMap<>();
        exact.forEach((name, byOp) -> copy.put(name, Collections.unmodifiableMap(new EnumMap<>(byOp))));
        exact = Map.copyOf(copy);
        patterns = List.copyOf(patterns);
        if (policy != FailurePolicy.PER_KEY && parallelism == 1) {
            keyFunction = null;
        }
    }

    /**
     * The route that takes the event, or {@code null} when none does: the exact table and
     * operation first, then patterns in registration order, then the catch-all.
     */
    @Nullable Route resolve(ChangeEvent event) {
        Map<Operation, Route> byOp = exact.get(Tables.Name.of(event.source()));
        Route r = byOp == null ? null : byOp.get(event.op());
        if (r != null) {
            return r;
        }
        for (Route p : patterns) {
            if (p.ops().contains(event.op()) && p.tables().matches(event.source())) {
                return p;
            }
        }
        return otherwise;
    }
}
