/**
 * Kafka Connect: {@link io.cdcsdk.kafka.connect.DebeziumEnvelope}, a single message transform that
 * turns DMS and DynamoDB change records into Connect records in Debezium's envelope.
 */
package io.cdcsdk.kafka.connect;
