package io.cdcsdk.dms.internal;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.ReadContext;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Builds an event with its origin meta in one step, as {@link ChangeEvent.Builder} plus
 * {@link ReadContext#stampOrigin} would, without the builder's own meta map and its copy.
 */
final class Events {
    private static final Row.Layout ORIGIN =
            Row.Layout.of(ChangeEvent.META_FILE, ChangeEvent.META_LINE, ChangeEvent.META_RECORD);
    private static final Row.Layout ORIGIN_WITHOUT_LINE = Row.Layout.of(ChangeEvent.META_FILE, ChangeEvent.META_RECORD);

    private Events() {
    }

    /** An event without transaction id whose meta is the origin {@code origin}. */
    static ChangeEvent of(Operation op, SourceInfo source, Row key, Row before, Row after, Instant ts,
                          String position, Position origin) {
        Row.Layout names;
        Object[] values;
        boolean line = origin.line() > 0;
        boolean record = origin.record() > 0;
        if (line && record) {
            names = ORIGIN;
            values = new Object[] {origin.sourceName(), BigDecimal.valueOf(origin.line()),
                BigDecimal.valueOf(origin.record())};
        } else if (record) {
            names = ORIGIN_WITHOUT_LINE;
            values = new Object[] {origin.sourceName(), BigDecimal.valueOf(origin.record())};
        } else {
            ChangeEvent.Builder b = ChangeEvent.builder(op, source).key(key).before(before).after(after).ts(ts)
                    .position(position);
            ReadContext.stampOrigin(b, origin);
            return b.build();
        }
        // A layout's map is taken by the event as it is, without a copy.
        return new ChangeEvent(op, source, key, before, after, ts, position, null, names.row(values).asMap());
    }
}
