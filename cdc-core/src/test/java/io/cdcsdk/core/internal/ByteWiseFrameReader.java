package io.cdcsdk.core.internal;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The framing of {@link JsonFrameReader#next()} as it was before it scanned 8 bytes at a time: one
 * byte at a time, the record buffer doubling from 4 KiB. The reference that the faster scan must
 * equal, frame for frame and failure for failure.
 */
final class ByteWiseFrameReader implements Closeable {
    private static final int CHUNK = 1 << 16;
    // What the framing scan does with a byte outside strings.
    private static final byte OTHER = 0;
    private static final byte BLANK = 1;
    private static final byte NEWLINE = 2;
    private static final byte QUOTE = 3;
    private static final byte OPEN = 4;
    private static final byte CLOSE = 5;
    private static final byte[] BYTE_KINDS = new byte[256];

    static {
        BYTE_KINDS[' '] = BLANK;
        BYTE_KINDS['\t'] = BLANK;
        BYTE_KINDS['\r'] = BLANK;
        BYTE_KINDS['\n'] = NEWLINE;
        BYTE_KINDS['"'] = QUOTE;
        BYTE_KINDS['{'] = OPEN;
        BYTE_KINDS['['] = OPEN;
        BYTE_KINDS['}'] = CLOSE;
        BYTE_KINDS[']'] = CLOSE;
    }
    private static final int INITIAL_RECORD = 4096;
    // A buffer grown beyond this for one large record is let go before the next record.
    private static final int KEPT_RECORD = 1 << 20;

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

    ByteWiseFrameReader(InputStream in, String sourceName, Limits limits) {
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
        int b = skipToValue();
        if (b < 0) {
            return null;
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
        boolean lineStart = atLineStart;
        long lines = line;
        final byte[] buf = chunk;
        final int maxDepth = limits.maxNestingDepth();
        // The hot loop: scan the buffered chunk with local state and copy what was consumed in bulk.
        while (true) {
            if (chunkPos >= chunkLen) {
                line = lines;
                atLineStart = lineStart;
                if (peek() < 0) {
                    throwIfOverLimit(position, tooLarge, tooDeep);
                    throw ChangeReadException.malformed(position, "unexpected end of input: JSON value not closed");
                }
            }
            final int segmentStart = chunkPos;
            final int end = chunkLen;
            int pos = segmentStart;
            boolean closed = false;
            String failure = null;
            scan:
            for (; pos < end; pos++) {
                int c = buf[pos] & 0xFF;
                if (inString) {
                    if (escaped) {
                        escaped = false;
                        continue;
                    }
                    // The body of a string: only a quote, a backslash or a line break matter.
                    while (c != '"' && c != '\\' && c != '\n') {
                        if (++pos == end) {
                            break scan;
                        }
                        c = buf[pos] & 0xFF;
                    }
                    if (c == '"') {
                        inString = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else {
                        lines++;
                        lineStart = true;
                        pos++;
                        failure = "unterminated string before line " + lines;
                        break;
                    }
                    continue;
                }
                int kind = BYTE_KINDS[c];
                if (kind == OTHER) {
                    lineStart = false;
                    lastSignificant = c;
                    continue;
                }
                if (kind == BLANK) {
                    lineStart = false;
                    continue;
                }
                if (kind == NEWLINE) {
                    lines++;
                    lineStart = true;
                    continue;
                }
                if (lineStart && c == '{' && depth > 0
                        && lastSignificant != ':' && lastSignificant != ',' && lastSignificant != '[') {
                    // A new value starts on a fresh line before this one was closed; it is not consumed.
                    failure = "";
                    break;
                }
                lineStart = false;
                lastSignificant = c;
                if (kind == QUOTE) {
                    inString = true;
                } else if (kind == OPEN) {
                    if (++depth > maxDepth) {
                        tooDeep = true;
                    }
                } else if (--depth == 0) {
                    pos++;
                    closed = true;
                    break;
                }
            }
            tooLarge = append(buf, segmentStart, pos - segmentStart, tooLarge);
            chunkPos = pos;
            line = lines;
            atLineStart = lineStart;
            if (failure != null) {
                if (failure.isEmpty()) {
                    throwIfOverLimit(position, tooLarge, tooDeep);
                    throw ChangeReadException.malformed(position, "JSON value not closed before line " + line);
                }
                throw ChangeReadException.malformed(position, failure);
            }
            if (closed) {
                break;
            }
        }
        throwIfOverLimit(position, tooLarge, tooDeep);
        return new JsonFrame(record, recordLen, position);
    }

    /** Skips what may stand between values; returns the first byte of the next one, or -1 at the end. */
    private int skipToValue() throws IOException {
        while (true) {
            int b = peek();
            if (b < 0) {
                return -1;
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
                return b;
            }
        }
    }

    /** Copies consumed bytes into the record; returns whether the record is now over the size limit. */
    private boolean append(byte[] source, int from, int length, boolean tooLarge) {
        if (tooLarge || length == 0) {
            return tooLarge;
        }
        long needed = (long) recordLen + length;
        if (needed > limits.maxRecordBytes()) {
            return true;
        }
        if (needed > record.length) {
            record = Arrays.copyOf(record, (int) Math.min(limits.maxRecordBytes(), Math.max(needed, record.length * 2L)));
        }
        System.arraycopy(source, from, record, recordLen, length);
        recordLen += length;
        return false;
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
