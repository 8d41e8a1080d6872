package io.cdcsdk.kafka;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.kafka.internal.MessageReader;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A Kafka deserializer of messages that hold one change each: a DMS JSON record (DMS's Kafka and
 * MSK target), a DynamoDB Streams record, a line of the ChangeEvent JSON form. Configured like any
 * deserializer:
 *
 * <pre>{@code
 * value.deserializer=io.cdcsdk.kafka.ChangeEventDeserializer
 * cdc.format=dms-json                   # an adapter name; detected from the bytes when absent
 * cdc.table-def=/etc/cdc/tables.json    # DMS table definitions: key columns, header-less CSV
 * cdc.on-error=fail                     # or skip
 * }</pre>
 *
 * <p>A null value (a tombstone) gives {@code null}. A bad message under {@code fail} throws a
 * {@link SerializationException} that names the topic and what was expected, never the value; the
 * consumer wraps it in a {@code RecordDeserializationException} that names the partition and offset.
 * Under {@code skip} it gives {@code null}, is counted by {@link #skipped()} and is told to the
 * listener given to the constructor. Inputs are read within the library's limits (gzip ratio,
 * nesting depth, record size).
 *
 * <p>A deserializer is not told the partition and offset of the record; {@link RecordCoordinates}
 * adds them to the event after {@code poll}. A message that holds several changes (a Kinesis
 * record of DynamoDB changes, a Firehose batch) is an error here: use {@link ChangeEventsDeserializer}.
 */
public final class ChangeEventDeserializer extends MessageDeserializer<ChangeEvent> {
    /** The format property: an adapter name such as {@code dms-json}; detected when absent. */
    public static final String FORMAT_CONFIG = MessageReader.FORMAT;
    /** The table-definitions property: the path of a DMS table-definitions file. */
    public static final String TABLE_DEF_CONFIG = MessageReader.TABLE_DEF;
    /** The error policy property: {@code fail} (the default) or {@code skip}. */
    public static final String ON_ERROR_CONFIG = MessageReader.ON_ERROR;

    /** A deserializer with the default configuration until {@link #configure} is called. */
    public ChangeEventDeserializer() {
        this(e -> { });
    }

    /**
     * A deserializer that tells {@code skipListener} of each message it skips under {@code skip}.
     * Configure it before use (the consumer does not configure deserializers it is handed).
     *
     * @param skipListener told of each skipped message, with the topic as its position's source name
     */
    public ChangeEventDeserializer(Consumer<ChangeReadException> skipListener) {
        super(skipListener);
    }

    @Override
    @Nullable ChangeEvent of(String topic, List<ChangeEvent> events) {
        if (events.size() > 1) {
            throw new SerializationException("a message of topic " + topic + " holds " + events.size()
                    + " change events; read such messages with " + ChangeEventsDeserializer.class.getName());
        }
        return events.isEmpty() ? null : events.get(0);
    }
}
