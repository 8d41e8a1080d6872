package io.cdcsdk.dms.internal;

import io.cdcsdk.core.internal.Origins;
import io.cdcsdk.core.internal.RowLayout;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.ReadContext;

import java.time.Instant;
import java.util.Locale;

/**
 * Builds the events and rows of the readers that know their columns ahead (CSV, Parquet): events
 * whose meta is their origin ({@link Origins#origin}), without a builder's meta map. Public for
 * cdc-dms-parquet's reader; not API.
 */
public final class Events {

    private Events() {
    }

    /**
     * The event of one row: a delete's image is its before row, any other operation's its after row
     * with {@code before} (may be null) as the before row; the key is taken from the image.
     *
     * @param op        the operation
     * @param source    the event's source
     * @param image     the row's image
     * @param before    the before-image columns of the row, or null
     * @param keyLayout the key columns, or null without key
     * @param ts        the commit time, or null
     * @param position  the source's ordering token, or null
     * @param origin    where the row was read
     * @return the event
     */
    public static ChangeEvent ofImage(Operation op, SourceInfo source, Row image, Row.Builder before, RowLayout keyLayout,
                                      Instant ts, String position, Position origin) {
        Row beforeRow = op == Operation.DELETE ? image : before == null ? null : before.build();
        Row afterRow = op == Operation.DELETE ? null : image;
        Row key = null;
        if (keyLayout != null) {
            Object[] keyValues = new Object[keyLayout.size()];
            int k = 0;
            for (String column : keyLayout.columns()) {
                keyValues[k++] = image.get(column);
            }
            key = keyLayout.row(keyValues);
        }
        return of(op, source, key, beforeRow, afterRow, ts, position, origin);
    }

    /**
     * The layout of these columns, or null when a name repeats (rows are then built one column at a time).
     *
     * @param names the column names
     * @return the layout, or null
     */
    public static RowLayout layoutOrNull(String[] names) {
        try {
            return RowLayout.of(names);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The operation of an {@code Op} column's value: {@code I}, {@code U}, {@code D}, {@code INSERT},
     * {@code UPDATE} or {@code DELETE} in any case.
     *
     * @param text the value
     * @return the operation, or null for another value
     */
    public static Operation operation(String text) {
        return text.length() == 1 ? DmsCsvReader.single(text.charAt(0)) : switch (text.toUpperCase(Locale.ROOT)) {
            case "INSERT" -> Operation.INSERT;
            case "UPDATE" -> Operation.UPDATE;
            case "DELETE" -> Operation.DELETE;
            default -> null;
        };
    }

    /** An event without transaction id whose meta is the origin {@code origin}. */
    private static ChangeEvent of(Operation op, SourceInfo source, Row key, Row before, Row after, Instant ts,
                          String position, Position origin) {
        return new ChangeEvent(op, source, key, before, after, ts, position, null, Origins.origin(origin));
    }
}
