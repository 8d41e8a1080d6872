package io.cdcsdk.dms.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only map view over parallel arrays of distinct names and their values, in array order.
 * It exists to be handed to {@link io.cdcsdk.core.Row#of} or the {@link io.cdcsdk.core.ChangeEvent}
 * constructor, which copy it once into a map of the right size: cheaper than a
 * {@link io.cdcsdk.core.Row.Builder}, whose map grows (and rehashes) as columns are put.
 */
final class ColumnArrays extends AbstractMap<String, Object> {
    private final String[] names;
    private final Object[] values;
    private final int size;

    /** The first {@code size} names, which the caller guarantees distinct, with their values. */
    ColumnArrays(String[] names, Object[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }
        };
    }

    /** Whether the first {@code size} names are distinct, so that they may be viewed as a map. */
    static boolean distinct(String[] names, int size) {
        return java.util.Arrays.stream(names, 0, size).distinct().count() == size;
    }
}
