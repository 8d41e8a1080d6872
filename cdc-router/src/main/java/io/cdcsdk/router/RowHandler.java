package io.cdcsdk.router;

/**
 * Receives the event's row bound to {@code T}: the after image, or for deletes the before image.
 * May throw any exception; the router records it.
 */
@FunctionalInterface
public interface RowHandler<T> {
    /**
     * Handles one bound row; any exception counts as a handler failure.
     *
     * @param row the after image bound to {@code T}, else the before image, else the key;
     *            {@code null} when the event has none of them
     * @throws Exception any failure: the router records it as a failure at {@link Stage#HANDLE}
     *                   and retries it as the registration's {@link Retry} says
     */
    void handle(T row) throws Exception;
}
