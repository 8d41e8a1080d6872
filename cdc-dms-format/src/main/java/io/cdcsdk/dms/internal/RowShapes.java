package io.cdcsdk.dms.internal;

import io.cdcsdk.core.Row;

import java.util.Arrays;

/**
 * The last few column layouts a reader met, found again by their names: the records of one table
 * repeat the same names in the same order, so most rows are made from a layout without hashing a
 * name. Names are compared by identity first; a JSON parser hands out the same instance for a name
 * it has seen.
 */
final class RowShapes {
    private static final int SIZE = 8;
    private final String[][] names = new String[SIZE][];
    private final Row.Layout[] layouts = new Row.Layout[SIZE];
    // One array of the layout's width per entry, to hand the values to Layout.row, which copies them.
    private final Object[][] scratch = new Object[SIZE][];
    private int next;

    /**
     * The row of the first {@code n} names and values, or {@code null} when a name repeats. The
     * arrays stay the caller's.
     */
    Row row(String[] names, Object[] values, int n) {
        int at = find(names, n);
        if (at < 0) {
            String[] copy = Arrays.copyOf(names, n);
            Row.Layout layout = Events.layoutOrNull(copy);
            if (layout == null) {
                return null;
            }
            at = next;
            next = (next + 1) % SIZE;
            this.names[at] = copy;
            layouts[at] = layout;
            scratch[at] = new Object[n];
        }
        // Holds the values until the next row of its shape: one row of each of a few shapes at most.
        Object[] exact = scratch[at];
        System.arraycopy(values, 0, exact, 0, n);
        return layouts[at].row(exact);
    }

    private int find(String[] names, int n) {
        for (int i = 0; i < SIZE; i++) {
            String[] cached = this.names[i];
            if (cached != null && same(cached, names, n)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(String[] cached, String[] names, int n) {
        if (cached.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            String a = cached[i];
            String b = names[i];
            if (a != b && !a.equals(b)) {
                return false;
            }
        }
        return true;
    }
}
