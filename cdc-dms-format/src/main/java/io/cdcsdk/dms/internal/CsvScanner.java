package io.cdcsdk.dms.internal;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An RFC 4180 record scanner that keeps quoted-empty apart from unquoted-empty. Rows end with LF
 * or CRLF; quoted fields may hold delimiters, doubled quotes and line breaks.
 *
 * <p>Bounds: a record (counted in UTF-8 bytes of its text) may not exceed {@code maxRecordBytes},
 * a field {@code maxFieldLength} characters, and a row {@link #MAX_FIELDS} fields. Memory is
 * bounded by the record limit, not by the input.
 *
 * <p>Recovery: a bad record (unbalanced quote, text after a closing quote, a limit exceeded) fails
 * at the line it starts on, and the next record starts on the line after that one. A quoted field
 * that is never closed therefore runs at most to the end of the input or to the record limit, and
 * the lines it ran over are read again as records: a stray quote costs the one line it stands on.
 */
final class CsvScanner implements Closeable {
    /** The most fields a row may have; the widest DMS sources (SQL Server wide tables) have 30,000 columns. */
    static final int MAX_FIELDS = 1 << 16;

    private static final int CHUNK = 1 << 16;

    private final Reader in;
    private final char delimiter;
    /** The greatest character that can end an unquoted field. */
    private final char stopAbove;
    private final String sourceName;
    private final int maxFieldLength;
    private final long maxRecordBytes;
    private char[] buf = new char[CHUNK];
    private int pos;
    private int len;
    private boolean eof;
    private long line = 1;
    private long record;
    private boolean started;
    private final StringBuilder sb = new StringBuilder();
    /** The text of an unquoted field that lay in the buffer whole, or null when it is in sb. */
    private String text;
    /** Characters read since the first line break inside the current record; null before one. */
    private StringBuilder reread;
    private long recordBytes;
    private Position lastPosition;
    /** The fields of the record last read: texts, whether quoted, and how many. */
    private String[] texts = new String[32];
    private boolean[] quotedFlags = new boolean[32];
    private int fieldCount;
    /**
     * The record being read, or last read: it starts at recordStart in buf (-1 when there is
     * none), after what spill holds of it from earlier buffers, and ends at recordEnd.
     */
    private int recordStart = -1;
    private int recordEnd;
    private final StringBuilder spill = new StringBuilder();
    /** The line a bad record stood on, as {@link #fail} consumed it; null when none or over a limit. */
    private String failedLine;

    /**
     * A scanner over {@code in}.
     *
     * @param maxFieldLength the longest field, in characters
     * @param maxRecordBytes the largest record, in UTF-8 bytes
     */
    CsvScanner(Reader in, char delimiter, String sourceName, int maxFieldLength, long maxRecordBytes) {
        this.in = in;
        this.delimiter = delimiter;
        this.stopAbove = (char) Math.max(delimiter, '\r');
        this.sourceName = sourceName;
        this.maxFieldLength = maxFieldLength;
        this.maxRecordBytes = maxRecordBytes;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (recordStart >= 0) {
            spill.append(buf, recordStart, len - recordStart);
            recordStart = 0;
        }
        if (buf.length != CHUNK) {
            // The buffer of a re-read is used up; it may even be empty, and reading into an empty
            // buffer would return 0 for ever.
            buf = new char[CHUNK];
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = 0;
            len = 0;
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        char c = buf[pos++];
        if (reread != null) {
            reread.append(c);
        }
        return c;
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    /** The position of the record last returned or failed. */
    Position lastPosition() {
        return lastPosition;
    }

    /**
     * Reads the next record into {@link #text(int)} and {@link #quoted(int)}. Blank lines are skipped.
     *
     * @return the number of fields, or -1 at the end
     * @throws ChangeReadException MALFORMED for an unterminated quoted field or text after a closing
     *                             quote, LIMIT_EXCEEDED for a record, field or field count over its
     *                             bound; the next call goes on at the line after the one the bad
     *                             record starts on
     */
    int nextRecord() throws IOException {
        fieldCount = 0;
        recordStart = -1;
        failedLine = null;
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (true) {
            int c = peek();
            if (c < 0) {
                return -1;
            }
            if (c == '\n') {
                read();
                line++;
                continue;
            }
            if (c == '\r') {
                read();
                if (peek() == '\n') {
                    read();
                    line++;
                }
                continue; // a lone CR between records is ignored
            }
            break;
        }
        long startLine = line;
        record++;
        recordStart = pos;
        spill.setLength(0);
        Position position = new Position(sourceName, startLine, -1, record);
        lastPosition = position;
        reread = null;
        text = null;
        recordBytes = 0;
        while (true) {
            if (fieldCount >= MAX_FIELDS) {
                throw fail(startLine, ChangeReadException.limitExceeded(position, "field count", MAX_FIELDS));
            }
            boolean endOfRecord = false;
            sb.setLength(0);
            int c = peek();
            boolean quoted = false;
            if (c == '"') {
                read();
                count('"', position, startLine);
                quoted = true;
                boolean runs = true;
                while (true) {
                    if (runs) {
                        int run = quotedRun(position, startLine);
                        if (run == CLOSED) {
                            break;
                        }
                        runs = run == MORE;
                    }
                    c = read();
                    if (c < 0) {
                        throw fail(startLine, ChangeReadException.malformed(position,
                                "quoted field not closed before the end of the input (unbalanced quote)"));
                    }
                    count((char) c, position, startLine);
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            count('"', position, startLine);
                            append((char) c, position, startLine);
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                            if (reread == null) {
                                reread = new StringBuilder();
                            }
                        }
                        append((char) c, position, startLine);
                    }
                }
                c = peek();
                if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    throw fail(startLine, ChangeReadException.malformed(position,
                            "text after the closing quote of field " + (fieldCount + 1) + " (unbalanced quote)"));
                }
            } else {
                unquoted(position, startLine);
                while ((c = peek()) == '\r') {
                    if (text != null) {
                        sb.append(text);
                        text = null;
                    }
                    read();
                    count('\r', position, startLine);
                    if (peek() == '\n') {
                        read();
                        endOfRecord = true;
                        break;
                    }
                    append('\r', position, startLine); // a lone CR is data
                    unquoted(position, startLine);
                }
            }
            addField(text != null ? text : sb.toString(), quoted);
            text = null;
            if (endOfRecord) {
                line++;
                break;
            }
            c = read();
            if (c == delimiter) {
                count((char) c, position, startLine);
                continue;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
            }
            if (c == '\r' || c == '\n') {
                line++;
            }
            break;
        }
        reread = null;
        recordEnd = pos;
        return fieldCount;
    }

    /**
     * The bytes of the record last read or failed, as its text in UTF-8 without its line break;
     * for a record that failed in this scanner, the line it started on, which is what the scanner
     * consumed of it. Null when a limit failed it. Valid until the next {@link #nextRecord()}.
     */
    byte[] lastRecordBytes() {
        String text;
        if (failedLine != null) {
            text = failedLine;
        } else if (recordStart >= 0) {
            StringBuilder record = new StringBuilder(spill).append(buf, recordStart, recordEnd - recordStart);
            int end = record.length();
            while (end > 0 && (record.charAt(end - 1) == '\n' || record.charAt(end - 1) == '\r')) {
                end--; // its line break, which may have been split by a buffer refill
            }
            text = record.substring(0, end);
        } else {
            return null;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text of field {@code i} (0-based) of the record last read, unquoted. */
    String text(int i) {
        return texts[i];
    }

    /** Whether field {@code i} of the record last read was quoted. */
    boolean quoted(int i) {
        return quotedFlags[i];
    }

    private void addField(String fieldText, boolean quoted) {
        if (fieldCount == texts.length) {
            int size = Math.min(MAX_FIELDS, texts.length * 2);
            texts = Arrays.copyOf(texts, size);
            quotedFlags = Arrays.copyOf(quotedFlags, size);
        }
        texts[fieldCount] = fieldText;
        quotedFlags[fieldCount++] = quoted;
    }

    private static final int MORE = 0;
    private static final int CLOSED = 1;
    private static final int OVER_LIMIT = 2;

    /**
     * Inside a quoted field, takes the run of characters up to the next quote or line break in the
     * buffer at once.
     *
     * @return {@link #CLOSED} when the run ended at the closing quote of a field that lay in the
     *         buffer whole (the quote is consumed, the field in {@link #text}); {@link #OVER_LIMIT}
     *         when the run would exceed a limit, and nothing was consumed: the character loop then
     *         fails at the character that exceeds it; else {@link #MORE}
     */
    private int quotedRun(Position position, long startLine) throws IOException {
        if (pos == len && !fill()) {
            return MORE;
        }
        char[] b = buf;
        int end = len;
        int start = pos;
        int extra = 0;
        int i = start;
        for (; i < end; i++) {
            char c = b[i];
            if (c == '"' || c == '\n') {
                break;
            }
            if (c >= 0x80) {
                extra += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        int n = i - start;
        if (recordBytes + n + extra > maxRecordBytes || sb.length() + n > maxFieldLength) {
            return OVER_LIMIT;
        }
        recordBytes += n + extra;
        if (sb.length() == 0 && i + 1 < end && b[i] == '"' && b[i + 1] != '"') {
            if (reread != null) {
                reread.append(b, start, n + 1);
            }
            pos = i + 1;
            count('"', position, startLine);
            text = new String(b, start, n);
            return CLOSED;
        }
        if (reread != null) {
            reread.append(b, start, n);
        }
        sb.append(b, start, n);
        pos = i;
        return MORE;
    }

    /**
     * Scans unquoted text into {@code sb} up to a delimiter, a line break (CR or LF, not consumed) or
     * the end of the input, a buffer at a time.
     */
    private void unquoted(Position position, long startLine) throws IOException {
        while (pos < len || fill()) {
            char[] b = buf;
            int end = len;
            char d = delimiter;
            char stopAbove = this.stopAbove;
            int start = pos;
            int extra = 0;
            int i = start;
            for (; i < end; i++) {
                char c = b[i];
                if (c <= stopAbove) { // most text (letters, digits) is above and skips the tests
                    if (c == d || c == '\n' || c == '\r') {
                        break;
                    }
                } else if (c >= 0x80) {
                    extra += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
                }
            }
            int n = i - start;
            pos = i;
            if (reread != null) {
                reread.append(b, start, n);
            }
            recordBytes += n + extra;
            if (recordBytes > maxRecordBytes) {
                throw fail(startLine, ChangeReadException.limitExceeded(position, "record size", maxRecordBytes));
            }
            if (sb.length() + n > maxFieldLength) {
                throw fail(startLine, ChangeReadException.limitExceeded(position, "field length", maxFieldLength));
            }
            if (i < end && sb.length() == 0) {
                text = new String(b, start, n); // the whole field in the buffer: no copy through sb
                return;
            }
            sb.append(b, start, n);
            if (i < end) {
                return;
            }
        }
    }

    private void append(char c, Position position, long startLine) throws IOException {
        if (sb.length() >= maxFieldLength) {
            throw fail(startLine, ChangeReadException.limitExceeded(position, "field length", maxFieldLength));
        }
        sb.append(c);
    }

    // The UTF-8 length of the record so far; a surrogate pair counts 2 + 2 bytes.
    private void count(char c, Position position, long startLine) throws IOException {
        recordBytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        if (recordBytes > maxRecordBytes) {
            throw fail(startLine, ChangeReadException.limitExceeded(position, "record size", maxRecordBytes));
        }
    }

    /**
     * Moves to the start of the line after {@code startLine}: when the record ran over a line break,
     * the characters read after it are read again; otherwise the rest of the line is skipped.
     */
    private ChangeReadException fail(long startLine, ChangeReadException e) throws IOException {
        StringBuilder consumed = e.kind() == ChangeReadException.Kind.LIMIT_EXCEEDED ? null
                : new StringBuilder(spill).append(buf, recordStart, pos - recordStart);
        recordStart = -1;
        if (reread != null) {
            StringBuilder again = reread;
            reread = null;
            char[] combined = new char[again.length() + (len - pos)];
            again.getChars(0, again.length(), combined, 0);
            System.arraycopy(buf, pos, combined, again.length(), len - pos);
            buf = combined;
            pos = 0;
            len = combined.length;
            line = startLine + 1;
        } else {
            int c;
            while ((c = read()) >= 0) {
                if (c == '\n') {
                    line++;
                    break;
                }
                if (consumed != null) {
                    consumed.append((char) c);
                }
            }
        }
        if (consumed != null) {
            int end = consumed.indexOf("\n");
            end = end < 0 ? consumed.length() : end;
            failedLine = consumed.substring(0, end > 0 && consumed.charAt(end - 1) == '\r' ? end - 1 : end);
        }
        return e;
    }

    /** Closes the underlying reader. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
