package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import java.util.Objects;

/**
 * An event skipped by policy.
 *
 * @param event  the event
 * @param index  its 0-based ordinal among the events the router saw
 * @param reason why it was skipped
 */
public record SkippedEvent(ChangeEvent event, long index, Reason reason) {

    /** Why an event was skipped. */
    public enum Reason {
        /** No registration took it ({@link Unrouted#IGNORE} or {@link Unrouted#COLLECT}). */
        UNROUTED,
        /** An earlier failure stopped the run ({@link FailurePolicy#STOP}). */
        NOT_ATTEMPTED
    }

    /**
     * Checks that event and reason are given.
     *
     * @param event  the event; not {@code null}
     * @param index  its 0-based ordinal among the events the router saw
     * @param reason why it was skipped; not {@code null}
     */
    public SkippedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(reason, "reason");
    }
}
