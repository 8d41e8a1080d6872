package io.cdcsdk.kafka;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.kafka.internal.Coordinates;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Adds a consumer record's coordinates to its events, which a deserializer cannot do (Kafka does
 * not tell it the partition and offset): meta entries {@value #META_TOPIC}, {@value #META_PARTITION}
 * and {@value #META_OFFSET}, and, for an event whose payload has no position of its own (DMS records
 * without {@code stream-position}, control records), a position made of the offset: 19 digits,
 * zero-padded, so that positions order the events of one partition as strings and as numbers. An
 * event of a message that holds several gets the offset, a dot and its index in the message as 10
 * digits ({@code 0000000000000000042.0000000003}). A payload's own position (a DMS stream position,
 * a DynamoDB sequence number) is kept; the two kinds do not compare with each other.
 *
 * <pre>{@code
 * for (ConsumerRecord<String, ChangeEvent> record : consumer.poll(timeout)) {
 *     ChangeEvent event = RecordCoordinates.locate(record);  // null for a tombstone or a skipped message
 * }
 * }</pre>
 */
public final class RecordCoordinates {
    /** Meta entry: the record's topic. */
    public static final String META_TOPIC = Coordinates.META_TOPIC;
    /** Meta entry: the record's partition. */
    public static final String META_PARTITION = Coordinates.META_PARTITION;
    /** Meta entry: the record's offset. */
    public static final String META_OFFSET = Coordinates.META_OFFSET;

    private RecordCoordinates() {
    }

    /**
     * {@return the record's event with its coordinates, or {@code null} when the record's value is
     * null (a tombstone, or a message skipped as bad)}
     *
     * @param record a record read with {@link ChangeEventDeserializer}
     */
    public static @Nullable ChangeEvent locate(ConsumerRecord<?, ChangeEvent> record) {
        ChangeEvent event = record.value();
        return event == null ? null : Coordinates.locate(event, record.topic(), record.partition(), record.offset(), -1);
    }

    /**
     * {@return the record's events with their coordinates; empty when the value is null}
     *
     * @param record a record read with {@link ChangeEventsDeserializer}
     */
    public static List<ChangeEvent> locateAll(ConsumerRecord<?, List<ChangeEvent>> record) {
        List<ChangeEvent> events = record.value();
        if (events == null) {
            return List.of();
        }
        List<ChangeEvent> located = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            located.add(Coordinates.locate(events.get(i), record.topic(), record.partition(), record.offset(), i));
        }
        return List.copyOf(located);
    }
}
