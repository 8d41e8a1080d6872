package io.cdcsdk.core.json;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.internal.DeadLetterForm;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One failed record or event in the dead-letter JSON form (version 1): what could not be handled,
 * in a form that can leave the process (a file, a queue message, an object), be inspected, and be
 * read again. A letter holds either the event, in the ChangeEvent JSON form, or, for a record that
 * could not be decoded, the record's bytes and the format to read them with.
 *
 * <pre>{@code
 * {"deadLetter":1,"stage":"handle","error":{"class":"java.lang.IllegalStateException","message":"downstream unavailable"},"attempts":3,"failedAt":"2026-12-06T10:00:00.123Z","library":"cdc-sdk 0.2.0","format":"dms-json","origin":{"source":"orders.json","line":17,"record":17},"id":null,"event":{"op":"update",...},"raw":null}
 * }</pre>
 *
 * <p>{@link DeadLetterWriter} appends letters to a file or stream; the {@code dead-letter} format
 * reads such a file back as the failed events, ready to be routed again (each event's meta gains
 * {@value #META} with the letter's stage, attempts and id), and reads the records of decode
 * failures again through their format. Immutable.
 *
 * @param stage        where it failed
 * @param errorClass   the last failure's exception class
 * @param errorMessage the last failure's message, or {@code null}. The library's own messages never
 *                     hold row values; a handler's message is kept as it is (see
 *                     {@link #withoutErrorMessage()})
 * @param attempts     how often a handler was called for it, over every run it went through; 0 when
 *                     it never was
 * @param failedAt     when the failure was recorded
 * @param library      the name and version of the library that wrote it, for example
 *                     {@code cdc-sdk 0.2.0}
 * @param format       the format adapter that read the record, or {@code null} when not known
 * @param origin       where the record was read: source name, line, record and byte offset where
 *                     known
 * @param id           the record's identity in its envelope (a sequence number, a message id), or
 *                     {@code null}
 * @param event        the event; {@code null} for {@link Stage#DECODE} failures
 * @param raw          for decode failures, the record's bytes as read; otherwise {@code null}
 */
public record DeadLetter(Stage stage, String errorClass, @Nullable String errorMessage, int attempts,
                         Instant failedAt, String library, @Nullable String format, Position origin,
                         @Nullable String id, @Nullable ChangeEvent event, @Nullable Bytes raw) {

    /** The version of the form this library writes and reads: {@value}. */
    public static final int VERSION = 1;

    /**
     * The meta entry that an event read from a dead-letter file gains: an object with the letter's
     * {@code stage} (its wire name), {@code attempts} and {@code id}.
     */
    public static final String META = "deadLetter";

    /** The meta entry of events read from an envelope that holds their identity there (a string). */

    /**
     * Checks what must be given.
     *
     * @param stage        where it failed; not {@code null}
     * @param errorClass   the exception class; not {@code null}
     * @param errorMessage the message, or {@code null}
     * @param attempts     how often a handler was called, at least 0
     * @param failedAt     when it failed; not {@code null}
     * @param library      the writing library's name and version; not {@code null}
     * @param format       the adapter that read the record, or {@code null}
     * @param origin       where the record was read; not {@code null}
     * @param id           the record's identity in its envelope, or {@code null}
     * @param event        the event, or {@code null} for a decode failure
     * @param raw          the record's bytes for a decode failure, or {@code null}
     */
    public DeadLetter {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(origin, "origin");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be at least 0");
        }
    }

    /**
     * {@return the letter of a record that could not be decoded} Stage {@link Stage#DECODE}, no
     * attempts, the error's position as origin, and its {@linkplain ChangeReadException#rawRecord()
     * raw record} and {@linkplain ChangeReadException#format() format} where the reader gave them.
     * This is what a skip listener ({@link io.cdcsdk.core.ReadOptions#skipOnError}) writes.
     *
     * @param error the reader's error
     */
    public static DeadLetter ofDecodeFailure(ChangeReadException error) {
        return of(Stage.DECODE, null, error, 0, error.position());
    }

    /**
     * {@return the letter of a failure} The time is now; the format is the event's, or for a
     * decode failure the reader's. An event read from a dead-letter file (one with a {@value #META}
     * entry) fails again with its earlier attempts added to {@code attempts} and keeps its letter's
     * id; that entry is not kept in the letter's event.
     *
     * @param stage    where it failed
     * @param event    the event, or {@code null} when no event could be made
     * @param error    the last failure
     * @param attempts how often a handler was called for it in this run
     * @param origin   where the record was read
     */
    public static DeadLetter of(Stage stage, @Nullable ChangeEvent event, Throwable error, int attempts,
                                Position origin) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String errorClass = error.getClass().getName();
        if (event == null) {
            ChangeReadException decode = error instanceof ChangeReadException e ? e : null;
            return new DeadLetter(stage, errorClass, error.getMessage(), attempts, now, DeadLetterForm.LIBRARY,
                    decode == null ? null : decode.format().orElse(null), origin,
                    decode == null ? null : idOf(decode), null, decode == null ? null : decode.rawRecord().orElse(null));
        }
        int earlier = 0;
        String id = event.meta().get(ChangeEvent.META_ENVELOPE_ID) instanceof String s ? s : null;
        ChangeEvent kept = event;
        if (event.meta().get(META) instanceof Map<?, ?> letter) {
            if (letter.get("attempts") instanceof BigDecimal a) {
                earlier = a.intValue();
            }
            if (id == null && letter.get("id") instanceof String s) {
                id = s;
            }
            Map<String, Object> meta = new LinkedHashMap<>(event.meta());
            meta.remove(META);
            kept = new ChangeEvent(event.op(), event.source(), event.key(), event.before(), event.after(), event.ts(),
                    event.position(), event.tx(), meta, event.images(), event.unavailable());
        }
        return new DeadLetter(stage, errorClass, error.getMessage(), earlier + attempts, now, DeadLetterForm.LIBRARY,
                event.source().format(), origin, id, kept, null);
    }

    /**
     * The identity of a record that failed to decode inside an envelope: the place that gives a
     * decode letter its {@code id}; null outside an envelope.
     */
    static @Nullable String idOf(ChangeReadException error) {
        return error.envelopeId().orElse(null);
    }

    /**
     * {@return this letter without the error's message} For letters that leave the process when
     * a handler's messages may quote row values.
     */
    public DeadLetter withoutErrorMessage() {
        return new DeadLetter(stage, errorClass, null, attempts, failedAt, library, format, origin, id, event, raw);
    }

    /** {@return the letter as one line of JSON, in the form's field order, without a line break} */
    public String toJson() {
        return DeadLetterForm.toJson(this);
    }

    /**
     * Reads one letter from its JSON form.
     *
     * @param json one JSON object of the form
     * @return the letter; its event as {@link ChangeEventJson#fromJson(String)} reads it
     * @throws ChangeReadException when the text is not one letter of version {@value #VERSION}
     *                             (malformed JSON, a field missing or of the wrong type); its
     *                             position names the source {@code string}, never the text
     */
    public static DeadLetter fromJson(String json) {
        return DeadLetterForm.fromJson(json);
    }

    /** Stage, origin, error class and attempts; never row values or the error's message. */
    @Override
    public String toString() {
        return "DeadLetter[" + stage.wireName() + " from " + origin.describe() + " " + errorClass + " attempts="
                + attempts + (event == null ? "" : " " + event.op().wireName() + " " + event.source().qualifiedTable())
                + (raw == null ? "" : " raw " + raw.size() + " bytes") + "]";
    }

    /** Where a record or event failed. */
    public enum Stage {
        /** No event could be made from the record. */
        DECODE,
        /** No registration took the event and unrouted events fail. */
        ROUTE,
        /** The row did not bind to the handler's type. */
        BIND,
        /** The handler failed after its retries, or an earlier failure of its key blocked it. */
        HANDLE;

        /** {@return the name in the form: {@code decode}, {@code route}, {@code bind} or {@code handle}} */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * {@return the stage of a wire name}
         *
         * @param wireName {@code decode}, {@code route}, {@code bind} or {@code handle}
         * @throws IllegalArgumentException for any other name
         */
        public static Stage fromWireName(String wireName) {
            for (Stage s : values()) {
                if (s.wireName().equals(wireName)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown dead-letter stage");
        }
    }
}
