package io.cdcsdk.core;

import java.util.Objects;

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

    private final Kind kind;
    private final transient Position position;
    private final String detail;
    private final boolean inputBroken;

    /**
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
        super(position.describe() + ": " + detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.position = position;
        this.detail = detail;
        this.inputBroken = inputBroken;
    }

    /**
     * An error after which nothing more can be read from the input (I/O failure, truncated gzip,
     * decompression bomb). Under {@link OnError#SKIP} it is reported and the reader ends.
     */
    public static ChangeReadException inputBroken(Kind kind, Position position, String detail,
                                                  @Nullable Throwable cause) {
        return new ChangeReadException(kind, position, detail, cause, true);
    }

    /** Whether reading cannot go on after this error (see {@link #inputBroken}). */
    public boolean isInputBroken() {
        return inputBroken;
    }

    public ChangeReadException(Kind kind, Position position, String detail) {
        this(kind, position, detail, null);
    }

    /** The bytes are not the format's syntax. */
    public static ChangeReadException malformed(Position position, String detail) {
        return new ChangeReadException(Kind.MALFORMED, position, detail);
    }

    /** A field has the wrong type or value. */
    public static ChangeReadException unexpectedType(Position position, String path, String expected, String found) {
        return new ChangeReadException(Kind.UNEXPECTED_TYPE, position,
                "at " + path + ": expected " + expected + " but found " + found);
    }

    /** A required field is absent. */
    public static ChangeReadException missingField(Position position, String path) {
        return new ChangeReadException(Kind.MISSING_FIELD, position, "missing required field " + path);
    }

    /** A limit was exceeded. */
    public static ChangeReadException limitExceeded(Position position, String limit, long max) {
        return new ChangeReadException(Kind.LIMIT_EXCEEDED, position,
                limit + " exceeds the limit of " + max + " (see ReadOptions.limits)");
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** Where the bad record is. */
    public Position position() {
        return position;
    }

    /** The message without the position prefix. */
    public String detail() {
        return detail;
    }
}
