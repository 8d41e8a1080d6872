package io.cdcsdk.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Position;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    // The framing scan reads 8 bytes at a time where nothing but strings and brackets can be in them.
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long ONES = 0x0101010101010101L;
    private static final long CONTROLS = 0x2020202020202020L;
    private static final long CASE_BITS = 0x2020202020202020L;
    // With bit 0x20 set, '[' reads as '{' and ']' as '}'; no other byte does.
    private static final long OPENS = 0x7B7B7B7B7B7B7B7BL;
    private static final long CLOSES = 0x7D7D7D7D7D7D7D7DL;
    private static final int INITIAL_RECORD = 4096;
    // A buffer grown beyond this for one large record is let go before the next record.
    static final int KEPT_RECORD = 1 << 20;

    private final InputStream in;
    private final String sourceName;
    private final Limits limits;
    // CHUNK bytes, or more while it holds what nextDirect read ahead for a large value
    private byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkLen;
    private long chunkStartOffset;
    private boolean eof;

    private byte[] record = new byte[INITIAL_RECORD];
    private int recordLen;
    // Whether the value last framed went over the size limit, so that record holds only part of it.
    private boolean recordCut;
    // Where in chunk the value nextDirect last returned lies, until the chunk moves; -1 when none.
    private int directStart = -1;
    private int directEnd;

    private long line = 1;
    private boolean atLineStart = true;
    private boolean inArray;
    private long ordinal;
    private Position lastPosition;
    private final JsonFactory factory;
    // One parser reads the values of the buffer one after another while only whitespace stands
    // between them; anything else (a failure, framing, new bytes in the buffer) starts a new one.
    private JsonParser parser;
    private int parserStart;
    private int parserEnd;
    private int parserLineNr;
    private long lineAtParserEnd;

    public JsonFrameReader(InputStream in, String sourceName, Limits limits) {
        this.in = in;
        this.sourceName = sourceName;
        this.limits = limits;
        this.factory = JsonParsing.factory(limits);
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
        recordLen = 0;
        recordCut = false;
        directStart = -1;
        if (b != '{' && b != '[') {
            skipRestOfLine();
            throw ChangeReadException.malformed(position, "expected a JSON object or array at the top level");
        }
        int depth = 0;
        int lastSignificant = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean tooLarge = false;
        boolean tooDeep = false;
        boolean lineStart = atLineStart;
        long lines = line;
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
            final byte[] buf = chunk;
            final int segmentStart = chunkPos;
            final int end = chunkLen;
            int pos = segmentStart;
            int bytewiseUntil = pos;
            boolean closed = false;
            String failure = null;
            scan:
            for (; pos < end; pos++) {
                if (pos >= bytewiseUntil && !escaped && !lineStart) {
                    // Words without backslash or control byte (line breaks), in which the value
                    // neither closes nor goes over the depth limit, move only the depth and whether
                    // a string is open. The word that ends this is scanned a byte at a time.
                    final int wordsStart = pos;
                    while (end - pos >= Long.BYTES) {
                        long word = (long) WORDS.get(buf, pos);
                        if ((bytesBelow(word, CONTROLS) | bytesBelow(word ^ BACKSLASHES, ONES)) != 0) {
                            break;
                        }
                        long inside = prefixXor(bytesEqual(word, QUOTES)) ^ (inString ? HIGH_BITS : 0);
                        long folded = word | CASE_BITS;
                        int opens = Long.bitCount(bytesEqual(folded, OPENS) & ~inside);
                        int closes = Long.bitCount(bytesEqual(folded, CLOSES) & ~inside);
                        if (depth - closes <= 0 || depth + opens > maxDepth) {
                            break;
                        }
                        depth += opens - closes;
                        inString = inside < 0;
                        pos += Long.BYTES;
                    }
                    if (pos > wordsStart) {
                        lastSignificant = inString ? '"' : lastSignificant(buf, wordsStart, pos, lastSignificant);
                    }
                    bytewiseUntil = pos + Long.BYTES;
                    if (pos == end) {
                        break;
                    }
                }
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
            recordCut = tooLarge;
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

    /** The high bit of each byte of {@code word} that equals the byte repeated in {@code pattern}. */
    private static long bytesEqual(long word, long pattern) {
        long t = word ^ pattern;
        return ~(((t & LOW_BITS) + LOW_BITS) | t) & HIGH_BITS;
    }

    /**
     * Of high bits, one a byte: each byte's bit becomes the parity of the bits of that byte and
     * the bytes before it, which for quotes is whether a string is open after that byte.
     */
    private static long prefixXor(long bits) {
        bits ^= bits << 8;
        bits ^= bits << 16;
        return bits ^ bits << 32;
    }

    /**
     * Not zero when a byte of {@code word} is below the byte repeated in {@code limits} (at most
     * 0x80); which bits are set tells nothing more.
     */
    private static long bytesBelow(long word, long limits) {
        return (word - limits) & ~word & HIGH_BITS;
    }

    /** The last byte of {@code buf[from, to)} that is not a blank, or {@code previous} when all are. */
    private static int lastSignificant(byte[] buf, int from, int to, int previous) {
        for (int i = to - 1; i >= from; i--) {
            int c = buf[i] & 0xFF;
            if (BYTE_KINDS[c] != BLANK) {
                return c;
            }
        }
        return previous;
    }

    /**
     * Reads the next top-level value straight from the buffered input with {@code reader}, without
     * first copying it into a frame: one pass over the bytes instead of two. Returns {@code null}
     * when the value has not been consumed: at the end of the input, or when the value cannot be
     * read this way (it reaches past the buffer or the size limit, it is malformed, or
     * {@code reader} failed or returned {@code null}). The caller then calls {@link #next()}, which
     * frames that same value and reports what is wrong with it exactly as it would have without
     * this method. A value read here has the position {@link #next()} would have given it
     * ({@link #lastPosition()}).
     */
    public <T> T nextDirect(DirectReader<T> reader) throws IOException {
        int b = skipToValue();
        if (b != '{' && b != '[') {
            return null;
        }
        T value = readDirect(reader);
        if (value == null && (chunkPos > 0 || chunkLen < chunk.length) && !eof && refill()) {
            value = readDirect(reader); // the value may have been cut by the end of the buffer
        }
        return value;
    }

    /**
     * As {@link #nextDirect(DirectReader)}, for values that may be longer than the read buffer:
     * when the input says that all the rest of it can be read now and that is at most
     * {@code maxBytes} (and the record size limit), the buffer first grows to hold it all, so that a
     * large value that is the whole input (a Lambda event) is read in one pass too. A value read
     * this way is read once: there is no second try after the buffer is refilled, so a reader that
     * returns {@code null} costs only what it read. The grown buffer is let go once it is read.
     */
    public <T> T nextDirect(DirectReader<T> reader, int maxBytes) throws IOException {
        int b = skipToValue();
        if (b != '{' && b != '[') {
            return null;
        }
        growToRest(Math.min(maxBytes, limits.maxRecordBytes()));
        return readDirect(reader);
    }

    /** Reads all the rest of the input into the buffer when the input says it can, and it is at most max bytes. */
    private void growToRest(int max) throws IOException {
        if (eof || chunkLen < chunk.length) {
            return;
        }
        long rest = available();
        long total = chunkLen - chunkPos + rest;
        if (rest <= 0 || total > max) {
            return;
        }
        dropParser();
        directStart = -1;
        byte[] grown = new byte[(int) Math.max(CHUNK, total)];
        System.arraycopy(chunk, chunkPos, grown, 0, chunkLen - chunkPos);
        chunkStartOffset += chunkPos;
        chunkLen -= chunkPos;
        chunkPos = 0;
        chunk = grown;
        while (chunkLen < total) {
            int n = in.read(chunk, chunkLen, (int) total - chunkLen);
            if (n < 0) {
                eof = true;
                break;
            }
            chunkLen += n;
        }
    }

    /** Reads one whole top-level value from a parser; see {@link JsonFrameReader#nextDirect}. */
    @FunctionalInterface
    public interface DirectReader<T> {
        /**
         * Reads the value whose first token {@code parser.nextToken()} returns, up to and including
         * its last token.
         *
         * @param parser   a parser over the buffered bytes, made by {@link JsonParsing#factory} for
         *                 the reader's limits
         * @param position the position the value has if it is read
         * @return the value, or {@code null} to have it framed instead
         * @throws IOException or any runtime exception: the value is then framed instead, so the
         *                     failure is reported by {@link JsonFrameReader#next()}
         */
        T read(JsonParser parser, Position position) throws IOException;
    }

    /** The position of the last value {@link #nextDirect} returned. */
    public Position lastPosition() {
        return lastPosition;
    }

    private <T> T readDirect(DirectReader<T> reader) {
        final int start = chunkPos;
        if (parser != null && !onlyWhitespace(parserEnd, start)) {
            dropParser();
        }
        final Position position = new Position(sourceName, line, offset(), ordinal + 1);
        T value;
        long endOffset;
        int endLineNr;
        try {
            if (parser == null) {
                parser = factory.createParser(chunk, start, (int) Math.min(chunkLen - start, limits.maxRecordBytes()));
                parserStart = start;
                parserLineNr = 1;
                lineAtParserEnd = line;
            }
            value = reader.read(parser, position);
            if (value == null || !parser.getParsingContext().inRoot()) {
                dropParser();
                return null;
            }
            JsonLocation end = parser.currentLocation();
            endOffset = end.getByteOffset();
            endLineNr = end.getLineNr();
        } catch (IOException | RuntimeException e) {
            dropParser();
            return null;
        }
        final int stop = parserStart + (int) endOffset;
        // The reader must have read the whole value, up to its closing bracket (a mapper reading
        // a tree clears the parser's last token, so the bytes tell).
        if (stop <= start || stop - start > limits.maxRecordBytes() || chunk[stop - 1] != '}' && chunk[stop - 1] != ']') {
            dropParser();
            return null;
        }
        // The parser counts a line for every \n, \r\n and lone \r it passed; when that is more than
        // the \n skipped between values, the value spans lines and its own \n are counted here.
        if (endLineNr != parserLineNr + (line - lineAtParserEnd)) {
            long lines = line;
            for (int i = start; i < stop; i++) {
                if (chunk[i] == '\n') {
                    lines++;
                }
            }
            line = lines;
        }
        parserEnd = stop;
        parserLineNr = endLineNr;
        lineAtParserEnd = line;
        ordinal++;
        lastPosition = position;
        directStart = start;
        directEnd = stop;
        chunkPos = stop;
        atLineStart = false;
        return value;
    }

    private boolean onlyWhitespace(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = chunk[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return from <= to;
    }

    private void dropParser() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // a parser over a byte array has nothing to release that can fail
            }
            parser = null;
        }
    }

    /**
     * Moves the unread bytes to the front of the buffer and reads more behind them; false when
     * nothing more could be read.
     */
    private boolean refill() throws IOException {
        dropParser();
        directStart = -1;
        int remaining = chunkLen - chunkPos;
        System.arraycopy(chunk, chunkPos, chunk, 0, remaining);
        chunkStartOffset += chunkPos;
        chunkPos = 0;
        chunkLen = remaining;
        boolean more = false;
        while (chunkLen < chunk.length) {
            int n = in.read(chunk, chunkLen, chunk.length - chunkLen);
            if (n < 0) {
                eof = true;
                break;
            }
            chunkLen += n;
            more |= n > 0;
            // Waits for bytes only while none have come, as the framing does.
            if (more && in.available() <= 0) {
                break;
            }
        }
        return more;
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
            long capacity = Math.max(needed, record.length * 2L);
            if (needed >= CHUNK) {
                // A value longer than the read buffer is often the whole input (a Lambda event): when
                // the rest of the input is known to fit in a buffer that is kept anyway, take it
                // at once instead of doubling up to it.
                long rest = needed + (chunkLen - from - length) + available();
                if (rest > capacity && rest <= KEPT_RECORD) {
                    capacity = rest;
                }
            }
            record = Arrays.copyOf(record, (int) Math.min(limits.maxRecordBytes(), capacity));
        }
        System.arraycopy(source, from, record, recordLen, length);
        recordLen += length;
        return false;
    }

    // What the input says it can give without blocking; a hint only, so a failure counts as nothing.
    private long available() {
        try {
            return Math.max(0, in.available());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The bytes of the value {@link #next()} last framed or failed on, or of the value
     * {@link #nextDirect} last returned when no call has moved the read buffer since, as read (a
     * value cut short ends before the blanks and line breaks ahead of the next one; a line that is
     * no JSON value is that line, without its line break), for a dead letter; {@code null} when
     * the value went over the size limit.
     */
    public @Nullable Bytes lastRecordBytes() {
        if (directStart >= 0) {
            return Bytes.of(Arrays.copyOfRange(chunk, directStart, directEnd));
        }
        if (recordCut) {
            return null;
        }
        int end = recordLen;
        // A value cut short ends with the blanks and line breaks ahead of the next one.
        while (end > 0 && (BYTE_KINDS[record[end - 1] & 0xFF] == BLANK || BYTE_KINDS[record[end - 1] & 0xFF] == NEWLINE)) {
            end--;
        }
        return Bytes.of(Arrays.copyOf(record, end));
    }

    // A value that went over a limit reports the limit, even when it is also cut short.
    private void throwIfOverLimit(Position position, boolean tooLarge, boolean tooDeep) {
        recordCut = tooLarge;
        if (tooLarge) {
            throw ChangeReadException.limitExceeded(position, "record size", limits.maxRecordBytes());
        }
        if (tooDeep) {
            throw ChangeReadException.limitExceeded(position, "nesting depth", limits.maxNestingDepth());
        }
    }

    /** Skips a line that is no value, keeping its bytes (up to the size limit) as the record's. */
    private void skipRestOfLine() throws IOException {
        int b;
        while ((b = peek()) >= 0) {
            advance(b);
            if (b == '\n') {
                break;
            }
            if (recordLen == record.length && !recordCut) {
                recordCut = recordLen >= limits.maxRecordBytes();
                if (!recordCut) {
                    record = Arrays.copyOf(record, (int) Math.min(limits.maxRecordBytes(), record.length * 2L));
                }
            }
            if (!recordCut) {
                record[recordLen++] = (byte) b;
            }
        }
        if (recordLen > 0 && record[recordLen - 1] == '\r') {
            recordLen--;
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
        dropParser();
        directStart = -1;
        chunkStartOffset += chunkLen;
        chunkPos = 0;
        chunkLen = 0;
        if (chunk.length > CHUNK) {
            chunk = new byte[CHUNK];
        }
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

    /** The capacity of the read buffer (for tests of its memory bound). */
    int readBufferCapacity() {
        return chunk.length;
    }

    @Override
    public void close() throws IOException {
        dropParser();
        in.close();
    }
}
