package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Nullable;

/**
 * Receives the before and after images bound to {@code T} (either may be {@code null} where the
 * source does not give it) and the event itself. Suits updates.
 */
@FunctionalInterface
public interface ChangeHandler<T> {
    /**
     * Handles one event's images; any exception counts as a handler failure.
     *
     * @param before the before image bound to {@code T}, or {@code null} when the event has none
     * @param after  the after image bound to {@code T}, or {@code null} when the event has none
     *               (deletes)
     * @param event  the event itself, for its operation, key, position and meta
     * @throws Exception any failure: the router records it as a failure at {@link Stage#HANDLE}
     *                   and retries it as the registration's {@link Retry} says
     */
    void handle(@Nullable T before, @Nullable T after, ChangeEvent event) throws Exception;
}
