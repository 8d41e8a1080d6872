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
 * options.
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

    public ReadContext(String sourceName, Path path, ReadOptions options) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.path = path;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A context for a stream without local file. */
    public static ReadContext of(String sourceName, ReadOptions options) {
        return new ReadContext(sourceName, null, options);
    }

    public String sourceName() {
        return sourceName;
    }

    /** The local file being read, when the input is one. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    public ReadOptions options() {
        return options;
    }

    /** A position in this source. Pass -1 for unknown parts; {@code record} is 1-based. */
    public Position position(long line, long byteOffset, long record) {
        return new Position(sourceName, line, byteOffset, record);
    }

    /**
     * The origin entries ({@code file}, and {@code line} and {@code record} where known) as a meta
     * map that an event takes as it is, without a copy: for an event whose meta is only its origin.
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
     * event's meta, unless the event already has a {@code file} entry.
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
