package io.cdcsdk.dynamodb;

import io.cdcsdk.core.Nullable;
import java.util.List;

/**
 * Settings for the {@code dynamodb-export} adapter, passed with
 * {@link io.cdcsdk.core.ReadOptions#withExtension(Object)}. Data files name neither their table
 * nor, in full exports, the key attributes; give them here when the manifest is not read.
 *
 * @param tableName     the table, or {@code null}; a manifest's {@code tableArn} wins over it
 * @param keyAttributes the key attribute names (partition key, then sort key) that make up the
 *                      {@code key} of full-export rows; empty for no key
 */
public record DynamoDbExportOptions(@Nullable String tableName, List<String> keyAttributes) {

    /**
     * Copies the key attributes into an unmodifiable list.
     *
     * @param tableName     the table, or {@code null}
     * @param keyAttributes the key attribute names, partition key first; {@code null} for none
     * @throws NullPointerException when a key attribute name is {@code null}
     */
    public DynamoDbExportOptions {
        keyAttributes = keyAttributes == null ? List.of() : List.copyOf(keyAttributes);
    }

    /**
     * {@return options naming the table and its key attributes}
     *
     * @param tableName     the table, or {@code null}
     * @param keyAttributes the partition key, then the sort key if the table has one; none for no key
     * @throws NullPointerException when a key attribute name is {@code null}
     */
    public static DynamoDbExportOptions of(@Nullable String tableName, String... keyAttributes) {
        return new DynamoDbExportOptions(tableName, List.of(keyAttributes));
    }
}
