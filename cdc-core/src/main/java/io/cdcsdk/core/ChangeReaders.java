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

    /** Opens a file, detecting its format; gzip is recognized by its magic bytes. */
    public static ChangeReader open(Path file) throws IOException {
        return FormatRegistry.discover().open(file, null, ReadOptions.defaults());
    }

    /** Opens a file with the given options, detecting its format. */
    public static ChangeReader open(Path file, ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(file, null, options);
    }

    /** Opens a file with the named format. */
    public static ChangeReader open(Path file, String format, ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(file, format, options);
    }

    /**
     * Opens a stream; {@code sourceName} (file name or object key) is used for detection and
     * positions. The reader closes the stream.
     */
    public static ChangeReader open(InputStream in, String sourceName) throws IOException {
        return FormatRegistry.discover().open(in, sourceName, null, ReadOptions.defaults());
    }

    /** Opens a stream with the named format (or detection when {@code format} is null) and options. */
    public static ChangeReader open(InputStream in, String sourceName, @Nullable String format,
                                    ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(in, sourceName, format, options);
    }
}
