package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Position;
import java.util.Objects;

/**
 * A failed event's envelope, as given to the {@link DeadLetterHandler} and kept in
 * {@link RouteResult#failures()}.
 *
 * @param event     the event; {@code null} for {@link Stage#DECODE} failures
 * @param index     the 0-based ordinal of the event among those the router saw
 * @param position  the event's source position (sequence number), or {@code null}
 * @param origin    where the event was read from
 * @param stage     where it failed
 * @param error     the exception (of the last attempt)
 * @param attempts  how often the handler was called; 0 when it never was
 */
public record FailedEvent(@Nullable ChangeEvent event, long index, @Nullable String position, Position origin,
                          Stage stage, Throwable error, int attempts) {

    /**
     * Checks that origin, stage and error are given.
     *
     * @param event    the event, or {@code null} for a record that could not be decoded
     * @param index    the 0-based ordinal of the event among those the router saw
     * @param position the event's source position, or {@code null}
     * @param origin   where the event was read from; not {@code null}
     * @param stage    where it failed; not {@code null}
     * @param error    the exception; not {@code null}
     * @param attempts how often the handler was called
     */
    public FailedEvent {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(error, "error");
    }

    /** {@return the error's fully qualified class name} */
    public String errorClass() {
        return error.getClass().getName();
    }

    /**
     * {@return the error's message, or {@code null} when it has none} A message from user code may
     * quote row values; log it with care.
     */
    public @Nullable String errorMessage() {
        return error.getMessage();
    }

    /** Stage, position, table, operation and error class; never row values. */
    @Override
    public String toString() {
        return "FailedEvent[" + stage + " #" + index + (event == null ? "" : " " + event.op().wireName() + " "
                + event.source().qualifiedTable()) + (position == null ? "" : " position=" + position)
                + " from " + origin.describe() + " " + errorClass() + " attempts=" + attempts + "]";
    }

    /** Where an event failed. */
    public enum Stage {
        /** Reading the record from its input (no event could be made). */
        DECODE,
        /** Finding a handler: no registration took the event and the policy is {@link Unrouted#FAIL}. */
        ROUTE,
        /** Binding the row to the handler's type. */
        BIND,
        /** The handler threw, or the event was blocked by an earlier failure of its key. */
        HANDLE
    }
}
