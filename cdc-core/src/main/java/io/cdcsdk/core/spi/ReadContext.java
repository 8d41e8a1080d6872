package io.cdcsdk.core.spi;

import io.cdcsdk.core.internal.RowLayout;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an adapter gets with the input it opens: the source name (for positions and for formats
 * that take schema and table from an object key), the local path when there is one, and the
 * options. Immutable.
 *
 * <p>The static methods give an adapter that builds its events itself the origin entries every
 * built-in adapter puts in {@link ChangeEvent#meta()}; a reader built on
 * {@link AbstractChangeReader} gets them without asking.
 */
public final class ReadContext {
    // The origin meta layouts, by which of line (1) and record (2) are known.
    private static final RowLayout[] ORIGIN_LAYOUTS = {
        RowLayout.of(ChangeEvent.META_FILE),
        RowLayout.of(ChangeEvent.META_FILE, ChangeEvent.META_LINE),
        RowLayout.of(ChangeEvent.META_FILE, ChangeEvent.META_RECORD),
        RowLayout.of(ChangeEvent.META_FILE, ChangeEvent.META_LINE, ChangeEvent.META_RECORD),
    };

    private final String sourceName;
    private final Path path;
    private final ReadOptions options;

    /**
     * A context for an input read from a local file, or from a stream when {@code path} is
     * {@code null}.
     *
     * @param sourceName the name the input is opened with (path or object key); not {@code null}
     * @param path       the local file being read, or {@code null}
     * @param options    the read options; not {@code null}
     */
    public ReadContext(String sourceName, Path path, ReadOptions options) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.path = path;
        this.options = Objects.requireNonNull(options, "options");
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

    /**
     * The origin entries ({@code file}, and {@code line} and {@code record} where known) as a meta
     * map that an event takes as it is, without a copy: for an event whose meta is only its origin.
     *
     * @param position where the event's record is; a line or record below 1 is left out
     * @return the entries {@link ChangeEvent#META_FILE}, {@link ChangeEvent#META_LINE} and
     *         {@link ChangeEvent#META_RECORD}, numbers as {@link BigDecimal}; unmodifiable
     */
    public static Map<String, Object> origin(Position position) {
        boolean line = position.line() > 0;
        boolean record = position.record() > 0;
        int at = (line ? 1 : 0) + (record ? 2 : 0);
        Object[] values = new Object[ORIGIN_LAYOUTS[at].size()];
        int i = 0;
        values[i++] = position.sourceName();
        if (line) {
            values[i++] = BigDecimal.valueOf(position.line());
        }
        if (record) {
            values[i] = BigDecimal.valueOf(position.record());
        }
        return ORIGIN_LAYOUTS[at].row(values).asMap();
    }

    /**
     * Adds the origin entries ({@code file}, and {@code line} and {@code record} where known) to an
     * event's meta; an entry the builder already has is kept.
     *
     * @param builder  the event being built
     * @param position where the event's record is; a line or record below 1 is left out
     */
    public static void stampOrigin(ChangeEvent.Builder builder, Position position) {
        builder.metaIfAbsent(ChangeEvent.META_FILE, position.sourceName());
        if (position.line() > 0) {
            builder.metaIfAbsent(ChangeEvent.META_LINE, BigDecimal.valueOf(position.line()));
        }
        if (position.record() > 0) {
            builder.metaIfAbsent(ChangeEvent.META_RECORD, BigDecimal.valueOf(position.record()));
        }
    }
}
