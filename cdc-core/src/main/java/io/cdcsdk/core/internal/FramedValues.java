package io.cdcsdk.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import java.io.IOException;

/** Reads one JSON value held in memory, reporting what is wrong with it at its position. */
public final class FramedValues {
    private FramedValues() {
    }

    /** Reads one whole value: {@code parser.nextToken()} gives its first token. */
    @FunctionalInterface
    public interface ValueReader<T> {
        /** The value; throws ChangeReadException for one that is not what the caller wants. */
        T read(JsonParser parser, Position position) throws IOException;
    }

    /**
     * What {@code reader} reads from the frame's bytes, which must hold that one value and nothing
     * after it, parsed with the {@link JsonParsing#factory} of {@code limits}.
     *
     * @throws ChangeReadException what the reader throws; for malformed JSON or a limit,
     *                             MALFORMED or LIMIT_EXCEEDED at the frame's position, with the line
     *                             and column inside the value, never its text
     */
    public static <T> T read(JsonFrame frame, Limits limits, ValueReader<T> reader) {
        try (JsonParser p = JsonParsing.factory(limits).createParser(frame.data(), 0, frame.length())) {
            T value;
            try {
                value = reader.read(p, frame.position());
            } catch (ChangeReadException e) {
                // Content after a value that was read to its end is a syntax error, which a parse
                // reports before anything the value holds.
                if (readOneValue(p)) {
                    expectEnd(p, frame);
                }
                throw e;
            }
            if (value == null || !readOneValue(p)) {
                throw new IllegalStateException("the reader did not read one whole value");
            }
            expectEnd(p, frame);
            return value;
        } catch (IOException | NumberFormatException e) {
            throw JsonParsing.failure(e, frame.position());
        }
    }

    // A reader that reads a tree leaves no current token: the parser's place tells.
    private static boolean readOneValue(JsonParser p) {
        return p.getParsingContext().inRoot() && p.getParsingContext().getEntryCount() > 0;
    }

    private static void expectEnd(JsonParser p, JsonFrame frame) throws IOException {
        if (p.nextToken() != null) {
            throw ChangeReadException.malformed(frame.position(), JsonParsing.TRAILING);
        }
    }
}
