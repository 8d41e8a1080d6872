package io.cdcsdk.core.internal;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.DeadLetter;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.ReadContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads a dead-letter file ({@code dead-letter}, the form of {@link DeadLetter}) as the failed
 * events again: a letter with an event gives that event, its meta gaining {@link DeadLetter#META};
 * a letter with the record's bytes reads them again through the letter's format, as a record of
 * the letter's origin, and fails again at that origin, as a decode failure with those bytes, when
 * they still cannot be read (or give no event). A letter with neither fails as such.
 */
public final class DeadLetterAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "dead-letter";
    private static final Pattern FIRST = Pattern.compile("^\\s*\\{\\s*\"deadLetter\"\\s*:\\s*\\d");
    private static final Pattern ANY = Pattern.compile("\"deadLetter\"\\s*:\\s*\\d+\\s*,\\s*\"stage\"\\s*:");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection detect(Head head) {
        String text = head.text();
        if (FIRST.matcher(text).find()) {
            return Detection.CERTAIN;
        }
        return ANY.matcher(text).find() ? Detection.CONTENT : Detection.NO;
    }

    @Override
    public ChangeReader open(InputStream in, ReadContext context) {
        return new Reader(in, context);
    }

    private static final class Reader extends AbstractChangeReader {
        private final JsonFrameReader frames;
        private DeadLetter letter;
        private Position letterPosition;
        // The events of a letter's record, read again through its format; null when none is open.
        private ChangeReader again;
        private boolean gaveEvent;

        Reader(InputStream in, ReadContext context) {
            this(new JsonFrameReader(in, context.sourceName(), context.options().limits()), context);
        }

        private Reader(JsonFrameReader frames, ReadContext context) {
            super(context, frames);
            this.frames = frames;
        }

        @Override
        protected Bytes failedRecordBytes() {
            return frames.lastRecordBytes();
        }

        @Override
        protected ChangeEvent readNext() throws IOException {
            while (true) {
                if (again != null) {
                    ChangeEvent event = nextAgain();
                    if (event != null) {
                        return event;
                    }
                    continue;
                }
                JsonFrame frame = frames.next();
                if (frame == null) {
                    return null;
                }
                letterPosition = frame.position();
                markPosition(letterPosition);
                letter = DeadLetterForm.read(frame, context.options().limits());
                if (letter.event() != null) {
                    return redriven(letter.event().toBuilder());
                }
                if (letter.raw() == null) {
                    throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, letterPosition,
                            "the dead letter holds neither an event nor the record's bytes, so it cannot be read again");
                }
                openAgain();
            }
        }

        private void openAgain() {
            ReadOptions options = context.options().failOnError();
            try {
                if (letter.format() == null) {
                    throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, letter.origin(),
                            "the dead letter names no format to read its record with");
                }
                again = FormatRegistry.discover().open(new ByteArrayInputStream(letter.raw().toByteArray()),
                        letter.origin().sourceName(), letter.format(), options);
                gaveEvent = false;
            } catch (IOException | CdcException e) {
                throw failedAgain(e);
            }
        }

        /** The next event of the record read again, null when it has no more. */
        private ChangeEvent nextAgain() {
            try {
                if (again.hasNext()) {
                    gaveEvent = true;
                    markPosition(letterPosition);
                    return redriven(again.next().toBuilder()
                            .meta(ChangeEvent.META_FILE, letter.origin().sourceName())
                            .meta(ChangeEvent.META_LINE, number(letter.origin().line()))
                            .meta(ChangeEvent.META_RECORD, number(letter.origin().record())));
                }
            } catch (CdcException e) {
                throw failedAgain(e);
            }
            again.close();
            again = null;
            if (!gaveEvent) {
                throw failedAgain(new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, letter.origin(),
                        "the record gave no event when read again"));
            }
            return null;
        }

        private static BigDecimal number(long n) {
            return n > 0 ? BigDecimal.valueOf(n) : null;
        }

        /**
         * The record still cannot be read: a decode failure at the record's origin that keeps its
         * bytes and format, so that it becomes a letter again.
         */
        private ChangeReadException failedAgain(Exception cause) {
            if (again != null) {
                again.close();
                again = null;
            }
            ChangeReadException e = cause instanceof ChangeReadException c
                    ? new ChangeReadException(c.kind(), letter.origin(), c.detail() + " (read again from dead letter "
                            + letterPosition.describe() + ")")
                    : new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, letter.origin(),
                            "the record cannot be read again (" + cause.getClass().getSimpleName() + ") from dead letter "
                                    + letterPosition.describe());
            RawRecords.attach(e, letter.raw(), letter.format());
            return e;
        }

        private ChangeEvent redriven(ChangeEvent.Builder event) {
            return event.meta(DeadLetter.META, DeadLetterForm.metaOf(letter)).build();
        }

        @Override
        public void close() {
            if (again != null) {
                again.close();
                again = null;
            }
            super.close();
        }
    }
}
