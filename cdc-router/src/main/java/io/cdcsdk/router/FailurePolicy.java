package io.cdcsdk.router;

/** What the router does after an event fails (after its retries). */
public enum FailurePolicy {
    /**
     * Stop at the first failure: the events after it are not attempted and are reported as
     * skipped with {@link SkippedEvent.Reason#NOT_ATTEMPTED}. For ordered streams. With
     * parallelism, events before the earliest failure still run in the other lanes, so several
     * events may fail; none after the earliest failure is attempted once it is known.
     */
    STOP,
    /** Record the failure and go on with the next event. */
    CONTINUE,
    /**
     * After a failure, later events of the same key are not handled and are reported as failed
     * ({@link KeyBlockedException}); other keys go on.
     */
    PER_KEY
}
