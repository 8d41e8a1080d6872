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

    public SourceInfo {
        Objects.requireNonNull(format, "format");
    }

    /** A source without schema. */
    public static SourceInfo of(String format, @Nullable String table) {
        return new SourceInfo(format, null, table);
    }

    /** A source with schema and table. */
    public static SourceInfo of(String format, @Nullable String schema, @Nullable String table) {
        return new SourceInfo(format, schema, table);
    }

    /** {@code schema.table}, or just the table when there is no schema. */
    public String qualifiedTable() {
        if (schema == null || schema.isEmpty()) {
            return table == null ? "" : table;
        }
        return schema + "." + (table == null ? "" : table);
    }
}
