package io.cdcsdk.core.internal;

import io.cdcsdk.core.Row;
import java.util.Arrays;

/**
 * Makes rows from names and values read one record at a time, for readers that learn a record's
 * columns only from the record (JSON). The records of a stream mostly repeat a few sets of names
 * (a table's columns, a DynamoDB item's attributes and its nested maps): names seen a second time,
 * in the same order, get a shared {@link RowLayout}, whose rows hash nothing when they are made.
 * Other names make a row with {@link Row.Builder}. The rows are equal either way.
 *
 * <p>A small table of the names last seen, by their hash, where names may be in any of a few slots
 * (an item's names and its nested map's may share a hash slot); one of a reader, not thread-safe.
 */
public final class RowLayouts {
    private static final int SLOTS = 64;
    private static final int WAYS = 4;
    private final Names[] slots = new Names[SLOTS];
    private int victim;

    /** An empty table; one per reader. */
    public RowLayouts() {
    }

    /** Names seen once, and their layout from the second time on. */
    private static final class Names {
        final int hash;
        final String[] names;
        RowLayout layout;

        Names(int hash, String[] names) {
            this.hash = hash;
            this.names = names;
        }

        boolean matches(int hash, String[] names, int count) {
            if (this.hash != hash || this.names.length != count) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                // The parser's names are canonical: the same name is mostly the same string.
                if (this.names[i] != names[i] && !this.names[i].equals(names[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The row of column {@code names[i]} with value {@code values[i]}, {@code i < count}, the
     * values already in the value model; null when a name repeats.
     */
    public Row row(String[] names, Object[] values, int count) {
        if (count == 0) {
            return Row.empty();
        }
        int hash = 1;
        for (int i = 0; i < count; i++) {
            hash = 31 * hash + names[i].hashCode();
        }
        int first = (hash ^ hash >>> 16) & (SLOTS - 1);
        int free = -1;
        for (int way = 0; way < WAYS; way++) {
            int slot = (first + way) & (SLOTS - 1);
            Names seen = slots[slot];
            if (seen == null) {
                free = free < 0 ? slot : free;
            } else if (seen.matches(hash, names, count)) {
                if (seen.layout == null) {
                    seen.layout = RowLayout.of(seen.names); // distinct: they made a row before
                }
                return seen.layout.row(Arrays.copyOf(values, count));
            }
        }
        Row.Builder b = Row.builder();
        for (int i = 0; i < count; i++) {
            b.put(names[i], values[i]);
        }
        Row row = b.build();
        // A repeated name replaced a column: fewer columns than names.
        if (row.size() != count) {
            return null;
        }
        int slot = free >= 0 ? free : (first + (victim++ & (WAYS - 1))) & (SLOTS - 1);
        slots[slot] = new Names(hash, Arrays.copyOf(names, count));
        return row;
    }
}
