package io.cdcsdk.kafka;

import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.kafka.internal.MessageReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the two deserializers share: the configuration, the skip count, and reading a value into
 * its events, whose failure becomes a {@link SerializationException}.
 *
 * @param <T> what a message gives
 */
abstract class MessageDeserializer<T> implements Deserializer<T> {
    private final Consumer<ChangeReadException> skipListener;
    private MessageReader reader;

    MessageDeserializer(Consumer<ChangeReadException> skipListener) {
        this.skipListener = Objects.requireNonNull(skipListener, "skipListener");
        this.reader = MessageReader.configure(Map.of(), skipListener);
    }

    /**
     * Reads {@code cdc.format}, {@code cdc.table-def} and {@code cdc.on-error}; other entries are
     * ignored.
     *
     * @throws org.apache.kafka.common.config.ConfigException when a value is not one the property
     *         takes or the table definitions cannot be read
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.reader = MessageReader.configure(configs, skipListener);
    }

    /** {@return how many bad records were skipped under {@code cdc.on-error=skip}} */
    public long skipped() {
        return reader.skipped();
    }

    /** {@return the message's events as {@link #deserialize(String, Headers, ByteBuffer)} gives them} */
    @Override
    public @Nullable T deserialize(String topic, byte[] data) {
        return data == null ? null : deserialize(topic, null, ByteBuffer.wrap(data));
    }

    /** {@return the message's events as {@link #deserialize(String, Headers, ByteBuffer)} gives them} */
    @Override
    public @Nullable T deserialize(String topic, @Nullable Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /**
     * Reads the value straight from the buffer, without a copy where it has an array.
     *
     * @return {@code null} for a tombstone
     * @throws SerializationException when the value cannot be read under {@code fail}; its message
     *                                starts with the topic and never quotes the value
     */
    @Override
    public @Nullable T deserialize(String topic, @Nullable Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        List<ChangeEvent> events;
        try {
            events = reader.read(topic, data);
        } catch (CdcException e) {
            // the reader's message starts with its position, whose source name is the topic
            throw new SerializationException("cannot read a change event: " + e.getMessage(), e);
        }
        return of(topic, events);
    }

    /** {@return what a message of these events gives} */
    abstract @Nullable T of(String topic, List<ChangeEvent> events);
}
