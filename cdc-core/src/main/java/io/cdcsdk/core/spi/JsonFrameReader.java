package io.cdcsdk.core.spi;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a JSON input into its top-level values without parsing them, so that a bad value can be
 * skipped and the next one read. Accepts NDJSON, values concatenated with no separator
 * ({@code }{}), pretty-printed values (tabs, CRLF), blank lines, byte-order marks and top-level
 * arrays, whose elements become the values. Memory is bounded by {@link Limits#maxRecordBytes()},
 * not by the input.
 *
 * <p>A value that is not closed when a new line starts with <code>{</code> where no nested value can
 * start (not after {@code :}, {@code ,} or {@code [}) is taken as truncated:
 * it fails, and the next value starts on that line. This is how a broken line of NDJSON or a cut
 * Firehose record does not swallow the records after it.
 */
public final class JsonFrameReader implements Closeable {
    private static final int CHUNK = 1 << 16;
    private static final int INITIAL_RECORD = 4096;
    // A buffer grown beyond this for one large record is let go before the next record.
    static final int KEPT_RECORD = 1 << 20;

    private final InputStream in;
    private final String sourceName;
    private final Limits limits;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkLen;
    private long chunkStartOffset;
    private boolean eof;

    private byte[] record = new byte[INITIAL_RECORD];
    private int recordLen;

    private long line = 1;
    private boolean atLineStart = true;
    private boolean inArray;
    private long ordinal;

    public JsonFrameReader(InputStream in, String sourceName, Limits limits) {
        this.in = in;
        this.sourceName = sourceName;
        this.limits = limits;
    }

    /**
     * The next top-level value, or {@code null} at the end of the input.
     *
     * @throws ChangeReadException for a value that is truncated, too large or not an object or
     *                             array; the value has been consumed, so the next call goes on after it
     */
    public JsonFrame next() throws IOException {
        int b;
        // Skip what may stand between values.
        while (true) {
            b = peek();
            if (b < 0) {
                return null;
            }
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                advance(b);
            } else if (b == 0xEF || b == 0xBB || b == 0xBF) {
                advance(b); // byte-order mark bytes between values
            } else if (b == ',' && inArray) {
                advance(b);
            } else if (b == '[' && !inArray) {
                advance(b);
                inArray = true;
            } else if (b == ']' && inArray) {
                advance(b);
                inArray = false;
            } else {
                break;
            }
        }
        long startLine = line;
        long startOffset = offset();
        ordinal++;
        Position position = new Position(sourceName, startLine, startOffset, ordinal);
        if (record.length > KEPT_RECORD) {
            record = new byte[INITIAL_RECORD];
        }
        if (b != '{' && b != '[') {
            skipRestOfLine();
            throw ChangeReadException.malformed(position, "expected a JSON object or array at the top level");
        }
        recordLen = 0;
        int depth = 0;
        int lastSignificant = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean tooLarge = false;
        boolean tooDeep = false;
        while (true) {
            b = peek();
            if (b < 0) {
                throwIfOverLimit(position, tooLarge, tooDeep);
                throw ChangeReadException.malformed(position, "unexpected end of input: JSON value not closed");
            }
            if (atLineStart && b == '{' && depth > 0 && !inString
                    && lastSignificant != ':' && lastSignificant != ',' && lastSignificant != '[') {
                // A new value starts on a fresh line before this one was closed.
                throwIfOverLimit(position, tooLarge, tooDeep);
                throw ChangeReadException.malformed(position, "JSON value not closed before line " + line);
            }
            advance(b);
            if (!tooLarge) {
                if (recordLen >= limits.maxRecordBytes()) {
                    tooLarge = true;
                } else {
                    if (recordLen == record.length) {
                        record = Arrays.copyOf(record, (int) Math.min((long) limits.maxRecordBytes(), recordLen * 2L));
                    }
                    record[recordLen++] = (byte) b;
                }
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                } else if (b == '\n') {
                    throw ChangeReadException.malformed(position, "unterminated string before line " + line);
                }
                continue;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                lastSignificant = b;
            }
            if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
                if (depth > limits.maxNestingDepth()) {
                    tooDeep = true;
                }
            } else if (b == '}' || b == ']') {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
        }
        throwIfOverLimit(position, tooLarge, tooDeep);
        return new JsonFrame(record, recordLen, position);
    }

    // A value that went over a limit reports the limit, even when it is also cut short.
    private void throwIfOverLimit(Position position, boolean tooLarge, boolean tooDeep) {
        if (tooLarge) {
            throw ChangeReadException.limitExceeded(position, "record size", limits.maxRecordBytes());
        }
        if (tooDeep) {
            throw ChangeReadException.limitExceeded(position, "nesting depth", limits.maxNestingDepth());
        }
    }

    private void skipRestOfLine() throws IOException {
        int b;
        while ((b = peek()) >= 0) {
            advance(b);
            if (b == '\n') {
                return;
            }
        }
    }

    private long offset() {
        return chunkStartOffset + chunkPos;
    }

    private int peek() throws IOException {
        if (chunkPos < chunkLen) {
            return chunk[chunkPos] & 0xFF;
        }
        if (eof) {
            return -1;
        }
        chunkStartOffset += chunkLen;
        chunkPos = 0;
        chunkLen = 0;
        int n;
        do {
            n = in.read(chunk, 0, CHUNK);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return -1;
        }
        chunkLen = n;
        return chunk[0] & 0xFF;
    }

    private void advance(int b) {
        chunkPos++;
        if (b == '\n') {
            line++;
            atLineStart = true;
        } else {
            atLineStart = false;
        }
    }

    /** The capacity of the record buffer (for tests of its memory bound). */
    int recordCapacity() {
        return record.length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
