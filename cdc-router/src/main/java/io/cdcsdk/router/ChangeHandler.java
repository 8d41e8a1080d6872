package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Nullable;

/**
 * Receives the before and after images bound to {@code T} (either may be {@code null} where the
 * source does not give it) and the event itself. Suits updates.
 */
@FunctionalInterface
public interface ChangeHandler<T> {
    /** Handles one event's images; any exception counts as a handler failure. */
    void handle(@Nullable T before, @Nullable T after, ChangeEvent event) throws Exception;
}
