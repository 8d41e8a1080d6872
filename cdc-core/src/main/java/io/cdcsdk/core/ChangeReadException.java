package io.cdcsdk.core;

import io.cdcsdk.core.internal.RawRecords;
import java.util.Objects;
import java.util.Optional;

/**
 * A record could not be read. Carries the {@link Position} of the record and a {@link Kind}; the
 * message names the source, the place and what was expected, never a row value.
 *
 * <p>A reader consumes the bad record before this exception leaves it, so under
 * {@link OnError#SKIP} reading goes on with the next record.
 */
public class ChangeReadException extends CdcException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The bytes are not the syntax of the format (bad JSON, unbalanced CSV quotes, truncation). */
        MALFORMED,
        /** A field has the wrong type or an invalid value (for example {@code {"N": "12abc"}}). */
        UNEXPECTED_TYPE,
        /** A required field is absent. */
        MISSING_FIELD,
        /** The input is valid but uses something this library does not read. */
        UNSUPPORTED,
        /** A configured limit (record size, depth, string length, gzip ratio...) was exceeded. */
        LIMIT_EXCEEDED,
        /** Reading the underlying input failed. */
        IO
    }

    /** What went wrong. */
    private final Kind kind;
    private final transient Position position;
    /** The message without the position prefix. */
    private final String detail;
    /** Whether nothing more can be read from the input. */
    private final boolean inputBroken;
    /** The bad record's bytes, attached by the reader. */
    private transient Bytes rawRecord;
    /** The adapter that was reading, attached by the reader. */
    private String format;

    static {
        RawRecords.install((e, raw, format) -> {
            if (raw != null) {
                e.rawRecord = raw;
            }
            if (format != null) {
                e.format = format;
            }
        });
    }

    /** The identity of the envelope item whose payload this is, or null. */
    private final @Nullable String envelopeId;

    /**
     * A read error. It breaks the input ({@link #isInputBroken()}) when {@code kind} is
     * {@link Kind#IO}; for other kinds that end the input, use
     * {@link #inputBroken(Kind, Position, String, Throwable)}.
     *
     * @param kind     what went wrong
     * @param position where
     * @param detail   what was expected and what was found, without row values
     * @param cause    the underlying exception, or null; its message is not copied
     */
    public ChangeReadException(Kind kind, Position position, String detail, @Nullable Throwable cause) {
        this(kind, position, detail, cause, kind == Kind.IO);
    }

    private ChangeReadException(Kind kind, Position position, String detail, @Nullable Throwable cause,
                                boolean inputBroken) {
        this(kind, position, detail, cause, inputBroken, null);
    }

    private ChangeReadException(Kind kind, Position position, String detail, @Nullable Throwable cause,
                                boolean inputBroken, @Nullable String envelopeId) {
        super(position.describe() + ": " + detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.position = position;
        this.detail = detail;
        this.inputBroken = inputBroken;
        this.envelopeId = envelopeId;
    }

    /**
     * An error after which nothing more can be read from the input (I/O failure, truncated gzip,
     * decompression bomb). Under {@link OnError#SKIP} it is reported and the reader ends.
     *
     * @param kind     what went wrong
     * @param position where
     * @param detail   what was expected and what was found, without row values
     * @param cause    the underlying exception, or null; its message is not copied
     * @return the exception, to throw
     */
    public static ChangeReadException inputBroken(Kind kind, Position position, String detail,
                                                  @Nullable Throwable cause) {
        return new ChangeReadException(kind, position, detail, cause, true);
    }

    /**
     * {@return whether reading cannot go on after this error} True for {@link Kind#IO} and for
     * errors made with {@link #inputBroken(Kind, Position, String, Throwable)}.
     */
    public boolean isInputBroken() {
        return inputBroken;
    }

    /**
     * A read error without a cause; as {@link #ChangeReadException(Kind, Position, String, Throwable)}.
     *
     * @param kind     what went wrong
     * @param position where
     * @param detail   what was expected and what was found, without row values
     */
    public ChangeReadException(Kind kind, Position position, String detail) {
        this(kind, position, detail, null);
    }

    /**
     * The bytes are not the format's syntax ({@link Kind#MALFORMED}).
     *
     * @param position where
     * @param detail   what was expected and what was found, without row values
     * @return the exception, to throw
     */
    public static ChangeReadException malformed(Position position, String detail) {
        return new ChangeReadException(Kind.MALFORMED, position, detail);
    }

    /**
     * A field has the wrong type or value ({@link Kind#UNEXPECTED_TYPE}). The detail reads
     * {@code at <path>: expected <expected> but found <found>}.
     *
     * @param position where
     * @param path     the field, for example {@code $.source}
     * @param expected what the format allows there, for example {@code an object}
     * @param found    what kind of value is there, for example {@code string}; never the value
     * @return the exception, to throw
     */
    public static ChangeReadException unexpectedType(Position position, String path, String expected, String found) {
        return new ChangeReadException(Kind.UNEXPECTED_TYPE, position,
                "at " + path + ": expected " + expected + " but found " + found);
    }

    /**
     * A required field is absent ({@link Kind#MISSING_FIELD}).
     *
     * @param position where
     * @param path     the field, for example {@code $.source}
     * @return the exception, to throw
     */
    public static ChangeReadException missingField(Position position, String path) {
        return new ChangeReadException(Kind.MISSING_FIELD, position, "missing required field " + path);
    }

    /**
     * A limit of {@link ReadOptions#limits()} was exceeded ({@link Kind#LIMIT_EXCEEDED}).
     *
     * @param position where
     * @param limit    what exceeded it, for example {@code record size}
     * @param max      the limit's value, in the limit's unit
     * @return the exception, to throw
     */
    public static ChangeReadException limitExceeded(Position position, String limit, long max) {
        return new ChangeReadException(Kind.LIMIT_EXCEEDED, position,
                limit + " exceeds the limit of " + max + " (see ReadOptions.limits)");
    }

    /** {@return the kind of failure} */
    public Kind kind() {
        return kind;
    }

    /**
     * {@return where the bad record is} It is {@code null} only in a copy made by Java
     * serialization, which does not keep the position.
     */
    public Position position() {
        return position;
    }

    /** {@return the message without the position prefix} */
    public String detail() {
        return detail;
    }

    /**
     * {@return the bad record's bytes as they were read, so that it can be kept as a dead letter
     * and read again once the cause is fixed} A reader built on
     * {@link io.cdcsdk.core.spi.AbstractChangeReader} gives them for a record that failed on its
     * own, and that was within {@link Limits#maxRecordBytes()}: every built-in format does but
     * {@code dms-parquet}, whose rows have no bytes of their own. For a DynamoDB record inside a
     * Lambda event they are that record's element, for a CSV row its line or lines, for JSON the
     * value, for a line that is no JSON value that line. Empty for an error that
     * {@linkplain #isInputBroken() breaks the input}, a record over the size limit, and an
     * exception no reader threw. A copy made by Java serialization does not keep them.
     */
    public Optional<Bytes> rawRecord() {
        return Optional.ofNullable(rawRecord);
    }

    /**
     * {@return the name of the format adapter that was reading, as {@link #rawRecord()} needs to be
     * read again} Known when the input was opened through a {@link FormatRegistry} (or with a
     * {@link io.cdcsdk.core.spi.ReadContext} that names its format) and the reader is built on
     * {@link io.cdcsdk.core.spi.AbstractChangeReader}.
     */
    public Optional<String> format() {
        return Optional.ofNullable(format);
    }

    /**
     * {@return the identity of the envelope item whose payload could not be read, or empty} Set
     * when the record came inside a Lambda event (a Kinesis or DynamoDB sequence number, an SQS
     * {@code messageId}, a Firehose {@code recordId}, a Kafka {@code topic-partition@offset}; the
     * same value as the {@link ChangeEvent#META_ENVELOPE_ID} of the events read from it), so that a
     * partial batch response can report that item alone. Empty for every other input, and for a
     * Lambda event that cannot be read at all.
     */
    public Optional<String> envelopeId() {
        return Optional.ofNullable(envelopeId);
    }

    /**
     * {@return a copy of this error that names the envelope item it belongs to} Kind, position,
     * detail, cause, {@link #isInputBroken()}, {@link #rawRecord()} and {@link #format()} are kept.
     * For readers of Lambda events.
     *
     * @param envelopeId the item's identity, as {@link #envelopeId()} describes; not {@code null}
     */
    public ChangeReadException withEnvelopeId(String envelopeId) {
        ChangeReadException copy = new ChangeReadException(kind, position, detail, getCause(), inputBroken,
                Objects.requireNonNull(envelopeId, "envelopeId"));
        copy.rawRecord = rawRecord;
        copy.format = format;
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
