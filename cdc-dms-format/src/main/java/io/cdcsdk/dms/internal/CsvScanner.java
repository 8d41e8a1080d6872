package io.cdcsdk.dms.internal;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 record scanner that keeps quoted-empty apart from unquoted-empty. Rows end with LF
 * or CRLF; quoted fields may hold delimiters, doubled quotes and line breaks. Memory is bounded by
 * the longest record.
 */
public final class CsvScanner implements Closeable {
    /**
     * One field.
     *
     * @param text   the field's text, unquoted
     * @param quoted whether it was quoted
     */
    public record Field(String text, boolean quoted) {
    }

    private final Reader in;
    private final char delimiter;
    private final String sourceName;
    private final int maxFieldLength;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private long record;
    private boolean started;

    /** A scanner over {@code in}; fields longer than {@code maxFieldLength} fail the record. */
    public CsvScanner(Reader in, char delimiter, String sourceName, int maxFieldLength) {
        this.in = in;
        this.delimiter = delimiter;
        this.sourceName = sourceName;
        this.maxFieldLength = maxFieldLength;
    }

    private int read() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        int c = read();
        if (c >= 0) {
            pos--;
        }
        return c;
    }

    /** The position of the record last returned or failed. */
    public Position lastPosition() {
        return lastPosition;
    }

    private Position lastPosition;

    /**
     * The next record's fields, or {@code null} at the end. Blank lines are skipped.
     *
     * @throws ChangeReadException MALFORMED for an unterminated quoted field or text after a closing
     *                             quote; the rest of that line has been consumed
     */
    public List<Field> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (true) {
            int c = peek();
            if (c < 0) {
                return null;
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
                    continue;
                }
                continue; // a lone CR between records is ignored
            }
            break;
        }
        long startLine = line;
        record++;
        Position position = new Position(sourceName, startLine, -1, record);
        lastPosition = position;
        List<Field> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean tooLong = false;
        while (true) {
            boolean endOfRecord = false;
            sb.setLength(0);
            int c = peek();
            boolean quoted = false;
            if (c == '"') {
                read();
                quoted = true;
                while (true) {
                    c = read();
                    if (c < 0) {
                        throw ChangeReadException.malformed(position,
                                "quoted field not closed before the end of the input (unbalanced quote)");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            append(sb, '"');
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        if (sb.length() < maxFieldLength) {
                            sb.append((char) c);
                        } else {
                            tooLong = true;
                        }
                    }
                }
                c = peek();
                if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    skipLine();
                    throw ChangeReadException.malformed(position,
                            "text after the closing quote of field " + (fields.size() + 1) + " (unbalanced quote)");
                }
            } else {
                while (true) {
                    c = peek();
                    if (c < 0 || c == delimiter || c == '\n') {
                        break;
                    }
                    if (c == '\r') {
                        read();
                        if (peek() == '\n') {
                            read();
                            endOfRecord = true;
                            break;
                        }
                        append(sb, '\r');
                        continue;
                    }
                    read();
                    if (sb.length() < maxFieldLength) {
                        sb.append((char) c);
                    } else {
                        tooLong = true;
                    }
                }
            }
            fields.add(new Field(sb.toString(), quoted));
            if (endOfRecord) {
                line++;
                break;
            }
            c = read();
            if (c == delimiter) {
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
        if (tooLong) {
            throw ChangeReadException.limitExceeded(position, "field length", maxFieldLength);
        }
        return fields;
    }

    private void append(StringBuilder sb, char c) {
        if (sb.length() < maxFieldLength) {
            sb.append(c);
        }
    }

    private void skipLine() throws IOException {
        int c;
        while ((c = read()) >= 0) {
            if (c == '\n') {
                line++;
                return;
            }
        }
    }

    /** Closes the underlying reader. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
