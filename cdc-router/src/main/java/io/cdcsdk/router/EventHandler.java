package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;

/** Receives a whole {@link ChangeEvent}. May throw any exception; the router records it. */
@FunctionalInterface
public interface EventHandler {
    /** Handles one event; any exception counts as a handler failure. */
    void handle(ChangeEvent event) throws Exception;
}
