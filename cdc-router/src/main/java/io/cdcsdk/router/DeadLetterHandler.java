package io.cdcsdk.router;

/**
 * Receives the envelope of each failed event, once, after its retries. An exception it throws is
 * logged; the event stays failed.
 */
@FunctionalInterface
public interface DeadLetterHandler {
    /**
     * Takes one failed event's envelope. With parallelism it is called from several threads at
     * once, so it must then be thread-safe.
     *
     * @param failed the failure: event, stage, error and attempts
     * @throws Exception any failure; it is logged, and the event stays failed
     */
    void accept(FailedEvent failed) throws Exception;
}
