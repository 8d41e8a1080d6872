package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Row;
import io.cdcsdk.dynamodb.internal.ItemTokens.Item;
import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * The members of a DynamoDB stream record that {@link RecordMapping} makes an event of, collected
 * first, from parser tokens ({@link RecordTokens}) or from the objects of the AWS libraries: the
 * meaning of one member can depend on another that comes later. A JSON member's token is kept
 * where the mapping reports its type; a bad image is kept as its failure, reported in its turn.
 */
final class RecordFields {
    JsonToken eventNameToken;
    String eventName;
    JsonToken dynamodbToken;
    DynamoDb dynamodb;
    String eventSourceArn;
    boolean hasTableName;
    String tableName;
    boolean hasRecordFormat;
    String eventId;
    String awsRegion;
    String precision;
    boolean ttlIdentity;

    // members only an element of an envelope has a use for
    RecordFields detail;
    boolean hasDetailType;
    boolean hasBatchItemFailures;
    boolean hasStreamBatchInfo;

    /** The members of {@code dynamodb}. */
    static final class DynamoDb {
        Item keys;
        Item newImage;
        Item oldImage;
        JsonToken timeToken;
        BigDecimal timeNumber;
        String timeText;
        String precision;
        String sequenceNumber;
        String streamViewType;
        BigDecimal sizeBytes;

        /** An {@code ApproximateCreationDateTime} of epoch seconds. */
        void seconds(BigDecimal seconds) {
            timeToken = JsonToken.VALUE_NUMBER_FLOAT;
            timeNumber = seconds;
        }
    }

    /** Sets the {@code eventName} of a record that is not JSON: a string, or absent when null. */
    void eventName(String name) {
        eventNameToken = name == null ? null : JsonToken.VALUE_STRING;
        eventName = name;
    }

    /** Adds {@code dynamodb} to a record that is not JSON, and returns it to fill. */
    DynamoDb dynamodb() {
        dynamodbToken = JsonToken.START_OBJECT;
        dynamodb = new DynamoDb();
        return dynamodb;
    }

    /** An image made by {@code row}, or its failure; null when {@code present} is false. */
    static Item image(boolean present, Supplier<Row> row) {
        if (!present) {
            return null;
        }
        try {
            return new Item(row.get(), null);
        } catch (ChangeReadException e) {
            return new Item(null, e);
        }
    }
}
