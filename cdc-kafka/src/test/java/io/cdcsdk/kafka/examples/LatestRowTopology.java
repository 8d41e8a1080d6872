package io.cdcsdk.kafka.examples;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.kafka.ChangeEventDeserializer;
import io.cdcsdk.kafka.ChangeEventSerde;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka Streams topology that keeps the latest row per primary key of each table (a
 * {@code KTable}) from the changes DMS writes to Kafka with {@code partition-key-type = primary-key}:
 * the message key ({@code schema.table.key}) names the row. Inserts, updates and loads replace the
 * row; a delete removes it (a tombstone in the table's changelog); control records and messages
 * skipped as bad are left out. The table's values are the latest change events in the ChangeEvent
 * JSON form ({@link ChangeEventSerde}), so numbers and timestamps stay exact.
 *
 * <pre>
 * java -cp "$(cat cdc-kafka/target/test-classpath.txt):cdc-kafka/target/classes:cdc-kafka/target/test-classes" \
 *     io.cdcsdk.kafka.examples.LatestRowTopology localhost:9092 dms-changes latest-rows
 * </pre>
 */
public final class LatestRowTopology {
    /** The state store holding the latest event per key. */
    public static final String STORE = "latest-rows";

    private LatestRowTopology() {
    }

    /**
     * The topology: {@code input} (DMS JSON values, string keys) to a table materialized as
     * {@link #STORE}, whose changelog also goes to {@code output}.
     *
     * @param input   the topic DMS writes to
     * @param output  the topic of the latest rows (compacted, keyed like the input)
     * @param configs the deserializer's {@code cdc.*} properties
     * @return the topology
     */
    public static Topology topology(String input, String output, Map<String, ?> configs) {
        ChangeEventDeserializer dms = new ChangeEventDeserializer();
        dms.configure(configs, false);
        ChangeEventSerde json = new ChangeEventSerde();
        Serde<ChangeEvent> dmsSerde = Serdes.serdeFrom(json.serializer(), dms);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), dmsSerde))
                .filter((key, event) -> key != null && event != null && event.op() != Operation.DDL)
                .mapValues(event -> event.op() == Operation.DELETE ? null : event)
                .toTable(Materialized.<String, ChangeEvent, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(json))
                .toStream()
                .to(output, Produced.with(Serdes.String(), json));
        return builder.build();
    }

    /**
     * Runs the topology until the process is stopped.
     *
     * @param args bootstrap servers, input topic, output topic
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cdc-latest-rows");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        CountDownLatch stop = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(topology(args[1], args[2], Map.of("cdc.format", "dms-json", "cdc.on-error", "skip")), props)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            streams.start();
            stop.await();
        }
    }
}
