package io.cdcsdk.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.spi.JsonChangeReader;
import io.cdcsdk.core.spi.JsonFrame;
import io.cdcsdk.core.spi.JsonSupport;
import java.io.IOException;

/** Converts one JSON value held in memory, reporting what is wrong with it at its position. */
public final class FramedValues {
    private FramedValues() {
    }

    /**
     * The event {@code converter} reads from the frame's bytes, which must hold that one value and
     * nothing after it.
     *
     * @throws ChangeReadException what the converter throws; for malformed JSON or a limit,
     *                             MALFORMED or LIMIT_EXCEEDED at the frame's position, with the line
     *                             and column inside the value, never its text
     */
    public static ChangeEvent convert(JsonFrame frame, Limits limits, JsonChangeReader.Converter converter) {
        try (JsonParser p = JsonSupport.mapper(limits).createParser(frame.data(), 0, frame.length())) {
            ChangeEvent event;
            try {
                event = converter.convert(p, frame.position());
            } catch (ChangeReadException e) {
                // Content after a value that was read to its end is a syntax error, which a parse
                // reports before anything the value holds.
                if (p.currentToken() != null && p.getParsingContext().inRoot()) {
                    expectEnd(p, frame);
                }
                throw e;
            }
            if (event == null || p.currentToken() == null || !p.getParsingContext().inRoot()) {
                throw new IllegalStateException("the converter did not read one whole value into an event");
            }
            expectEnd(p, frame);
            return event;
        } catch (JsonProcessingException e) {
            throw JsonSupport.translate(e, frame.position());
        } catch (IOException e) {
            // The frame is in memory: a failure is the record's, not the input's. The cause is left
            // out because its message can quote the input.
            throw ChangeReadException.malformed(frame.position(),
                    "cannot read JSON value (" + e.getClass().getSimpleName() + ")");
        } catch (NumberFormatException e) {
            // How Jackson reports a number BigDecimal cannot hold (exponent beyond int range), when a
            // converter reads a tree; the message quotes the digits.
            throw ChangeReadException.malformed(frame.position(), "number out of the range of an exact decimal");
        }
    }

    private static void expectEnd(JsonParser p, JsonFrame frame) throws IOException {
        if (p.nextToken() != null) {
            throw ChangeReadException.malformed(frame.position(), "unexpected content after the JSON value");
        }
    }
}
