package io.cdcsdk.dms.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
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
                return new Cursor();
            }
        };
    }

    /**
     * Iterates by moving one entry along the arrays: an entry is valid until the next call to
     * {@code next()}, which is all a copy needs, and a row's worth of entries is not allocated.
     */
    private final class Cursor implements Iterator<Entry<String, Object>>, Entry<String, Object> {
        private int index = -1;

        @Override
        public boolean hasNext() {
            return index + 1 < size;
        }

        @Override
        public Entry<String, Object> next() {
            if (index + 1 >= size) {
                throw new NoSuchElementException();
            }
            index++;
            return this;
        }

        @Override
        public String getKey() {
            return names[index];
        }

        @Override
        public Object getValue() {
            return values[index];
        }

        @Override
        public Object setValue(Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
        }
    }

    /** Whether the first {@code size} names are distinct, so that they may be viewed as a map. */
    static boolean distinct(String[] names, int size) {
        return Arrays.stream(names, 0, size).distinct().count() == size;
    }
}
