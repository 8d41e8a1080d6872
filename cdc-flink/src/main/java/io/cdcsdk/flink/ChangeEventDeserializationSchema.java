package io.cdcsdk.flink;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Reads the {@link ChangeEvent}s of one message of a queue ({@code KafkaSource}, Flink's Kinesis
 * source) through the library's adapters: DMS JSON from DMS's Kinesis or Kafka target
 * ({@code dms-json}), DynamoDB records from Kinesis Data Streams for DynamoDB
 * ({@code dynamodb-stream}), or any adapter by name. One message may give several events (a
 * Firehose batch, a Lambda-shaped record list): use {@link #deserialize(byte[], Collector)}, which
 * the connectors call.
 *
 * <pre>{@code
 * KafkaSource<ChangeEvent> source = KafkaSource.<ChangeEvent>builder()
 *         .setBootstrapServers(brokers).setTopics("dms")
 *         .setValueOnlyDeserializer(ChangeEventDeserializationSchema.builder("dms-json").build())
 *         .build();
 * }</pre>
 *
 * <p>A bad message fails the job with a {@link io.cdcsdk.core.ChangeReadException} naming the
 * source name and the record in the message, never a value; with
 * {@link Builder#ignoreParseErrors(boolean)} its bad records are skipped and counted in the
 * {@code numRecordsInErrors} metric of the deserializer's metric group.
 */
public final class ChangeEventDeserializationSchema implements DeserializationSchema<ChangeEvent> {
    private static final long serialVersionUID = 1L;

    /** The adapter, the error policy and the tables that pass. */
    private final ReadSettings settings;
    /** The name of each message in positions and errors. */
    private final String sourceName;
    private transient Counter errors;

    private ChangeEventDeserializationSchema(ReadSettings settings, String sourceName) {
        this.settings = settings;
        this.sourceName = sourceName;
    }

    /**
     * {@return a builder of a schema that reads messages with the named adapter}
     *
     * @param format an adapter name: {@code dms-json}, {@code dynamodb-stream}, a user's own
     */
    public static Builder builder(String format) {
        return new Builder(Objects.requireNonNull(format, "format"));
    }

    /**
     * Registers the {@code numRecordsInErrors} counter of skipped records.
     *
     * @param context the deserializer's context
     */
    @Override
    public void open(InitializationContext context) {
        errors = context.getMetricGroup().counter("numRecordsInErrors");
    }

    /**
     * Emits every event of the message (none for a message of only skipped records).
     *
     * @param message the message's bytes (gzip is recognized by its magic bytes)
     * @param out     where the events go
     * @throws IOException when the message cannot be read
     * @throws io.cdcsdk.core.ChangeReadException for a bad record, unless parse errors are ignored
     */
    @Override
    public void deserialize(byte[] message, Collector<ChangeEvent> out) throws IOException {
        read(message, out::collect);
    }

    /** Passes each event of the message, of the included tables, to {@code out}. */
    void read(byte[] message, java.util.function.Consumer<ChangeEvent> out) throws IOException {
        if (message == null) {
            return;
        }
        try (ChangeReader events = settings.registry().open(new ByteArrayInputStream(message), sourceName,
                settings.format, settings.options(e -> skipped()))) {
            while (events.hasNext()) {
                ChangeEvent event = events.next();
                if (settings.included(event)) {
                    out.accept(event);
                }
            }
        }
    }

    /** Counts a skipped record. */
    void skipped() {
        if (errors != null) {
            errors.inc();
        }
    }

    boolean ignoresParseErrors() {
        return settings.ignoreParseErrors;
    }

    /** A schema of the given settings, for the SQL format. */
    static ChangeEventDeserializationSchema of(ReadSettings settings, String sourceName) {
        return new ChangeEventDeserializationSchema(settings, sourceName);
    }

    /**
     * The one event of a message that holds one; connectors call
     * {@link #deserialize(byte[], Collector)} instead.
     *
     * @param message the message's bytes
     * @return the event, or {@code null} when the message gives none
     * @throws IOException when the message gives more than one event, or cannot be read
     */
    @Override
    public ChangeEvent deserialize(byte[] message) throws IOException {
        java.util.List<ChangeEvent> events = new java.util.ArrayList<>(1);
        deserialize(message, new Collector<>() {
            @Override
            public void collect(ChangeEvent record) {
                events.add(record);
            }

            @Override
            public void close() {
            }
        });
        if (events.size() > 1) {
            throw new IOException("the message gives " + events.size() + " events; use deserialize(byte[], Collector)");
        }
        return events.isEmpty() ? null : events.get(0);
    }

    /** {@return false: a queue has no end of stream} */
    @Override
    public boolean isEndOfStream(ChangeEvent nextElement) {
        return false;
    }

    /** {@return {@link ChangeEventTypeInfo#INSTANCE}} */
    @Override
    public TypeInformation<ChangeEvent> getProducedType() {
        return ChangeEventTypeInfo.INSTANCE;
    }

    /** Settings of a {@link ChangeEventDeserializationSchema}. Not thread-safe. */
    public static final class Builder extends ReadSettingsBuilder<Builder> {
        private final String format;
        private String sourceName = "message";

        private Builder(String format) {
            this.format = format;
        }

        /**
         * Names the messages in positions and errors (default {@code message}), for example the
         * topic or the stream.
         *
         * @param name the name
         * @return this builder
         */
        public Builder sourceName(String name) {
            this.sourceName = Objects.requireNonNull(name, "name");
            return this;
        }



        /** {@return the schema} */
        public ChangeEventDeserializationSchema build() {
            return new ChangeEventDeserializationSchema(new ReadSettings(format, null, ignoreParseErrors, tableInclude), sourceName);
        }
    }
}
