package io.cdcsdk.core;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Events of one input, pulled one at a time. Reading is lazy: memory does not grow with the size
 * of the input. {@link #hasNext()} and {@link #next()} throw {@link ChangeReadException} for a bad
 * record under {@link OnError#FAIL}; the reader then ends. Close it (try-with-resources) to close
 * the input.
 */
public interface ChangeReader extends Iterator<ChangeEvent>, AutoCloseable {

    /**
     * {@return where the last event returned by {@link #next()} came from} Before the first
     * {@code next()}, a position that knows only the source name; a {@link #hasNext()} that reads
     * ahead does not move it.
     */
    Position position();

    /** Closes the input. Does not throw checked exceptions. */
    @Override
    void close();

    /**
     * {@return the remaining events as a sequential, ordered stream} Closing the stream closes the
     * reader. A bad record throws {@link ChangeReadException} from the stream's terminal operation
     * under {@link OnError#FAIL}, as {@link #hasNext()} does.
     */
    default Stream<ChangeEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }
}
