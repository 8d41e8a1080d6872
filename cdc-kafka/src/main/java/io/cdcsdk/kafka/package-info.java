/**
 * Change events from Kafka: {@link io.cdcsdk.kafka.ChangeEventDeserializer} for a message that
 * holds one change, {@link io.cdcsdk.kafka.ChangeEventsDeserializer} for a message that holds
 * several, {@link io.cdcsdk.kafka.RecordCoordinates} to add a consumer record's topic, partition and
 * offset to its events, and {@link io.cdcsdk.kafka.ChangeEventSerde} for Kafka Streams.
 */
package io.cdcsdk.kafka;
