package io.cdcsdk.core.spi;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What an adapter gets with the input it opens: the source name (for positions and for formats
 * that take schema and table from an object key), the local path when there is one, and the
 * options. Immutable. A reader built on {@link AbstractChangeReader} adds the origin of each event
 * ({@code file}, {@code line}, {@code record}) to its {@link ChangeEvent#meta()} from the
 * positions it marks.
 */
public final class ReadContext {
    private final String sourceName;
    private final Path path;
    private final ReadOptions options;
    private final String format;

    /**
     * A context for an input read from a local file, or from a stream when {@code path} is
     * {@code null}.
     *
     * @param sourceName the name the input is opened with (path or object key); not {@code null}
     * @param path       the local file being read, or {@code null}
     * @param options    the read options; not {@code null}
     */
    public ReadContext(String sourceName, Path path, ReadOptions options) {
        this(sourceName, path, options, null);
    }

    private ReadContext(String sourceName, Path path, ReadOptions options, String format) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.path = path;
        this.options = Objects.requireNonNull(options, "options");
        this.format = format;
    }

    /**
     * {@return a copy that names the format adapter the input is read with} A
     * {@link io.cdcsdk.core.FormatRegistry} gives adapters such a context; a reader built on
     * {@link AbstractChangeReader} puts the name on its errors
     * ({@link io.cdcsdk.core.ChangeReadException#format()}), so that a bad record kept as a dead
     * letter can be read again through the same format.
     *
     * @param format the adapter's name; not {@code null}
     */
    public ReadContext withFormat(String format) {
        return new ReadContext(sourceName, path, options, Objects.requireNonNull(format, "format"));
    }

    /**
     * {@return a context for a stream that is not a local file}
     *
     * @param sourceName the name the input is opened with (a file name or object key); not
     *                   {@code null}
     * @param options    the read options; not {@code null}
     */
    public static ReadContext of(String sourceName, ReadOptions options) {
        return new ReadContext(sourceName, null, options);
    }

    /**
     * {@return the name the input was opened with} It names the input in every
     * {@link Position}, and some formats take schema and table from it (a DMS S3 object key).
     */
    public String sourceName() {
        return sourceName;
    }

    /** {@return the local file being read, or empty when the input is a stream} */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** {@return the name of the format adapter the input is read with, when the context names it} */
    public Optional<String> format() {
        return Optional.ofNullable(format);
    }

    /**
     * {@return the read options} The error policy and the limits, which {@link AbstractChangeReader}
     * and {@link JsonChangeReader} apply, and the adapter's own settings
     * ({@link ReadOptions#extension(Class)}).
     */
    public ReadOptions options() {
        return options;
    }

    /**
     * {@return a position in this source}
     *
     * @param line       the 1-based line the record starts on, or -1
     * @param byteOffset the 0-based offset of the record's first byte in the decompressed input, or -1
     * @param record     the 1-based ordinal of the record in the input, or -1
     */
    public Position position(long line, long byteOffset, long record) {
        return new Position(sourceName, line, byteOffset, record);
    }
}
