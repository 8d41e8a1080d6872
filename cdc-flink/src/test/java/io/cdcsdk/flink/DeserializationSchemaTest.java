package io.cdcsdk.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.ReadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;

class DeserializationSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDynamoDbKinesisRecordStreamGivesTheEventsOfTheFile() throws Exception {
        java.nio.file.Path file = FileSourceTest.resource("kinesis/kds-for-dynamodb_payloads.json");
        ChangeEventDeserializationSchema schema = ChangeEventDeserializationSchema.builder("dynamodb-stream")
                .sourceName("orders-stream").build();
        schema.open(context());
        List<ChangeEvent> fromMessages = new ArrayList<>();
        for (JsonNode payload : JSON.readTree(file.toFile())) {
            schema.deserialize(JSON.writeValueAsBytes(payload), collector(fromMessages));
        }
        List<ChangeEvent> fromFile = new ArrayList<>();
        try (ChangeReader reader = ChangeReaders.open(file, "dynamodb-stream", ReadOptions.defaults())) {
            reader.forEachRemaining(fromFile::add);
        }
        assertEquals(2, fromMessages.size());
        assertEquals(withoutOrigin(fromFile), withoutOrigin(fromMessages));
        assertEquals("orders-stream", fromMessages.get(0).origin().sourceName());
    }

    @Test
    void oneMessageMayGiveSeveralEvents() throws Exception {
        byte[] twoRecords = Files.readAllBytes(FileSourceTest.resource("kinesis/kds-for-dynamodb_payloads.json"));
        ChangeEventDeserializationSchema schema = ChangeEventDeserializationSchema.builder("dynamodb-stream").build();
        List<ChangeEvent> out = new ArrayList<>();
        schema.deserialize(twoRecords, collector(out));
        assertEquals(2, out.size());
        assertThrows(IOException.class, () -> schema.deserialize(twoRecords));
    }

    @Test
    void dmsJsonMessagesOfAKafkaTarget() throws Exception {
        ChangeEventDeserializationSchema schema = ChangeEventDeserializationSchema.builder("dms-json").build();
        String insert = "{\"data\":{\"id\":1,\"amount\":12.50},\"metadata\":{\"timestamp\":\"2024-01-01T00:00:00.123456Z\","
                + "\"record-type\":\"data\",\"operation\":\"insert\",\"partition-key-type\":\"schema-table\","
                + "\"schema-name\":\"sales\",\"table-name\":\"orders\",\"transaction-id\":12}}";
        ChangeEvent event = schema.deserialize(insert.getBytes(StandardCharsets.UTF_8));
        assertEquals("sales.orders", event.source().qualifiedTable());
        assertEquals(new java.math.BigDecimal("12.50"), event.after().get("amount"));
        assertNull(schema.deserialize(null));
    }

    @Test
    void aBadMessageFailsWithoutItsValuesOrIsSkippedAndCounted() throws Exception {
        byte[] bad = "{\"data\":{\"id\":\"SECRET\"},\"metadata\":{\"operation\":7}}".getBytes(StandardCharsets.UTF_8);
        ChangeEventDeserializationSchema failing = ChangeEventDeserializationSchema.builder("dms-json").sourceName("topic-a").build();
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> failing.deserialize(bad));
        assertTrue(e.getMessage().contains("topic-a"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());

        ChangeEventDeserializationSchema skipping = ChangeEventDeserializationSchema.builder("dms-json").ignoreParseErrors(true).build();
        org.apache.flink.metrics.SimpleCounter counter = new org.apache.flink.metrics.SimpleCounter();
        skipping.open(new Context(new UnregisteredMetricsGroup() {
            @Override
            public org.apache.flink.metrics.Counter counter(String name) {
                assertEquals("numRecordsInErrors", name);
                return counter;
            }
        }));
        assertNull(skipping.deserialize(bad));
        assertEquals(1, counter.getCount());
    }

    private static List<String> withoutOrigin(List<ChangeEvent> events) {
        return events.stream().map(e -> e.op() + " " + e.source() + " " + e.key() + " " + e.before() + " " + e.after()
                + " " + (e.after() == null ? null : e.after().asMap()) + " " + e.ts() + " " + e.position() + " " + e.tx()).toList();
    }

    private static Collector<ChangeEvent> collector(List<ChangeEvent> into) {
        return new Collector<>() {
            @Override
            public void collect(ChangeEvent record) {
                into.add(record);
            }

            @Override
            public void close() {
            }
        };
    }

    private static DeserializationSchema.InitializationContext context() {
        return new Context(new UnregisteredMetricsGroup());
    }

    private record Context(org.apache.flink.metrics.MetricGroup group) implements DeserializationSchema.InitializationContext {
        @Override
        public org.apache.flink.metrics.MetricGroup getMetricGroup() {
            return group;
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }
    }
}
