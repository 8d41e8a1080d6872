package io.cdcsdk.kafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.kafka.ChangeEventSerde;
import io.cdcsdk.kafka.Samples;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class LatestRowTopologyTest {

    /** A DMS Kafka message of the test table {@code shop.orders}, as DMS writes it. */
    static String dms(String operation, long id, String amount, String note) {
        String data = "{\"id\":" + id + ",\"amount\":" + amount + ",\"note\":" + (note == null ? "null" : "\"" + note + "\"") + "}";
        return "{\"data\":" + data + ",\"metadata\":{\"timestamp\":\"2024-03-01T10:00:00.123456789Z\",\"record-type\":\"data\","
                + "\"operation\":\"" + operation + "\",\"partition-key-type\":\"primary-key\","
                + "\"partition-key-value\":\"shop.orders." + id + "\",\"schema-name\":\"shop\",\"table-name\":\"orders\"}}";
    }

    @Test
    void keepsTheLatestRowPerKeyWithDeletesAndExactValues() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "latest-rows-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(
                LatestRowTopology.topology("dms", "latest", Map.of("cdc.format", "dms-json", "cdc.on-error", "skip")), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("dms", new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, ChangeEvent> out = driver.createOutputTopic("latest", new StringDeserializer(),
                    new ChangeEventSerde().deserializer());
            List<KeyValue<String, String>> changes = List.of(
                    KeyValue.pair("shop.orders.1", dms("load", 1, "10.50", "a")),
                    KeyValue.pair("shop.orders.2", dms("insert", 2, "123456789012345678901234567890.123456789", null)),
                    KeyValue.pair("shop.orders.1", dms("update", 1, "1E-130", "b")),
                    KeyValue.pair("shop.orders.3", dms("insert", 3, "7", "c")),
                    KeyValue.pair("shop.orders.3", dms("delete", 3, "7", "c")),
                    KeyValue.pair("shop.orders.2", "{\"data\":{\"id\":".toString()),
                    KeyValue.pair("shop.orders", new String(Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-drop-table.json"), StandardCharsets.UTF_8)),
                    KeyValue.pair("shop.orders.4", dms("insert", 4, "0.00", "d")),
                    KeyValue.pair("shop.orders.4", dms("delete", 4, "0.00", "d")),
                    KeyValue.pair("shop.orders.4", dms("insert", 4, "4.000", "again")));
            for (KeyValue<String, String> change : changes) {
                in.pipeInput(change.key, change.value.getBytes(StandardCharsets.UTF_8));
            }

            KeyValueStore<String, ChangeEvent> store = driver.getKeyValueStore(LatestRowTopology.STORE);
            Map<String, Row> rows = new LinkedHashMap<>();
            store.all().forEachRemaining(kv -> rows.put(kv.key, kv.value.after()));
            assertEquals(Map.of(
                    "shop.orders.1", row(1, "1E-130", "b"),
                    "shop.orders.2", row(2, "123456789012345678901234567890.123456789", null),
                    "shop.orders.4", row(4, "4.000", "again")), rows);
            assertEquals(new BigDecimal("1E-130").scale(), rows.get("shop.orders.1").decimal("amount").scale());
            ChangeEvent latest = store.get("shop.orders.1");
            assertEquals(Operation.UPDATE, latest.op());
            assertEquals(Instant.parse("2024-03-01T10:00:00.123456789Z"), latest.ts());
            assertNull(store.get("shop.orders.3"));

            List<KeyValue<String, ChangeEvent>> changelog = out.readKeyValuesToList();
            assertEquals(8, changelog.size());
            assertNull(changelog.get(4).value, "the delete of key 3 is a tombstone");
            assertEquals("shop.orders.3", changelog.get(4).key);
            assertEquals(row(4, "4.000", "again"), changelog.get(7).value.after());
        }
    }

    private static Row row(long id, String amount, String note) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", new BigDecimal(id));
        m.put("amount", new BigDecimal(amount));
        m.put("note", note);
        return Row.of(m);
    }
}
