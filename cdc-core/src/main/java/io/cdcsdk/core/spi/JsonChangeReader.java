package io.cdcsdk.core.spi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Position;
import java.io.IOException;
import java.io.InputStream;

/**
 * A reader for formats with one change per top-level JSON value: the frame reader, parsing with
 * limits, positions and the error policy are done here, and the adapter only converts a value.
 *
 * <pre>{@code
 * public ChangeReader open(InputStream in, ReadContext context) {
 *     return JsonChangeReader.of(in, context, (value, position) -> toEvent(value, position));
 * }
 * }</pre>
 */
public final class JsonChangeReader extends AbstractChangeReader {

    /** Converts one parsed top-level value into an event, or throws ChangeReadException. */
    @FunctionalInterface
    public interface Converter {
        /**
         * @param value    the parsed value (exact numbers)
         * @param position where the value starts
         * @return the event; never null
         * @throws io.cdcsdk.core.ChangeReadException when the value is not a valid record
         */
        ChangeEvent convert(JsonNode value, Position position);
    }

    private final JsonFrameReader frames;
    private final Converter converter;
    private final JsonFrameReader.DirectReader<ChangeEvent> direct;

    private JsonChangeReader(JsonFrameReader frames, ReadContext context, Converter converter,
                             JsonFrameReader.DirectReader<ChangeEvent> direct) {
        super(context, frames);
        this.frames = frames;
        this.converter = converter;
        this.direct = direct;
    }

    /** A reader over {@code in} that converts each top-level value with {@code converter}. */
    public static ChangeReader of(InputStream in, ReadContext context, Converter converter) {
        return of(in, context, converter, null);
    }

    /**
     * A reader that reads most values with {@code direct}, straight from parser tokens, and the
     * others with {@code converter}: a value that {@code direct} declines (returns {@code null}) or
     * fails on is parsed into a tree and converted, so {@code converter} decides what is an error
     * and how it is reported. {@code direct} must give the event {@code converter} gives for every
     * value it accepts.
     *
     * @param direct reads one value; see {@link JsonFrameReader#nextDirect}; null for none
     */
    public static ChangeReader of(InputStream in, ReadContext context, Converter converter,
                                  JsonFrameReader.DirectReader<ChangeEvent> direct) {
        JsonFrameReader frames = new JsonFrameReader(in, context.sourceName(), context.options().limits());
        return new JsonChangeReader(frames, context, converter, direct);
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        if (direct != null) {
            ChangeEvent event = frames.nextDirect(direct);
            if (event != null) {
                markPosition(frames.lastPosition());
                return event;
            }
        } else {
            JsonNode value = frames.nextDirect(JsonChangeReader::readTree);
            if (value != null) {
                Position position = frames.lastPosition();
                markPosition(position);
                return converter.convert(value, position);
            }
        }
        JsonFrame frame = frames.next();
        if (frame == null) {
            return null;
        }
        markPosition(frame.position());
        return converter.convert(JsonSupport.parse(frame, context.options().limits()), frame.position());
    }

    private static JsonNode readTree(JsonParser parser, Position position) throws IOException {
        return parser.nextToken() == null ? null : parser.readValueAsTree();
    }
}
