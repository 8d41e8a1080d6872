package io.cdcsdk.kafka;

import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.json.ChangeEventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link Serde} of change events in the ChangeEvent JSON form (one object, UTF-8), for Kafka
 * Streams state stores and the topics between topologies. Values are exact: numbers keep every
 * digit, timestamps their full precision, and an event reads back equal to what
 * {@link ChangeEventJson#normalize} gives (binary as base64 strings, sets as lists), meta included.
 * Null is a tombstone both ways. Text that is not one event of the form fails with a
 * {@link SerializationException} that names the topic and never quotes the text.
 */
public final class ChangeEventSerde implements Serde<ChangeEvent> {

    /** A serde of the ChangeEvent JSON form; it takes no configuration. */
    public ChangeEventSerde() {
    }

    @Override
    public Serializer<ChangeEvent> serializer() {
        return (topic, event) -> event == null ? null : ChangeEventJson.toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Deserializer<ChangeEvent> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return ChangeEventJson.fromJson(new String(data, StandardCharsets.UTF_8));
            } catch (CdcException e) {
                throw new SerializationException("cannot read a change event of the JSON form from a message of topic "
                        + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
