package io.cdcsdk.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Opening inputs with the adapters on the class path ({@link FormatRegistry#discover()}).
 *
 * <pre>{@code
 * try (ChangeReader reader = ChangeReaders.open(Path.of("orders/20240612-103125108.csv"))) {
 *     while (reader.hasNext()) {
 *         ChangeEvent event = reader.next();
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class ChangeReaders {
    private ChangeReaders() {
    }

    /**
     * Opens a file, detecting its format, with {@link ReadOptions#defaults()}; gzip is recognized
     * by its magic bytes. Bad input does not fail here but in the reader, as described at
     * {@link FormatRegistry#open(Path, String, ReadOptions)}.
     *
     * @param file the file; its name is the events' source name
     * @return a reader positioned before the first event; close it
     * @throws IOException            when the file cannot be opened or its first bytes cannot be read
     * @throws UnknownFormatException when no adapter recognizes the input
     */
    public static ChangeReader open(Path file) throws IOException {
        return FormatRegistry.discover().open(file, null, ReadOptions.defaults());
    }

    /**
     * Opens a file with the given options, detecting its format.
     *
     * @param file    the file; its name is the events' source name
     * @param options the error policy, limits and adapter settings
     * @return a reader positioned before the first event; close it
     * @throws IOException            when the file cannot be opened or its first bytes cannot be read
     * @throws UnknownFormatException when no adapter recognizes the input
     */
    public static ChangeReader open(Path file, ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(file, null, options);
    }

    /**
     * Opens a file with the named format, without detection.
     *
     * @param file    the file; its name is the events' source name
     * @param format  an adapter name, for example {@code dms-csv}
     * @param options the error policy, limits and adapter settings
     * @return a reader positioned before the first event; close it
     * @throws IOException            when the file cannot be opened or its first bytes cannot be read
     * @throws UnknownFormatException when no adapter has that name
     */
    public static ChangeReader open(Path file, String format, ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(file, format, options);
    }

    /**
     * Opens a stream, detecting its format, with {@link ReadOptions#defaults()}. The reader closes
     * the stream; so does this method when it throws.
     *
     * @param in         the input, read once from its current position
     * @param sourceName a file name or object key, used for detection, positions and, by some
     *                   formats, schema and table
     * @return a reader positioned before the first event; close it
     * @throws IOException            when the first bytes cannot be read
     * @throws UnknownFormatException when no adapter recognizes the input
     */
    public static ChangeReader open(InputStream in, String sourceName) throws IOException {
        return FormatRegistry.discover().open(in, sourceName, null, ReadOptions.defaults());
    }

    /**
     * Opens a stream with the named format, or detects it when {@code format} is {@code null}. The
     * reader closes the stream; so does this method when it throws.
     *
     * @param in         the input, read once from its current position
     * @param sourceName a file name or object key, used for detection, positions and, by some
     *                   formats, schema and table
     * @param format     an adapter name, for example {@code dynamodb-stream}, or {@code null}
     * @param options    the error policy, limits and adapter settings
     * @return a reader positioned before the first event; close it
     * @throws IOException            when the first bytes cannot be read
     * @throws UnknownFormatException when no adapter has that name, or none recognizes the input
     */
    public static ChangeReader open(InputStream in, String sourceName, @Nullable String format,
                                    ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(in, sourceName, format, options);
    }
}
