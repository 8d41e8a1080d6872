package io.cdcsdk.router;

/**
 * Receives the event's row bound to {@code T}: the after image, or for deletes the before image.
 * May throw any exception; the router records it.
 */
@FunctionalInterface
public interface RowHandler<T> {
    /** Handles one bound row; any exception counts as a handler failure. */
    void handle(T row) throws Exception;
}
