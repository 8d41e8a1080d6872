/**
 * Apache Kafka: change events from consumer records ({@code ChangeEventDeserializer},
 * {@code ChangeEventsDeserializer}), a Serde of the ChangeEvent JSON form for Kafka Streams, and a
 * Kafka Connect transform to Debezium's envelope. Kafka's own jars are the application's.
 */
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic", "exports"}) // Kafka's jars are automatic modules named from their file names
module io.cdcsdk.kafka {
    requires transitive io.cdcsdk.core;
    requires io.cdcsdk.dms;
    requires transitive kafka.clients;
    requires static connect.api;

    exports io.cdcsdk.kafka;
    exports io.cdcsdk.kafka.connect;
}
