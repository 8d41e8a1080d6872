package io.cdcsdk.core.spi;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.OnError;
import io.cdcsdk.core.Position;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * The base of a pull reader: a subclass reads one event at a time in {@link #readNext()}, and this
 * class applies the error policy, adds the origin to each event's meta, and closes the input.
 *
 * <p>Contract for {@link #readNext()}: return the next event, or {@code null} at the end. For a
 * bad record, consume it first, then throw {@link ChangeReadException}; under {@link OnError#SKIP}
 * the record goes to the skip listener and {@code readNext()} is called again. An exception that
 * {@linkplain ChangeReadException#isInputBroken() breaks the input}, an {@link IOException} or any
 * other runtime exception ends the reader (reported to the listener under SKIP, thrown under FAIL),
 * so a reader can never loop on one error. The cause of such an error keeps the class and stack
 * trace of what was thrown, not its message, which can quote the input.
 */
public abstract class AbstractChangeReader implements ChangeReader {
    protected final ReadContext context;
    private final Closeable input;
    private ChangeEvent next;
    private boolean done;
    private Position position;
    private Position nextPosition;
    private Position returnedPosition;

    /**
     * @param context the read context
     * @param input   what {@link #close()} closes (the stream or parser); may be null
     */
    protected AbstractChangeReader(ReadContext context, Closeable input) {
        this.context = context;
        this.input = input;
        this.position = Position.of(context.sourceName());
        this.returnedPosition = position;
    }

    /**
     * Reads the next event, or returns {@code null} at the end of the input. Call
     * {@link #markPosition(Position)} with the record's position before returning or throwing.
     */
    protected abstract ChangeEvent readNext() throws IOException;

    /** Records where the current record is; used for the event's origin and for errors. */
    protected final void markPosition(Position position) {
        this.position = position;
    }

    /** The position last marked, for error messages of subclasses. */
    protected final Position currentPosition() {
        return position;
    }

    @Override
    public final boolean hasNext() {
        while (next == null && !done) {
            try {
                ChangeEvent event = readNext();
                if (event == null) {
                    finish();
                } else {
                    next = withOrigin(event);
                    nextPosition = position;
                }
            } catch (ChangeReadException e) {
                fail(e, e.isInputBroken());
            } catch (IOException | UncheckedIOException e) {
                // The causes keep their class and stack trace, not their messages, which can quote the input.
                fail(ChangeReadException.inputBroken(ChangeReadException.Kind.IO, position,
                        "cannot read input (" + e.getClass().getSimpleName() + ")", Withheld.of(e)), true);
            } catch (RuntimeException | StackOverflowError e) {
                fail(ChangeReadException.inputBroken(ChangeReadException.Kind.MALFORMED, position,
                        "unreadable record (" + e.getClass().getSimpleName() + ")", Withheld.of(e)), true);
            }
        }
        return next != null;
    }

    private void fail(ChangeReadException e, boolean fatal) {
        if (context.options().onError() == OnError.SKIP) {
            context.options().skipListener().accept(e);
            if (fatal) {
                finish();
            }
            return;
        }
        finish();
        throw e;
    }

    private ChangeEvent withOrigin(ChangeEvent event) {
        if (event.meta().containsKey(ChangeEvent.META_FILE)) {
            return event;
        }
        ChangeEvent.Builder b = event.toBuilder();
        ReadContext.stampOrigin(b, position);
        return b.build();
    }

    @Override
    public final ChangeEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events in " + context.sourceName());
        }
        ChangeEvent e = next;
        next = null;
        returnedPosition = nextPosition;
        return e;
    }

    /** Where the event last returned by {@link #next()} came from, even after {@link #hasNext()} read ahead. */
    @Override
    public final Position position() {
        return returnedPosition;
    }

    private void finish() {
        done = true;
        close();
    }

    @Override
    public void close() {
        done = true;
        next = null;
        if (input != null) {
            try {
                input.close();
            } catch (IOException ignored) {
                // nothing more to read; a failing close loses no event
            }
        }
    }
}
