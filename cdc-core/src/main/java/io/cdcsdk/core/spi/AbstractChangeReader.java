package io.cdcsdk.core.spi;

import io.cdcsdk.core.internal.Origins;
import io.cdcsdk.core.internal.RawRecords;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.OnError;
import io.cdcsdk.core.Position;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * The base of a pull reader: a subclass reads one event at a time in {@link #readNext()}, and this
 * class applies the error policy, adds the origin to each event's meta, and closes the input.
 * Not thread-safe, as no {@link ChangeReader} is.
 *
 * <pre>{@code
 * final class LineReader extends AbstractChangeReader {
 *     private final BufferedReader lines;
 *     private long line;
 *
 *     LineReader(BufferedReader lines, ReadContext context) {
 *         super(context, lines);
 *         this.lines = lines;
 *     }
 *
 *     protected ChangeEvent readNext() throws IOException {
 *         String text = lines.readLine();
 *         if (text == null) {
 *             return null;
 *         }
 *         markPosition(context.position(++line, -1, line));
 *         return parse(text, currentPosition());   // throws ChangeReadException for a bad line
 *     }
 * }
 * }</pre>
 *
 * <p>Contract for {@link #readNext()}: return the next event, or {@code null} at the end. For a
 * bad record, consume it first, then throw {@link ChangeReadException}; under {@link OnError#SKIP}
 * the record goes to the skip listener and {@code readNext()} is called again. An exception that
 * {@linkplain ChangeReadException#isInputBroken() breaks the input}, an {@link IOException} or any
 * other runtime exception ends the reader (reported to the listener under SKIP, thrown under FAIL),
 * so a reader can never loop on one error. The cause of such an error keeps the class and stack
 * trace of what was thrown, not its message, which can quote the input.
 *
 * <p>Each {@link ChangeReadException} gets the name of the format the input is read with
 * ({@link ReadContext#format()}), and one for a single bad record also that record's bytes from
 * {@link #failedRecordBytes()}, so that it can be kept as a dead letter and read again.
 */
public abstract class AbstractChangeReader implements ChangeReader {
    /** The context the reader was opened with: source name, path and options. */
    protected final ReadContext context;
    private final Closeable input;
    private ChangeEvent next;
    private boolean done;
    private Position position;
    private Position nextPosition;
    private Position returnedPosition;

    /**
     * A reader positioned before its first event; until {@link #markPosition(Position)} is called,
     * its position knows only the source name.
     *
     * @param context the read context; not {@code null}
     * @param input   what {@link #close()} closes (the stream or parser), at the end of the input,
     *                after an error that ends the reader, or when the caller closes it; may be
     *                {@code null}
     */
    protected AbstractChangeReader(ReadContext context, Closeable input) {
        this.context = context;
        this.input = input;
        this.position = Position.of(context.sourceName());
        this.returnedPosition = position;
    }

    /**
     * Reads the next event. Call {@link #markPosition(Position)} with the record's position before
     * returning or throwing. Called again after a {@link ChangeReadException} under
     * {@link OnError#SKIP}, never again after the end, an input-breaking error or {@link #close()}.
     *
     * @return the next event, or {@code null} at the end of the input. The origin entries
     *         ({@link ChangeEvent#META_FILE} and the others) are added unless the event has a
     *         {@code file} entry already
     * @throws ChangeReadException for a bad record, after consuming it, so that the next call reads
     *                             the record after it; or one that
     *                             {@linkplain ChangeReadException#isInputBroken() breaks the input}
     *                             when nothing more can be read
     * @throws IOException         when reading the input fails; it ends the reader as an
     *                             {@link ChangeReadException.Kind#IO} error at the marked position
     */
    protected abstract ChangeEvent readNext() throws IOException;

    /**
     * Records where the current record is: the event's origin, the position of an error
     * {@link #readNext()} throws, and what {@link #position()} gives once the event is returned.
     *
     * @param position the record's position, usually from {@link ReadContext#position(long, long, long)}
     */
    protected final void markPosition(Position position) {
        this.position = position;
    }

    /**
     * {@return the position last marked} Before the first mark, a position that knows only the
     * source name. For the errors a subclass throws.
     */
    protected final Position currentPosition() {
        return position;
    }

    /**
     * The bytes of the record that {@link #readNext()} just failed on, as they were read, for
     * {@link ChangeReadException#rawRecord()}. Called after each {@link ChangeReadException} that
     * leaves the input readable, before {@code readNext()} is called again. The default gives
     * none; a reader that can give a record's bytes (a line, a JSON value) overrides it, and one
     * that cannot give all of them (a record over the size limit) returns {@code null}.
     *
     * @return the record's bytes, at most {@link io.cdcsdk.core.Limits#maxRecordBytes()}, or
     *         {@code null}
     */
    protected @Nullable Bytes failedRecordBytes() {
        return null;
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
                RawRecords.attach(e, e.isInputBroken() ? null : failedRecordBytes(), context.format().orElse(null));
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
        Origins.stampOrigin(b, position);
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
