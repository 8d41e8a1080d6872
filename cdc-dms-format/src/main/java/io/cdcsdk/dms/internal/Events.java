package io.cdcsdk.dms.internal;

import io.cdcsdk.core.internal.Origins;
import io.cdcsdk.core.internal.RowLayout;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dms.TableDefinitions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the events and rows of the readers that know their columns ahead (CSV, Parquet): events
 * whose meta is their origin ({@link Origins#origin}), without a builder's meta map; and says how
 * complete the images of every DMS reader's events are ({@link #images}). Public for
 * cdc-dms-parquet's reader; not API.
 */
public final class Events {

    private Events() {
    }

    /**
     * The event of one row: a delete's image is its before row, any other operation's its after row
     * with {@code before} (may be null) as the before row; the key is taken from the image. The
     * images' completeness follows {@link #images}.
     *
     * @param op             the operation
     * @param source         the event's source
     * @param image          the row's image, without its unavailable columns
     * @param before         the before-image columns of the row, or null
     * @param beforeColumns  what before-image columns the layout has ({@link #beforeColumns}), or
     *                       null when it has none
     * @param keyLayout      the key columns, or null without key
     * @param unavailable    the image's columns the source did not supply, in row order; empty for none
     * @param ts             the commit time, or null
     * @param position       the source's ordering token, or null
     * @param origin         where the row was read
     * @return the event
     */
    public static ChangeEvent ofImage(Operation op, SourceInfo source, Row image, Row.Builder before,
                                      Completeness beforeColumns, RowLayout keyLayout, List<String> unavailable,
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
        Images images = images(op, image, op == Operation.DELETE ? null : beforeRow, beforeColumns,
                keyLayout == null ? null : keyLayout.columns(), !unavailable.isEmpty());
        return new ChangeEvent(op, source, key, beforeRow, afterRow, ts, position, null, Origins.origin(origin), images,
                unavailable.isEmpty() ? Set.of() : new LinkedHashSet<>(unavailable));
    }

    /** Each side's values and null (unknown). */
    private static final int SIDES = Completeness.values().length + 1;
    private static final Images[] IMAGES = new Images[SIDES * SIDES];

    static {
        Completeness[] sides = Completeness.values();
        for (int b = -1; b < sides.length; b++) {
            for (int a = -1; a < sides.length; a++) {
                IMAGES[(b + 1) * SIDES + a + 1] = new Images(b < 0 ? null : sides[b], a < 0 ? null : sides[a]);
            }
        }
    }

    /** The images of these sides, shared: events of one table mostly have the same. */
    private static Images images(Completeness before, Completeness after) {
        return IMAGES[(before == null ? 0 : before.ordinal() + 1) * SIDES + (after == null ? 0 : after.ordinal() + 1)];
    }

    /**
     * How complete the images of one row's event are, from what DMS says: an insert's or snapshot's
     * after image is full, or partial when columns are unavailable; an update's after image the
     * same, and its before image absent without one, else as complete as the before-image columns
     * are; a delete's before image (its row) partial when columns are unavailable, keys when the key
     * is known and every other column is null (PostgreSQL without {@code REPLICA IDENTITY FULL}),
     * else full, and unknown without key. A ddl event's images are unknown.
     *
     * @param op            the operation
     * @param image         the row: the after image, or a delete's before image
     * @param before        an update's before image, or null when it has none
     * @param beforeColumns how complete a before image can be ({@link #beforeColumns}), or null
     *                      when the source gives none
     * @param key           the key columns, or null when unknown
     * @param partial       whether columns of {@code image} are unavailable
     * @return the images
     */
    public static Images images(Operation op, Row image, Row before, Completeness beforeColumns,
                                Collection<String> key, boolean partial) {
        Completeness row = partial ? Completeness.PARTIAL : Completeness.FULL;
        return switch (op) {
            case INSERT, SNAPSHOT -> images(null, row);
            case UPDATE -> images(before == null || beforeColumns == null ? Completeness.ABSENT : beforeColumns, row);
            case DELETE -> images(partial ? Completeness.PARTIAL
                    : key == null || key.isEmpty() ? null : keyOnly(image, key) ? Completeness.KEYS : Completeness.FULL,
                    null);
            case DDL -> Images.UNKNOWN;
        };
    }

    /** Whether the row holds the key columns and nothing but nulls besides. */
    private static boolean keyOnly(Row row, Collection<String> key) {
        for (String column : key) {
            if (!row.has(column)) {
                return false;
            }
        }
        // By entry, not by name: most columns of a key-only row are null, and a full row stops at
        // its first non-key value.
        for (Map.Entry<String, Object> e : row.asMap().entrySet()) {
            if (e.getValue() != null && !key.contains(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    /**
     * How complete a before image made of a table's before-image columns is: full when they cover
     * every source column, keys when they are the key columns ({@code add-before-image-columns} with
     * {@code pk-only}), partial otherwise; null when there are none.
     *
     * @param beforeNames by field, the source column whose before image the field holds, or null
     * @param table       the table
     * @return the completeness, or null
     */
    public static Completeness beforeColumns(String[] beforeNames, TableDefinitions.Table table) {
        List<String> covered = new ArrayList<>();
        for (String name : beforeNames) {
            if (name != null) {
                covered.add(name);
            }
        }
        if (covered.isEmpty()) {
            return null;
        }
        if (covered.containsAll(table.columns())) {
            return Completeness.FULL;
        }
        return !table.key().isEmpty() && table.key().containsAll(covered) ? Completeness.KEYS : Completeness.PARTIAL;
    }

    /**
     * By field, whether a NULL of that column in an update means "not logged" (the table's
     * {@code nullMeansUnavailable}); null when no field's does.
     *
     * @param names by field, the image column it holds, or null
     * @param table the table
     * @return the flags, or null
     */
    public static boolean[] nullMeansUnavailable(String[] names, TableDefinitions.Table table) {
        boolean[] flags = new boolean[names.length];
        boolean any = false;
        for (int j = 0; j < names.length; j++) {
            flags[j] = names[j] != null && table.nullMeansUnavailable().contains(names[j]);
            any |= flags[j];
        }
        return any ? flags : null;
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
}
