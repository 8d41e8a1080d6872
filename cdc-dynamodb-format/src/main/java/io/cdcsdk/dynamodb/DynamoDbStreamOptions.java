package io.cdcsdk.dynamodb;

import io.cdcsdk.core.Nullable;

/**
 * Settings for the {@code dynamodb-stream} adapter, passed with
 * {@link io.cdcsdk.core.ReadOptions#withExtension(Object)}.
 *
 * @param tableName the table for records that do not name it: GetRecords responses and DynamoDB
 *                  Local records carry no {@code eventSourceARN}. A record's own ARN or
 *                  {@code tableName} wins over this.
 * @param kinesisMicroseconds whether Kinesis Data Streams for DynamoDB payloads that do not state
 *                  their precision carry {@code ApproximateCreationDateTime} in microseconds
 *                  (the table's {@code ApproximateCreationDateTimePrecision} is
 *                  {@code MICROSECOND}); by default they are read as milliseconds
 */
public record DynamoDbStreamOptions(@Nullable String tableName, boolean kinesisMicroseconds) {

    /**
     * {@return options naming the table of the stream being read} Kinesis timestamps are read as
     * milliseconds unless a payload states its precision.
     *
     * @param tableName the table, for records that do not name it
     */
    public static DynamoDbStreamOptions forTable(String tableName) {
        return new DynamoDbStreamOptions(tableName, false);
    }

    /** {@return the defaults: no table name, Kinesis timestamps in milliseconds unless stated} */
    public static DynamoDbStreamOptions defaults() {
        return new DynamoDbStreamOptions(null, false);
    }
}
