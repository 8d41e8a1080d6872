package io.cdcsdk.core.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Column names shared by many rows, for readers that know a table's columns before its rows
 * (a CSV header, a Parquet schema): a row made from a layout holds only its values and finds a
 * column through the layout's index, so making it hashes nothing.
 *
 * <pre>{@code
 * RowLayout layout = RowLayout.of("id", "name");
 * Row row = layout.row(BigDecimal.ONE, "Ada");
 * }</pre>
 */
public final class RowLayout {
    private final String[] names;
    private final java.util.HashMap<String, Integer> index;
    private final Set<String> columns;
    // The names as the JSON writer writes them, made on first use (racing threads make equal arrays).
    private volatile SerializableString[] encoded;

    private RowLayout(String[] names) {
        this.names = names;
        this.index = new java.util.HashMap<>(names.length * 2);
        java.util.LinkedHashSet<String> set = new java.util.LinkedHashSet<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            Objects.requireNonNull(names[i], "column name");
            if (index.put(names[i], i) != null) {
                throw new IllegalArgumentException("column " + names[i] + " appears twice");
            }
            set.add(names[i]);
        }
        this.columns = java.util.Collections.unmodifiableSet(set);
    }

    /**
     * A layout of these columns, in this order.
     *
     * @param names the column names; none {@code null}
     * @return the layout; the array is copied
     * @throws IllegalArgumentException when a name appears twice
     */
    public static RowLayout of(String... names) {
        return new RowLayout(names.clone());
    }

    /** {@return the column names, unmodifiable, in order} */
    public Set<String> columns() {
        return columns;
    }

    /** {@return the number of columns} */
    public int size() {
        return names.length;
    }

    /**
     * A row of this layout: {@code values[i]} is the value of column {@code i}, converted by
     * {@link Values#of(Object)}. The array is copied.
     *
     * @param values one value per column, in the layout's order; each may be {@code null}
     * @return the row
     * @throws IllegalArgumentException when the number of values is not the number of columns,
     *                                  or a value is outside the {@link Values} model
     */
    public Row row(Object... values) {
        if (values.length != names.length) {
            throw new IllegalArgumentException("expected " + names.length + " values, got " + values.length);
        }
        if (values.length == 0) {
            return Row.empty();
        }
        Object[] copy = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = Values.of(values[i]);
        }
        return factory().apply(new LayoutMap(this, copy));
    }

    /**
     * The names as a JSON generator writes them, quoted and encoded once for every row of the layout;
     * null at a name with a surrogate character, which the generator writes itself.
     */
    private SerializableString[] encoded() {
        SerializableString[] e = encoded;
        if (e == null) {
            e = new SerializableString[names.length];
            for (int i = 0; i < names.length; i++) {
                e[i] = hasSurrogate(names[i]) ? null : new SerializedString(names[i]);
            }
            encoded = e;
        }
        return e;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static volatile Function<Map<String, Object>, Row> rows;

    /**
     * Called once, by {@link Row}'s static initializer: how a row is made over a map that is
     * already in the model, without a copy.
     */
    public static void install(Function<Map<String, Object>, Row> factory) {
        if (rows != null) {
            throw new IllegalStateException("already installed");
        }
        rows = factory;
    }

    private static Function<Map<String, Object>, Row> factory() {
        Function<Map<String, Object>, Row> f = rows;
        if (f == null) {
            Row.empty(); // runs Row's static initializer, which installs the factory
            f = rows;
        }
        return f;
    }

    /** The unmodifiable map of a row made from a {@link RowLayout}: the layout's names, the row's values. */
    public static final class LayoutMap extends java.util.AbstractMap<String, Object> {
        private final RowLayout layout;
        private final String[] names;
        private final Map<String, Integer> index;
        private final Set<String> keys;
        private final Object[] values;

        LayoutMap(RowLayout layout, Object[] values) {
            this.layout = layout;
            this.names = layout.names;
            this.index = layout.index;
            this.keys = layout.columns;
            this.values = values;
        }

        /** {@return the name of column {@code i}} */
        public String nameAt(int i) {
            return names[i];
        }

        /** {@return the value of column {@code i}} */
        public Object valueAt(int i) {
            return values[i];
        }

        /**
         * {@return the names of the columns quoted and encoded for a JSON generator, shared by the rows of
         * the layout} An element is null where the generator must write the name itself.
         */
        public SerializableString[] encodedNames() {
            return layout.encoded();
        }

        @Override
        public Object get(Object key) {
            Integer i = index.get(key);
            return i == null ? null : values[i];
        }

        @Override
        public boolean containsKey(Object key) {
            return index.containsKey(key);
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isEmpty() {
            return values.length == 0;
        }

        @Override
        public Set<String> keySet() {
            return keys;
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
            for (int i = 0; i < values.length; i++) {
                action.accept(names[i], values[i]);
            }
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Entry<String, Object>> iterator() {
                    return new java.util.Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < values.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= values.length) {
                                throw new java.util.NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return values.length;
                }
            };
        }
    }
}
