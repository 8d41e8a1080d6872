package io.cdcsdk.core.spi;

import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.JsonFrameReader;
import io.cdcsdk.core.internal.JsonParsing;
import com.fasterxml.jackson.core.JsonParser;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.internal.FramedValues;
import java.io.IOException;
import java.io.InputStream;

/**
 * A reader for formats with one change per top-level JSON value: framing, parsing with limits,
 * positions and the error policy are done here, and the adapter only converts a value, reading it
 * from parser tokens.
 *
 * <pre>{@code
 * public ChangeReader open(InputStream in, ReadContext context) {
 *     return JsonChangeReader.of(in, context, (parser, position) -> toEvent(parser.readValueAsTree(), position));
 * }
 * }</pre>
 *
 * <p>The input may be NDJSON, values concatenated with no separator, pretty-printed values (tabs,
 * CRLF), with blank lines and a byte-order mark, or one top-level array whose elements are the
 * values. Each top-level value must be an object or an array; anything else is a
 * {@link io.cdcsdk.core.ChangeReadException.Kind#MALFORMED} record. A value that is not closed when a new line
 * starts with <code>{</code> where no nested value can start is taken as truncated, so a broken line
 * of NDJSON does not swallow the records after it. Memory is bounded by
 * {@link io.cdcsdk.core.Limits#maxRecordBytes()}, not by the input.
 *
 * <p>Each value is converted straight from the read buffer; a value the converter fails on, or one
 * that does not fit in the buffer, is framed first and converted again from its own bytes, so the
 * failure the converter gives there is the one reported, at the value's position. A converter may
 * therefore see one value more than once, and should do nothing but return its event.
 */
public final class JsonChangeReader extends AbstractChangeReader {

    /**
     * Converts one top-level value, read from parser tokens, into an event. A lambda usually; it
     * must be safe to call again for the same value (it may be), and is called by one thread at a
     * time.
     */
    @FunctionalInterface
    public interface Converter {
        /**
         * Reads one whole value: {@code parser.nextToken()} gives its first token, and the
         * converter reads up to and including its last ({@link JsonSupport#readRow(JsonParser)},
         * {@link JsonSupport#readValue(JsonParser)} and {@code parser.readValueAsTree()} all do).
         *
         * @param parser   a parser over the value that enforces the reader's
         *                 {@link io.cdcsdk.core.Limits} (sizes, nesting depth, repeated names) and
         *                 reads numbers as exact {@link java.math.BigDecimal}s, in trees too; do not
         *                 close it
         * @param position where the value starts: line, byte offset and ordinal in the source
         * @return the event; never {@code null}. The reader adds the origin entries to its meta
         *         unless it has a {@link ChangeEvent#META_FILE} entry
         * @throws io.cdcsdk.core.ChangeReadException when the value is not a valid record: made
         *         with this {@code position}, without row values in its message. Under
         *         {@link io.cdcsdk.core.OnError#SKIP} the reader goes on with the next value
         * @throws IOException from the parser (malformed JSON, a limit): reported as
         *         {@link io.cdcsdk.core.ChangeReadException.Kind#MALFORMED} or
         *         {@link io.cdcsdk.core.ChangeReadException.Kind#LIMIT_EXCEEDED} at the value, with
         *         the line and column inside it, never its text
         */
        ChangeEvent convert(JsonParser parser, Position position) throws IOException;
    }

    private final JsonFrameReader frames;
    private final Converter converter;
    private final JsonFrameReader.DirectReader<ChangeEvent> direct;

    private JsonChangeReader(JsonFrameReader frames, ReadContext context, Converter converter) {
        super(context, frames);
        this.frames = frames;
        this.converter = converter;
        this.direct = converter::convert;
    }

    /**
     * {@return a reader over {@code in} that converts each top-level value with {@code converter}}
     * Nothing is read until the reader's first {@code hasNext()}.
     *
     * @param in        the input, decompressed; the reader closes it
     * @param context   the source name and the options whose limits and error policy apply
     * @param converter turns one value into an event
     */
    public static ChangeReader of(InputStream in, ReadContext context, Converter converter) {
        JsonFrameReader frames = new JsonFrameReader(in, context.sourceName(), context.options().limits());
        return new JsonChangeReader(frames, context, converter);
    }

    /** {@return the bytes of the value that failed, as framed; {@code null} for one over the size limit} */
    @Override
    protected Bytes failedRecordBytes() {
        return frames.lastRecordBytes();
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        ChangeEvent event = frames.nextDirect(direct);
        if (event != null) {
            markPosition(frames.lastPosition());
            return event;
        }
        JsonFrame frame = frames.next();
        if (frame == null) {
            return null;
        }
        markPosition(frame.position());
        return FramedValues.read(frame, context.options().limits(), converter::convert);
    }
}
