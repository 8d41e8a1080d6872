package io.cdcsdk.core;

import io.cdcsdk.core.internal.RowLayout;
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

    static {
        RowLayout.install(Row::new);
    }

    private Row(Map<String, Object> columns) {
        this.columns = columns;
    }

    /**
     * A row holding a copy of {@code columns}, in their iteration order, with values converted by
     * {@link Values#of(Object)}.
     *
     * @param columns column names and values; not {@code null}
     * @return the row; later changes to {@code columns} do not reach it
     * @throws IllegalArgumentException when a value is outside the {@link Values} model
     */
    public static Row of(Map<String, ?> columns) {
        Objects.requireNonNull(columns, "columns");
        return columns.isEmpty() ? EMPTY : new Row(Values.map(columns));
    }

    /** {@return the row without columns} */
    public static Row empty() {
        return EMPTY;
    }

    /** {@return a new builder that keeps columns in the order they are put} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the columns and their values, unmodifiable, in source order} */
    public Map<String, Object> asMap() {
        return columns;
    }

    /** {@return the column names, unmodifiable, in source order} */
    public Set<String> columns() {
        return columns.keySet();
    }

    /**
     * {@return whether the row has the column} Its value may still be {@code null}.
     *
     * @param column the column's name
     */
    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /**
     * The value of a column, of one of the {@link Values} model's types.
     *
     * @param column the column's name
     * @return the value, or {@code null} when it is null or absent (tell them apart with
     *         {@link #has(String)})
     */
    public @Nullable Object get(String column) {
        return columns.get(column);
    }

    /** {@return the number of columns} */
    public int size() {
        return columns.size();
    }

    /** {@return whether the row has no columns} */
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /**
     * A string column.
     *
     * @param column the column's name
     * @return the value, or {@code null} when it is null or absent
     * @throws ClassCastException naming the column and the kind found when it is not a string
     */
    public @Nullable String string(String column) {
        return typed(column, String.class, "string");
    }

    /**
     * A number column, exact: every number of the model is a {@link BigDecimal}.
     *
     * @param column the column's name
     * @return the value, or {@code null} when it is null or absent
     * @throws ClassCastException naming the column and the kind found when it is not a number
     */
    public @Nullable BigDecimal decimal(String column) {
        return typed(column, BigDecimal.class, "number");
    }

    /**
     * A boolean column.
     *
     * @param column the column's name
     * @return the value, or {@code null} when it is null or absent
     * @throws ClassCastException naming the column and the kind found when it is not a boolean
     */
    public @Nullable Boolean bool(String column) {
        return typed(column, Boolean.class, "boolean");
    }

    /**
     * A binary column.
     *
     * @param column the column's name
     * @return the value, or {@code null} when it is null or absent
     * @throws ClassCastException naming the column and the kind found when it is not a binary value
     */
    public @Nullable Bytes bytes(String column) {
        return typed(column, Bytes.class, "binary");
    }

    /**
     * A map column (DynamoDB {@code M}, nested documents).
     *
     * @param column the column's name
     * @return the map, unmodifiable, with values of the {@link Values} model, or {@code null}
     *         when it is null or absent
     * @throws ClassCastException naming the column and the kind found when it is not a map
     */
    @SuppressWarnings("unchecked")
    public @Nullable Map<String, Object> map(String column) {
        return typed(column, Map.class, "map");
    }

    /**
     * Binds this row to {@code type} with the default {@link RowBinder} (column names as they are).
     *
     * @param <T>  the type to bind to
     * @param type a record or POJO class whose properties are named as the columns
     * @return a new instance of {@code type}
     * @throws RowBindingException when a column cannot be converted to its property
     */
    public <T> T as(Class<T> type) {
        return RowBinder.defaults().bind(this, type);
    }

    /**
     * Binds this row to {@code type} with the given binder (for example snake_case to camelCase).
     *
     * @param <T>    the type to bind to
     * @param type   a record or POJO class
     * @param binder how columns map to properties
     * @return a new instance of {@code type}
     * @throws RowBindingException when a column cannot be converted to its property
     */
    public <T> T as(Class<T> type, RowBinder binder) {
        return binder.bind(this, type);
    }

    /**
     * A row with only the given columns, in this row's order; names the row does not have are
     * ignored.
     *
     * @param names the columns to keep
     * @return the new row; this one does not change
     */
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

    /**
     * Rows are equal when they have the same columns with equal values, whatever the columns'
     * order. Numbers compare as {@link BigDecimal#equals(Object)} does, so {@code 1.0} and
     * {@code 1.00} differ.
     */
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

    /** Collects columns in insertion order; a later {@code put} of the same column replaces it. */
    public static final class Builder {
        private LinkedHashMap<String, Object> columns = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Puts a column at the end, or replaces the value of a column already put (which keeps
         * its place).
         *
         * @param column the column's name; not {@code null}
         * @param value  the value, converted by {@link Values#of(Object)}; may be {@code null}
         * @return this builder
         * @throws IllegalArgumentException when the value is outside the {@link Values} model
         */
        public Builder put(String column, @Nullable Object value) {
            columns.put(Objects.requireNonNull(column, "column"), Values.of(value));
            return this;
        }

        /**
         * {@return whether a column of that name was put since the last build}
         *
         * @param column the column's name
         */
        public boolean has(String column) {
            return columns.containsKey(column);
        }

        /**
         * {@return the row} The builder is empty afterwards and can be used for another row.
         */
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
