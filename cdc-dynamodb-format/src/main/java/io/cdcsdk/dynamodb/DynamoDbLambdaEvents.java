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
 * precision at best; read the raw event JSON with the adapter to keep every digit.
 */
public final class DynamoDbLambdaEvents {
    private DynamoDbLambdaEvents() {
    }

    /**
     * The events of all records, in order.
     *
     * @throws ChangeReadException for the first record that cannot be mapped (UNEXPECTED_TYPE with
     *                             its path, {@code $.Records[i]...}, never its values)
     */
    public static List<ChangeEvent> toChangeEvents(DynamodbEvent event) {
        return toChangeEvents(event, e -> {
            throw e;
        });
    }

    /**
     * The events of all records; a record that cannot be mapped goes to {@code onBadRecord} and
     * the next one is read.
     */
    public static List<ChangeEvent> toChangeEvents(DynamodbEvent event, Consumer<ChangeReadException> onBadRecord) {
        return LambdaEventObjects.events(event, onBadRecord);
    }

    /** The event of one record. */
    public static ChangeEvent toChangeEvent(DynamodbEvent.DynamodbStreamRecord record) {
        return LambdaEventObjects.event(record);
    }
}
