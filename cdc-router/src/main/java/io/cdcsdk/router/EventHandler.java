package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;

/** Receives a whole {@link ChangeEvent}. May throw any exception; the router records it. */
@FunctionalInterface
public interface EventHandler {
    /**
     * Handles one event; any exception counts as a handler failure.
     *
     * @param event the event, never {@code null}
     * @throws Exception any failure: the router records it as a failure at {@link Stage#HANDLE}
     *                   and retries it as the registration's {@link Retry} says
     */
    void handle(ChangeEvent event) throws Exception;
}
