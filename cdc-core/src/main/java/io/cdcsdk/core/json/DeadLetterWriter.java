package io.cdcsdk.core.json;

import io.cdcsdk.core.ChangeReadException;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes dead letters as NDJSON, one line per letter, flushed after each: what has been written is
 * in the file or stream even if the process dies right after. Thread-safe (letters of parallel
 * routing do not interleave), so it can be the router's dead-letter handler:
 *
 * <pre>{@code
 * try (DeadLetterWriter letters = DeadLetterWriter.appendingTo(Path.of("failed.ndjson"))) {
 *     Router router = Router.builder()
 *         ...
 *         .deadLetter(failed -> letters.write(failed.toDeadLetter()))
 *         .build();
 *     ReadOptions options = ReadOptions.defaults().skipOnError(letters.decodeFailures());
 *     router.route(ChangeReaders.open(input, options));
 * }
 * }</pre>
 *
 * <p>Reading the file back ({@code ChangeReaders.open(path)}, format {@code dead-letter}, detected
 * from its content) gives the failed events again.
 */
public final class DeadLetterWriter implements Closeable {
    private final OutputStream out;

    private DeadLetterWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * {@return a writer that appends to {@code file}, creating it when it does not exist}
     *
     * @param file the dead-letter file
     * @throws IOException when the file cannot be opened for appending
     */
    public static DeadLetterWriter appendingTo(Path file) throws IOException {
        return new DeadLetterWriter(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)));
    }

    /**
     * {@return a writer to a stream} {@link #close()} closes the stream.
     *
     * @param out where letters go, as UTF-8 lines
     */
    public static DeadLetterWriter to(OutputStream out) {
        return new DeadLetterWriter(new BufferedOutputStream(Objects.requireNonNull(out, "out")));
    }

    /**
     * Writes one letter as a line of JSON and flushes it.
     *
     * @param letter the letter
     * @throws IOException when writing or flushing fails
     */
    public synchronized void write(DeadLetter letter) throws IOException {
        out.write(letter.toJson().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
    }

    /**
     * {@return a skip listener that writes each record a reader could not read as a
     * {@link DeadLetter.Stage#DECODE} letter} with its bytes and format
     * ({@link DeadLetter#ofDecodeFailure}), for {@link io.cdcsdk.core.ReadOptions#skipOnError}: under
     * {@link io.cdcsdk.core.OnError#SKIP} a router never sees such records, and the reader goes on
     * after them. When a letter cannot be written, the listener throws
     * {@link java.io.UncheckedIOException}, which ends the reading: no bad record is dropped
     * silently.
     */
    public Consumer<ChangeReadException> decodeFailures() {
        return e -> {
            try {
                write(DeadLetter.ofDecodeFailure(e));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        };
    }

    /** Closes the file or stream. */
    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
