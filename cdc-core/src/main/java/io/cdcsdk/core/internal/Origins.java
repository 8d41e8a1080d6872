package io.cdcsdk.core.internal;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Position;
import java.math.BigDecimal;
import java.util.Map;

/** Where an event came from, as the entries of its meta: {@code file}, {@code line}, {@code record}. */
public final class Origins {
    // The origin meta layouts, by which of line (1) and record (2) are known.
    private static final RowLayout[] ORIGIN_LAYOUTS = {
        RowLayout.of(ChangeEvent.META_FILE),
        RowLayout.of(ChangeEvent.META_FILE, ChangeEvent.META_LINE),
        RowLayout.of(ChangeEvent.META_FILE, ChangeEvent.META_RECORD),
        RowLayout.of(ChangeEvent.META_FILE, ChangeEvent.META_LINE, ChangeEvent.META_RECORD),
    };

    private Origins() {
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
