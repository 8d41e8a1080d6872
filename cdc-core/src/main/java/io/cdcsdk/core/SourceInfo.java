package io.cdcsdk.core;

import java.util.Objects;

/**
 * Where a change happened: the adapter that read it, and the schema and table it belongs to.
 *
 * @param format the adapter name, for example {@code dms-json} or {@code dynamodb-stream}
 * @param schema the database schema; {@code null} where the source has none (DynamoDB)
 * @param table  the table; {@code null} only for records that concern no single table
 */
public record SourceInfo(String format, @Nullable String schema, @Nullable String table) {

    /**
     * Checks that the format is given.
     *
     * @param format the adapter name; not {@code null}
     * @param schema the database schema, or {@code null}
     * @param table  the table, or {@code null}
     */
    public SourceInfo {
        Objects.requireNonNull(format, "format");
    }

    /**
     * {@return a source without schema}
     *
     * @param format the adapter name; not {@code null}
     * @param table  the table, or {@code null}
     */
    public static SourceInfo of(String format, @Nullable String table) {
        return new SourceInfo(format, null, table);
    }

    /**
     * {@return a source with schema and table}
     *
     * @param format the adapter name; not {@code null}
     * @param schema the database schema, or {@code null}
     * @param table  the table, or {@code null}
     */
    public static SourceInfo of(String format, @Nullable String schema, @Nullable String table) {
        return new SourceInfo(format, schema, table);
    }

    /**
     * {@return {@code schema.table}, or just the table when the schema is null or empty} An
     * unknown table counts as empty, so the result is never {@code null}.
     */
    public String qualifiedTable() {
        if (schema == null || schema.isEmpty()) {
            return table == null ? "" : table;
        }
        return schema + "." + (table == null ? "" : table);
    }
}
