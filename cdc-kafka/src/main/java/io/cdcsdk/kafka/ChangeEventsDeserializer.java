package io.cdcsdk.kafka;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Kafka deserializer of messages that may hold several changes: a Kinesis record of DynamoDB
 * changes bridged to Kafka, a Lambda event, a Firehose batch of DMS records. Configured and behaving
 * as {@link ChangeEventDeserializer} (same properties, same errors), but gives every event of the
 * message, in message order; a tombstone gives {@code null}, a message skipped as bad an empty list.
 * Under {@code skip}, a bad record inside a message is skipped and the others are kept.
 * {@link RecordCoordinates#locateAll} adds the record's partition and offset.
 */
public final class ChangeEventsDeserializer extends MessageDeserializer<List<ChangeEvent>> {

    /** A deserializer with the default configuration until {@link #configure} is called. */
    public ChangeEventsDeserializer() {
        this(e -> { });
    }

    /**
     * A deserializer that tells {@code skipListener} of each record it skips under {@code skip}.
     * Configure it before use (the consumer does not configure deserializers it is handed).
     *
     * @param skipListener told of each skipped record
     */
    public ChangeEventsDeserializer(Consumer<ChangeReadException> skipListener) {
        super(skipListener);
    }

    @Override
    List<ChangeEvent> of(String topic, List<ChangeEvent> events) {
        return List.copyOf(events);
    }
}
