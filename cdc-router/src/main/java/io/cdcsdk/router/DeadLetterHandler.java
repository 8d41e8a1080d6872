package io.cdcsdk.router;

/**
 * Receives the envelope of each failed event, once, after its retries. An exception it throws is
 * logged; the event stays failed.
 */
@FunctionalInterface
public interface DeadLetterHandler {
    /** Takes one failed event's envelope. */
    void accept(FailedEvent failed) throws Exception;
}
