package io.cdcsdk.core;

import java.util.Objects;

/**
 * Where in its input a record was found. Unknown parts are {@code -1}.
 *
 * @param sourceName  the file name, object key or other name the input was opened with
 * @param line        the 1-based line the record starts on, or -1
 * @param byteOffset  the 0-based offset of the record's first byte in the (decompressed) input, or -1
 * @param record      the 1-based ordinal of the record in its input, or -1
 */
public record Position(String sourceName, long line, long byteOffset, long record) {

    /**
     * Checks that the source name is given.
     *
     * @param sourceName the name the input was opened with; not {@code null}, may be empty
     * @param line       the 1-based line, or -1
     * @param byteOffset the 0-based byte offset, or -1
     * @param record     the 1-based record ordinal, or -1
     */
    public Position {
        Objects.requireNonNull(sourceName, "sourceName");
    }

    /**
     * {@return a position that knows only the source} Line, byte offset and record are -1.
     *
     * @param sourceName the name the input was opened with; not {@code null}
     */
    public static Position of(String sourceName) {
        return new Position(sourceName, -1, -1, -1);
    }

    /**
     * {@return a copy with another record ordinal}
     *
     * @param record the 1-based ordinal, or -1
     */
    public Position withRecord(long record) {
        return new Position(sourceName, line, byteOffset, record);
    }

    /**
     * {@return a copy with another line}
     *
     * @param line the 1-based line, or -1
     */
    public Position withLine(long line) {
        return new Position(sourceName, line, byteOffset, record);
    }

    /**
     * {@return the position for people to read} For example
     * {@code orders.csv line 17 (record 16, byte 1024)}; unknown parts are left out.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(sourceName);
        if (line >= 0) {
            sb.append(" line ").append(line);
        }
        if (record >= 0 || byteOffset >= 0) {
            sb.append(line >= 0 ? " (" : " ");
            if (record >= 0) {
                sb.append("record ").append(record);
            }
            if (byteOffset >= 0) {
                sb.append(record >= 0 ? ", " : "").append("byte ").append(byteOffset);
            }
            if (line >= 0) {
                sb.append(')');
            }
        }
        return sb.toString();
    }

    /** {@return the same text as {@link #describe()}} */
    @Override
    public String toString() {
        return describe();
    }
}
