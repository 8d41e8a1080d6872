package io.cdcsdk.kafka.internal;

import io.cdcsdk.core.ChangeEvent;

/**
 * Adds a Kafka record's coordinates to its events: {@code topic}, {@code partition} and
 * {@code offset} in meta, and, where the payload has no position of its own, a position made of the
 * offset that orders the events of one partition.
 */
public final class Coordinates {
    /** Meta entry: the record's topic. */
    public static final String META_TOPIC = "topic";
    /** Meta entry: the record's partition. */
    public static final String META_PARTITION = "partition";
    /** Meta entry: the record's offset in its partition. */
    public static final String META_OFFSET = "offset";

    private Coordinates() {
    }

    /**
     * {@return the event with the record's coordinates}
     *
     * @param event     an event of the record
     * @param topic     the record's topic
     * @param partition the record's partition
     * @param offset    the record's offset
     * @param index     the event's 0-based index among the record's events, or -1 when the record
     *                  holds one event by contract (the position is then the offset alone)
     */
    public static ChangeEvent locate(ChangeEvent event, String topic, int partition, long offset, int index) {
        ChangeEvent.Builder b = event.toBuilder()
                .meta(META_TOPIC, topic)
                .meta(META_PARTITION, partition)
                .meta(META_OFFSET, offset);
        if (event.position() == null) {
            b.position(position(offset, index));
        }
        return b.build();
    }

    /**
     * The position of an event without one: the offset as 19 digits, so that positions compare as
     * strings and as numbers alike, and for an event of a record that holds several, a dot and its
     * index as 10 digits.
     */
    static String position(long offset, int index) {
        String padded = String.format("%019d", offset);
        return index < 0 ? padded : padded + "." + String.format("%010d", index);
    }
}
