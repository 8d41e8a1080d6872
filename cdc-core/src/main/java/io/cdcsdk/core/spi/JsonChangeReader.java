package io.cdcsdk.core.spi;

import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.JsonFrameReader;
import io.cdcsdk.core.internal.JsonParsing;
import com.fasterxml.jackson.core.JsonParser;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.internal.FramedValues;
import java.io.IOException;
import java.io.InputStream;

/**
 * A reader for formats with one change per top-level JSON value: the frame reader, parsing with
 * limits, positions and the error policy are done here, and the adapter only converts a value,
 * reading it from parser tokens.
 *
 * <pre>{@code
 * public ChangeReader open(InputStream in, ReadContext context) {
 *     return JsonChangeReader.of(in, context, (parser, position) -> toEvent(parser.readValueAsTree(), position));
 * }
 * }</pre>
 *
 * <p>Each value is converted straight from the read buffer; a value the converter fails on, or one
 * that does not fit in the buffer, is framed first and converted again from its own bytes, so the
 * failure the converter gives there is the one reported, at the value's position.
 */
public final class JsonChangeReader extends AbstractChangeReader {

    /** Converts one top-level value, read from parser tokens, into an event. */
    @FunctionalInterface
    public interface Converter {
        /**
         * Reads one whole value: {@code parser.nextToken()} gives its first token, and the
         * converter reads up to and including its last.
         *
         * @param parser   a parser made by {@link JsonSupport#mapper} for the reader's limits
         * @param position where the value starts
         * @return the event; never null
         * @throws io.cdcsdk.core.ChangeReadException when the value is not a valid record
         * @throws IOException                        from the parser (malformed JSON, a limit): reported
         *                                            as MALFORMED or LIMIT_EXCEEDED at the value
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

    /** A reader over {@code in} that converts each top-level value with {@code converter}. */
    public static ChangeReader of(InputStream in, ReadContext context, Converter converter) {
        JsonFrameReader frames = new JsonFrameReader(in, context.sourceName(), context.options().limits());
        return new JsonChangeReader(frames, context, converter);
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
