package io.cdcsdk.router;

import io.cdcsdk.router.FailedEvent.Stage;
/** What happens to an event that no registration takes. */
public enum Unrouted {
    /** Skipped and counted, not kept. */
    IGNORE,
    /** A failure of stage {@link Stage#ROUTE}, subject to the failure policy. */
    FAIL,
    /** Skipped, counted and kept in {@link RouteResult#skippedEvents()}. */
    COLLECT
}
