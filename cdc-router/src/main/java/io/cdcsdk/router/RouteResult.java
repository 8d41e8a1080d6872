package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The account of one {@link Router#route} run: every event the router saw ended as handled, failed
 * or skipped by policy, and {@code handled() + failed() + skipped() == seen()}. Immutable.
 *
 * <p>Failures and skipped events are kept in the order the events were seen, except events
 * skipped under {@link Unrouted#IGNORE}, which are only counted.
 */
public final class RouteResult {
    private final long seen;
    private final long handled;
    private final long skipped;
    private final List<FailedEvent> failures;
    private final List<SkippedEvent> skippedEvents;

    /** Made by the router at the end of a run. */
    RouteResult(long seen, long handled, long skipped, List<FailedEvent> failures,
                       List<SkippedEvent> skippedEvents) {
        this.seen = seen;
        this.handled = handled;
        this.skipped = skipped;
        this.failures = List.copyOf(failures);
        this.skippedEvents = List.copyOf(skippedEvents);
        if (handled + failures.size() + skipped != seen) {
            throw new IllegalStateException("accounting broken: handled " + handled + " + failed " + failures.size()
                    + " + skipped " + skipped + " != seen " + seen);
        }
    }

    /** {@return the number of events seen, including records that could not be decoded} */
    public long seen() {
        return seen;
    }

    /** {@return the number of events a handler completed} */
    public long handled() {
        return handled;
    }

    /**
     * {@return the number of events that failed (after retries)} This includes those blocked by
     * an earlier failure of their key, and records that could not be decoded.
     */
    public long failed() {
        return failures.size();
    }

    /**
     * {@return the number of events skipped by policy (unrouted, or not attempted after a stop)}
     */
    public long skipped() {
        return skipped;
    }

    /**
     * {@return whether every event was handled, or skipped as unrouted} Nothing failed, and no
     * event was left unattempted after a stop.
     */
    public boolean isSuccess() {
        return failures.isEmpty() && notAttempted().isEmpty();
    }

    /** {@return the failed events' envelopes, unmodifiable, in the order they were seen} */
    public List<FailedEvent> failures() {
        return failures;
    }

    /**
     * {@return the skipped events that were kept, unmodifiable, in the order they were seen} All
     * but those skipped under {@link Unrouted#IGNORE}.
     */
    public List<SkippedEvent> skippedEvents() {
        return skippedEvents;
    }

    /**
     * {@return the unrouted events kept under {@link Unrouted#COLLECT}, in the order they were
     * seen}
     */
    public List<ChangeEvent> unrouted() {
        return skipped(SkippedEvent.Reason.UNROUTED);
    }

    /**
     * {@return the events not attempted after a {@link FailurePolicy#STOP}, in the order they
     * were seen}
     */
    public List<ChangeEvent> notAttempted() {
        return skipped(SkippedEvent.Reason.NOT_ATTEMPTED);
    }

    private List<ChangeEvent> skipped(SkippedEvent.Reason reason) {
        List<ChangeEvent> out = new ArrayList<>();
        for (SkippedEvent s : skippedEvents) {
            if (s.reason() == reason) {
                out.add(s.event());
            }
        }
        return out;
    }

    /**
     * {@return the events that still need processing, failed ones and those not attempted, in the
     * order they were seen} Decode failures have no event and are not included. This is what
     * {@link BatchResponse} reports.
     */
    public List<ChangeEvent> unhandled() {
        List<ChangeEvent> events = new ArrayList<>();
        int f = 0;
        int s = 0;
        List<SkippedEvent> na = skippedEvents.stream().filter(x -> x.reason() == SkippedEvent.Reason.NOT_ATTEMPTED).toList();
        while (f < failures.size() || s < na.size()) {
            boolean takeFailure = s >= na.size() || (f < failures.size() && failures.get(f).index() < na.get(s).index());
            if (takeFailure) {
                FailedEvent fe = failures.get(f++);
                if (fe.event() != null) {
                    events.add(fe.event());
                }
            } else {
                events.add(na.get(s++).event());
            }
        }
        return events;
    }

    /** {@return the four counts, for logs} */
    @Override
    public String toString() {
        return "RouteResult[seen=" + seen + ", handled=" + handled + ", failed=" + failures.size() + ", skipped="
                + skipped + "]";
    }
}
