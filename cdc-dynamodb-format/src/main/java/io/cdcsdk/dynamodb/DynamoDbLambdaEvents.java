package io.cdcsdk.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.dynamodb.internal.LambdaEventObjects;
import java.util.List;
import java.util.function.Consumer;

/**
 * Change events from the aws-lambda-java-events {@link DynamodbEvent} a Lambda handler receives.
 * Needs {@code com.amazonaws:aws-lambda-java-events} on the class path (an optional dependency of
 * this library); nothing else in the library loads this class.
 *
 * <p>Records map as the {@code dynamodb-stream} format maps them. The Lambda Java runtime has already turned
 * {@code ApproximateCreationDateTime} into a {@link java.util.Date}, so {@code ts} has millisecond
 * precision at best; read the raw event JSON with the adapter to keep every digit. The table comes
 * from each record's {@code eventSourceARN}.
 */
public final class DynamoDbLambdaEvents {
    private DynamoDbLambdaEvents() {
    }

    /**
     * The events of all records, in order.
     *
     * @param event the event the handler received
     * @return one event per record, in record order; empty when the event has no records
     * @throws ChangeReadException for the first record that cannot be mapped (MISSING_FIELD or
     *                             UNEXPECTED_TYPE with its path, {@code $.Records[i]...}, never
     *                             its values)
     */
    public static List<ChangeEvent> toChangeEvents(DynamodbEvent event) {
        return toChangeEvents(event, e -> {
            throw e;
        });
    }

    /**
     * The events of all records; a record that cannot be mapped goes to {@code onBadRecord} and
     * the next one is read.
     *
     * @param event       the event the handler received
     * @param onBadRecord called, in record order, with the error of each record that cannot be
     *                    mapped (its {@code position().record()} is the record's 1-based
     *                    number); an exception it throws ends the conversion and propagates
     * @return the events of the records that could be mapped, in record order
     */
    public static List<ChangeEvent> toChangeEvents(DynamodbEvent event, Consumer<ChangeReadException> onBadRecord) {
        return LambdaEventObjects.events(event, onBadRecord);
    }

    /**
     * The event of one record, mapped as the first record of a batch.
     *
     * @param record one record of a {@link DynamodbEvent}
     * @return the record's event
     * @throws ChangeReadException when the record cannot be mapped (MISSING_FIELD or
     *                             UNEXPECTED_TYPE with its path, {@code $.Records[0]...})
     */
    public static ChangeEvent toChangeEvent(DynamodbEvent.DynamodbStreamRecord record) {
        return LambdaEventObjects.event(record);
    }
}
