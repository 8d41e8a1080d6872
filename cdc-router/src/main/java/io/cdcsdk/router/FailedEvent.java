package io.cdcsdk.router;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.json.DeadLetter;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * {@return the bytes of the record that could not be decoded, as its reader read them} Only
     * for {@link Stage#DECODE} failures, and only where the reader kept them
     * ({@link ChangeReadException#rawRecord()}); empty otherwise.
     */
    public Optional<Bytes> raw() {
        return error instanceof ChangeReadException e ? e.rawRecord() : Optional.empty();
    }

    /**
     * {@return this failure as a dead letter, to be written ({@link io.cdcsdk.core.json.DeadLetterWriter})
     * or sent on, and routed again later} The letter holds the event, or for a decode failure the
     * record's bytes and format; an event that was read from a dead letter and failed again
     * carries its earlier attempts over ({@link DeadLetter#of}). Its time is now.
     */
    public DeadLetter toDeadLetter() {
        return DeadLetter.of(DeadLetter.Stage.valueOf(stage.name()), event, error, attempts, origin);
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
