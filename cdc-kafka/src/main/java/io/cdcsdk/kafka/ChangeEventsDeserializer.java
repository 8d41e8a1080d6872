package io.cdcsdk.kafka;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.kafka.internal.MessageReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka deserializer of messages that may hold several changes: a Kinesis record of DynamoDB
 * changes bridged to Kafka, a Lambda event, a Firehose batch of DMS records. Configured and behaving
 * as {@link ChangeEventDeserializer} (same properties, same errors), but gives every event of the
 * message, in message order; a tombstone gives {@code null}, a message skipped as bad an empty list.
 * Under {@code skip}, a bad record inside a message is skipped and the others are kept.
 * {@link RecordCoordinates#locateAll} adds the record's partition and offset.
 */
public final class ChangeEventsDeserializer implements Deserializer<List<ChangeEvent>> {
    private final Consumer<ChangeReadException> skipListener;
    private MessageReader reader;

    /** A deserializer with the default configuration until {@link #configure} is called. */
    public ChangeEventsDeserializer() {
        this(e -> { });
    }

    /**
     * A deserializer that tells {@code skipListener} of each record it skips under {@code skip}.
     *
     * @param skipListener told of each skipped record
     */
    public ChangeEventsDeserializer(Consumer<ChangeReadException> skipListener) {
        this.skipListener = Objects.requireNonNull(skipListener, "skipListener");
        this.reader = MessageReader.configure(Map.of(), skipListener);
    }

    /**
     * Reads the properties of {@link ChangeEventDeserializer}.
     *
     * @throws org.apache.kafka.common.config.ConfigException when a value is not one the property
     *         takes or the table definitions cannot be read
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.reader = MessageReader.configure(configs, skipListener);
    }

    /** {@return how many records were skipped as bad under {@code skip}} */
    public long skipped() {
        return reader.skipped();
    }

    @Override
    public @Nullable List<ChangeEvent> deserialize(String topic, byte[] data) {
        return data == null ? null : deserialize(topic, null, ByteBuffer.wrap(data));
    }

    @Override
    public @Nullable List<ChangeEvent> deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /** Reads the value straight from the buffer, without a copy where it has an array. */
    @Override
    public @Nullable List<ChangeEvent> deserialize(String topic, @Nullable Headers headers, ByteBuffer data) {
        return data == null ? null : List.copyOf(ChangeEventDeserializer.read(reader, topic, data));
    }
}
