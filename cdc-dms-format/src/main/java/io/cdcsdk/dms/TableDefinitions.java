package io.cdcsdk.dms;

import io.cdcsdk.core.internal.JsonParsing;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The layouts of DMS CSV files, by {@code schema.table}: the source columns and what
 * transformation rules and endpoint settings add (see the DMS table definitions spec). Pass it to
 * the {@code dms-csv} adapter as a read option extension:
 * {@code ReadOptions.defaults().withExtension(TableDefinitions.read(path))}. Immutable.
 */
public final class TableDefinitions {
    private final Map<String, Table> tables;
    private final String noSupValue;

    private TableDefinitions(Map<String, Table> tables, String noSupValue) {
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        this.noSupValue = noSupValue;
    }

    /**
     * One table's layout. Immutable: the lists are unmodifiable copies.
     *
     * @param schema            the schema
     * @param table             the table
     * @param columns           the source columns in table order
     * @param key               the primary-key columns, which fill the event's {@code key} (may be empty)
     * @param timestampColumn   the {@code TimestampColumnName}, or {@code null}; its field comes
     *                          right after {@code Op} (first without {@code Op}) and its UTC value
     *                          becomes the event's {@code ts}
     * @param trailingColumns   columns that transformation rules add after the source columns, in
     *                          order (may be empty)
     * @param positionColumn    the trailing column (typically {@code $AR_H_CHANGE_SEQ}) whose value
     *                          is the event's {@code position}, or {@code null}
     * @param beforeImagePrefix the prefix of before-image trailing columns
     *                          ({@code add-before-image-columns}): the column named prefix + source
     *                          column holds that column's before image; or {@code null}
     * @param noSupValue        the {@code CsvNoSupValue} the task writes for a column missing from
     *                          the supplemental log, or {@code null} to take the definitions'
     *                          ({@link TableDefinitions#noSupValue()}); an unquoted field equal to
     *                          it is an unavailable column: left out of the image, listed in the
     *                          event's {@code unavailable}
     * @param nullMeansUnavailable source columns (PostgreSQL TOAST, LOB columns) whose NULL in an
     *                          update means "not logged": unavailable in updates, a real NULL in
     *                          inserts and loads (may be empty)
     */
    public record Table(String schema, String table, List<String> columns, List<String> key,
                        @Nullable String timestampColumn, List<String> trailingColumns,
                        @Nullable String positionColumn, @Nullable String beforeImagePrefix,
                        @Nullable String noSupValue, List<String> nullMeansUnavailable) {
        /**
         * Validates and copies the lists.
         *
         * @param schema            the schema; not {@code null}
         * @param table             the table; not {@code null}
         * @param columns           the source columns in table order; not {@code null}, not empty
         * @param key               the primary-key columns, each one of {@code columns};
         *                          {@code null} for none
         * @param timestampColumn   the {@code TimestampColumnName}, or {@code null}
         * @param trailingColumns   the added columns, in order; {@code null} for none
         * @param positionColumn    one of {@code trailingColumns}, or {@code null}
         * @param beforeImagePrefix the prefix of before-image trailing columns, or {@code null}
         * @param noSupValue        the table's {@code CsvNoSupValue}, or {@code null}
         * @param nullMeansUnavailable the columns whose NULL in an update means "not logged", each
         *                          one of {@code columns}; {@code null} for none
         * @throws NullPointerException     when schema, table or columns is {@code null}, or a list
         *                                  holds {@code null}
         * @throws IllegalArgumentException when {@code columns} is empty, the key or
         *                                  {@code nullMeansUnavailable} names a column not in
         *                                  {@code columns}, or the position column is not a
         *                                  trailing column
         */
        public Table {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(table, "table");
            columns = List.copyOf(columns);
            key = key == null ? List.of() : List.copyOf(key);
            trailingColumns = trailingColumns == null ? List.of() : List.copyOf(trailingColumns);
            nullMeansUnavailable = nullMeansUnavailable == null ? List.of() : List.copyOf(nullMeansUnavailable);
            if (!columns.containsAll(nullMeansUnavailable)) {
                throw new IllegalArgumentException("nullMeansUnavailable of " + schema + "." + table
                        + " names a column not in columns");
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("table " + schema + "." + table + " has no columns");
            }
            if (!columns.containsAll(key)) {
                throw new IllegalArgumentException("key of " + schema + "." + table + " names a column not in columns");
            }
            if (positionColumn != null && !trailingColumns.contains(positionColumn)) {
                throw new IllegalArgumentException("positionColumn of " + schema + "." + table
                        + " must be one of the trailingColumns");
            }
        }

        /**
         * A table whose task marks no column as unavailable: no {@code noSupValue} of its own and
         * no {@code nullMeansUnavailable} columns.
         *
         * @param schema            the schema; not {@code null}
         * @param table             the table; not {@code null}
         * @param columns           the source columns in table order; not {@code null}, not empty
         * @param key               the primary-key columns, or {@code null} for none
         * @param timestampColumn   the {@code TimestampColumnName}, or {@code null}
         * @param trailingColumns   the added columns, in order; {@code null} for none
         * @param positionColumn    one of {@code trailingColumns}, or {@code null}
         * @param beforeImagePrefix the prefix of before-image trailing columns, or {@code null}
         * @throws NullPointerException     as for the canonical constructor
         * @throws IllegalArgumentException as for the canonical constructor
         */
        public Table(String schema, String table, List<String> columns, List<String> key,
                     @Nullable String timestampColumn, List<String> trailingColumns,
                     @Nullable String positionColumn, @Nullable String beforeImagePrefix) {
            this(schema, table, columns, key, timestampColumn, trailingColumns, positionColumn, beforeImagePrefix,
                    null, null);
        }

        /** {@return {@code schema.table}, the name the definitions are found by} */
        public String qualifiedName() {
            return schema + "." + table;
        }

        /**
         * {@return the field names of a row without {@code Op}, in file order} The timestamp column
         * (when there is one), the columns, then the trailing columns; a new modifiable list.
         */
        public List<String> layout() {
            List<String> l = new ArrayList<>();
            if (timestampColumn != null) {
                l.add(timestampColumn);
            }
            l.addAll(columns);
            l.addAll(trailingColumns);
            return l;
        }
    }

