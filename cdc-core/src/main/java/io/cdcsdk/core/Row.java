package io.cdcsdk.core;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One row image: column names in source order, each with a value of the {@link Values} model.
 * Immutable. Column values may be {@code null}; a column that is absent differs from a column
 * that is null ({@link #has(String)}).
 *
 * <p>{@link #toString()} lists column names only: rows carry personal data, and a row that is
 * logged by accident must not leak it.
 */
public final class Row {
    private static final Row EMPTY = new Row(Values.map(Map.of()));
    private final Map<String, Object> columns;

    private Row(Map<String, Object> columns) {
        this.columns = columns;
    }

    /**
     * A row holding a copy of {@code columns}, in their iteration order, with values converted by
     * {@link Values#of(Object)}.
     */
    public static Row of(Map<String, ?> columns) {
        Objects.requireNonNull(columns, "columns");
        return columns.isEmpty() ? EMPTY : new Row(Values.map(columns));
    }

    /** The row without columns. */
    public static Row empty() {
        return EMPTY;
    }

    /** A builder that keeps columns in the order they are put. */
    public static Builder builder() {
        return new Builder();
    }

    /** The columns and values, unmodifiable, in source order. */
    public Map<String, Object> asMap() {
        return columns;
    }

    /** Column names in source order. */
    public Set<String> columns() {
        return columns.keySet();
    }

    /** Whether the row has the column (its value may still be {@code null}). */
    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The value of a column, or {@code null} when it is null or absent. */
    public @Nullable Object get(String column) {
        return columns.get(column);
    }

    /** The number of columns. */
    public int size() {
        return columns.size();
    }

    /** Whether the row has no columns. */
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /**
     * A string column.
     *
     * @throws ClassCastException naming the column and the kind found when it is not a string
     */
    public @Nullable String string(String column) {
        return typed(column, String.class, "string");
    }

    /** A number column, exact. */
    public @Nullable BigDecimal decimal(String column) {
        return typed(column, BigDecimal.class, "number");
    }

    /** A boolean column. */
    public @Nullable Boolean bool(String column) {
        return typed(column, Boolean.class, "boolean");
    }

    /** A binary column. */
    public @Nullable Bytes bytes(String column) {
        return typed(column, Bytes.class, "binary");
    }

    /** A map column (DynamoDB {@code M}, nested documents). */
    @SuppressWarnings("unchecked")
    public @Nullable Map<String, Object> map(String column) {
        return typed(column, Map.class, "map");
    }

    /**
     * Binds this row to {@code type} with the default {@link RowBinder} (column names as they are).
     *
     * @throws RowBindingException when a column cannot be converted to its property
     */
    public <T> T as(Class<T> type) {
        return RowBinder.defaults().bind(this, type);
    }

    /** Binds this row to {@code type} with the given binder (for example snake_case to camelCase). */
    public <T> T as(Class<T> type, RowBinder binder) {
        return binder.bind(this, type);
    }

    /** A row with only the given columns (those it has), in this row's order. */
    public Row select(java.util.Collection<String> names) {
        Builder b = builder();
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            if (names.contains(e.getKey())) {
                b.put(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    private <T> T typed(String column, Class<T> type, String kind) {
        Object v = columns.get(column);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        throw new ClassCastException("column " + column + ": expected " + kind + " but found "
                + Values.kind(v));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    /** Column names only, never values. */
    @Override
    public String toString() {
        return "Row" + columns.keySet();
    }

    /**
     * Column names shared by many rows, for readers that know a table's columns before its rows
     * (a CSV header, a Parquet schema): a row made from a layout holds only its values and finds a
     * column through the layout's index, so making it hashes nothing.
     *
     * <pre>{@code
     * Row.Layout layout = Row.Layout.of("id", "name");
     * Row row = layout.row(BigDecimal.ONE, "Ada");
     * }</pre>
     */
    public static final class Layout {
        private final String[] names;
        private final java.util.HashMap<String, Integer> index;
        private final Set<String> columns;

        private Layout(String[] names) {
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
         * @throws IllegalArgumentException when a name appears twice
         */
        public static Layout of(String... names) {
            return new Layout(names.clone());
        }

        /** The columns, in order. */
        public Set<String> columns() {
            return columns;
        }

        /** The number of columns. */
        public int size() {
            return names.length;
        }

        /**
         * A row of this layout: {@code values[i]} is the value of column {@code i}, converted by
         * {@link Values#of(Object)}. The array is copied.
         *
         * @throws IllegalArgumentException when the number of values is not the number of columns
         */
        public Row row(Object... values) {
            if (values.length != names.length) {
                throw new IllegalArgumentException("expected " + names.length + " values, got " + values.length);
            }
            if (values.length == 0) {
                return EMPTY;
            }
            Object[] copy = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                copy[i] = Values.of(values[i]);
            }
            return new Row(new Values.LayoutMap(names, index, columns, copy));
        }
    }

    /** Collects columns in insertion order; a later {@code put} of the same column replaces it. */
    public static final class Builder {
        private LinkedHashMap<String, Object> columns = new LinkedHashMap<>();

        private Builder() {
        }

        /** Puts a column; the value is converted by {@link Values#of(Object)}. */
        public Builder put(String column, @Nullable Object value) {
            columns.put(Objects.requireNonNull(column, "column"), Values.of(value));
            return this;
        }

        /** Whether a column was put. */
        public boolean has(String column) {
            return columns.containsKey(column);
        }

        /** The row. The builder is empty afterwards and can be used for another row. */
        public Row build() {
            if (columns.isEmpty()) {
                return EMPTY;
            }
            Row row = new Row(new Values.FrozenMap(columns));
            columns = new LinkedHashMap<>();
            return row;
        }
    }
}