    /** {@return definitions without tables: only CSV files with a header row can be read} */
    public static TableDefinitions empty() {
        return new TableDefinitions(Map.of(), null);
    }

    /** {@return a new, empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the JSON form from a file (the form the command-line tool's {@code --table-def} reads;
     * see {@link #parse(InputStream)}).
     *
     * @param file a UTF-8 JSON file
     * @return the definitions, in the order of the file
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the JSON is not a valid table definition
     */
    public static TableDefinitions read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    /**
     * Parses the JSON form: {@code {"tables": {"schema.table": {"columns": [...], ...}}}}. Each
     * table's members are named as the components of {@link Table}; only {@code columns} is
     * required, and members this version does not know are ignored. A {@code noSupValue} beside
     * {@code tables} holds for every table without one of its own.
     *
     * @param in the JSON text
     * @return the definitions, in the order of the {@code tables} object
     * @throws IOException              when reading {@code in} fails
     * @throws IllegalArgumentException when the JSON is not a valid table definition; the message
     *                                  names the table and member, or the line of a syntax error
     */
    public static TableDefinitions parse(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JsonParsing.mapper(Limits.DEFAULTS).readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("table definitions: invalid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        }
        if (root == null || !root.isObject() || !root.path("tables").isObject()) {
            throw new IllegalArgumentException("table definitions: expected an object with a \"tables\" object");
        }
        Builder b = builder().noSupValue(text(root, "noSupValue", "(top level)"));
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                throw new IllegalArgumentException("table definitions: key \"" + name + "\" is not schema.table");
            }
            JsonNode t = e.getValue();
            if (!t.isObject()) {
                throw new IllegalArgumentException("table definitions: " + name + " is not an object");
            }
            b.add(new Table(name.substring(0, dot), name.substring(dot + 1), strings(t, "columns", name, true),
                    strings(t, "key", name, false), text(t, "timestampColumn", name),
                    strings(t, "trailingColumns", name, false), text(t, "positionColumn", name),
                    text(t, "beforeImagePrefix", name), text(t, "noSupValue", name),
                    strings(t, "nullMeansUnavailable", name, false)));
        }
        return b.build();
    }

    private static List<String> strings(JsonNode t, String field, String table, boolean required) {
        JsonNode a = t.get(field);
        if (a == null || a.isNull()) {
            if (required) {
                throw new IllegalArgumentException("table definitions: " + table + " has no \"" + field + "\"");
            }
            return List.of();
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("table definitions: " + table + "." + field + " is not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : a) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("table definitions: " + table + "." + field + " holds a non-string");
            }
            out.add(n.textValue());
        }
        return out;
    }

    private static String text(JsonNode t, String field, String table) {
        JsonNode n = t.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("table definitions: " + table + "." + field + " is not a string");
        }
        return n.textValue();
    }

    /**
     * The definition of {@code schema.table}, if there is one. Names are matched exactly, case
     * included.
     *
     * @param schema the schema, as in the object key
     * @param table  the table, as in the object key
     * @return the definition, or empty when none was given
     */
    public Optional<Table> find(String schema, String table) {
        return Optional.ofNullable(tables.get(schema + "." + table));
    }

    /**
     * {@return the {@code CsvNoSupValue} of the task, for every table without a
     * {@link Table#noSupValue()} of its own; or {@code null}}
     */
    public @Nullable String noSupValue() {
        return noSupValue;
    }

    /**
     * {@return the {@code CsvNoSupValue} that holds for a table: its own, else the definitions'; or
     * {@code null}}
     *
     * @param table a table, of these definitions or not
     */
    public @Nullable String noSupValue(Table table) {
        return table.noSupValue() != null ? table.noSupValue() : noSupValue;
    }

    /** {@return all definitions by {@code schema.table}, unmodifiable, in the order they were added} */
    public Map<String, Table> tables() {
        return tables;
    }

    /** Builds {@link TableDefinitions}. */
    public static final class Builder {
        private final Map<String, Table> tables = new LinkedHashMap<>();
        private String noSupValue;

        private Builder() {
        }

        /**
         * Sets the {@code CsvNoSupValue} of the task, for every table without one of its own.
         *
         * @param noSupValue the marker, or {@code null} for none
         * @return this builder
         */
        public Builder noSupValue(@Nullable String noSupValue) {
            this.noSupValue = noSupValue;
            return this;
        }

        /**
         * Adds a table definition; one for the same {@code schema.table} added before is replaced.
         *
         * @param table the definition; not {@code null}
         * @return this builder
         */
        public Builder add(Table table) {
            tables.put(table.qualifiedName(), table);
            return this;
        }

        /**
         * Adds a table with just its columns and key: no timestamp, trailing or before-image
         * columns.
         *
         * @param schema  the schema
         * @param table   the table
         * @param columns the source columns in table order
         * @param key     the primary-key columns, each one of {@code columns}; {@code null} or empty
         *                for none
         * @return this builder
         * @throws IllegalArgumentException as for the {@link Table} constructor
         */
        public Builder add(String schema, String table, List<String> columns, List<String> key) {
            return add(new Table(schema, table, columns, key, null, List.of(), null, null));
        }

        /** {@return the definitions added so far; the builder can go on without changing them} */
        public TableDefinitions build() {
            return new TableDefinitions(tables, noSupValue);
        }
    }
}
