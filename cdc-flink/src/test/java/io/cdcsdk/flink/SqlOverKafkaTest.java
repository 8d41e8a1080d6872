package io.cdcsdk.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.router.Compaction;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL format 'cdc' with the {@code kafka} connector: DMS JSON changes keyed by primary key on a
 * topic of two partitions of a KRaft broker in the test's JVM, read in streaming mode on a
 * MiniCluster of parallelism 2 up to the latest offsets.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqlOverKafkaTest {
    private static final String TOPIC = "orders";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkTests.cluster();

    private static KafkaClusterTestKit broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "kafka"));
        broker = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(Files.createTempDirectory(dir, "kraft")).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        PrintStream out = System.out;
        try {
            // formatting the metadata directory prints to standard output, which no logger setting silences
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            broker.format();
        } finally {
            System.setOut(out);
        }
        broker.startup();
        broker.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theFinalTableEqualsCompactionWithExactDecimalsAndMetadata() throws Exception {
        List<byte[]> messages = changes(new Random(12), 200, 12);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ChangeEventDeserializationSchema dmsJson = ChangeEventDeserializationSchema.builder("dms-json").build();
        List<ChangeEvent> events = new ArrayList<>();
        Map<Long, String> lastOperation = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] message : messages) {
                ChangeEvent event = dmsJson.deserialize(message);
                events.add(event);
                long id = id(event.op() == Operation.DELETE ? event.before() : event.after());
                lastOperation.put(id, event.op().wireName());
                // keyed by primary key: the changes of one key stay in order on one partition
                producer.send(new ProducerRecord<>(TOPIC, Long.toString(id).getBytes(StandardCharsets.UTF_8), message));
            }
            producer.flush();
        }

        Map<Long, List<Object>> expected = new TreeMap<>();
        for (ChangeEvent e : Compaction.builder().keys("id").build().compact(events)) {
            if (e.op() != Operation.DELETE) {
                long id = id(e.after());
                expected.put(id, Arrays.asList(e.after().get("name"), e.after().get("amount"), "orders", lastOperation.get(id)));
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.executeSql("""
                CREATE TABLE orders (
                  id BIGINT,
                  name STRING,
                  amount DECIMAL(12, 2),
                  tbl STRING METADATA FROM 'value.table' VIRTUAL,
                  op STRING METADATA FROM 'value.operation' VIRTUAL,
                  part INT METADATA FROM 'partition' VIRTUAL,
                  PRIMARY KEY (id) NOT ENFORCED
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'scan.startup.mode' = 'earliest-offset',
                  'scan.bounded.mode' = 'latest-offset',
                  'format' = 'cdc',
                  'cdc.format' = 'dms-json'
                )""".formatted(TOPIC, broker.bootstrapServers()));
        Map<Long, List<Object>> sql = new TreeMap<>();
        Set<Object> partitions = new HashSet<>();
        CloseableIterator<Row> changes = tables.executeSql("SELECT * FROM orders").collect();
        try {
            changes.forEachRemaining(row -> {
                long id = (Long) row.getField("id");
                partitions.add(row.getField("part"));
                switch (row.getKind()) {
                    case INSERT, UPDATE_AFTER -> sql.put(id, Arrays.asList(row.getField("name"), row.getField("amount"),
                            row.getField("tbl"), row.getField("op")));
                    case UPDATE_BEFORE, DELETE -> sql.remove(id);
                }
            });
        } finally {
            changes.close();
        }

        assertTrue(expected.size() >= 5 && expected.size() < 12, "keys left: " + expected.size());
        assertTrue(lastOperation.containsValue("delete"), "no key ends deleted");
        assertEquals(expected, sql);
        assertEquals(Set.of(0, 1), partitions);
        // exact: BigDecimal equality holds the scale, so 10.50 is not 10.5
        sql.values().forEach(row -> assertEquals(2, ((BigDecimal) row.get(1)).scale(), row::toString));
    }

    private static long id(io.cdcsdk.core.Row row) {
        return new BigDecimal(String.valueOf(row.get("id"))).longValueExact();
    }

    /**
     * DMS JSON messages of a Kafka target over {@code keys} keys: an insert for an absent key, else
     * an update or (one time in four) a delete; amounts of two decimals up to 12 digits.
     */
    private static List<byte[]> changes(Random random, int count, int keys) {
        Map<Integer, Boolean> present = new HashMap<>();
        List<byte[]> messages = new ArrayList<>();
        Instant ts = Instant.parse("2024-06-12T10:31:25.108123Z");
        for (int i = 0; i < count; i++) {
            int id = 1 + random.nextInt(keys);
            String operation = !present.getOrDefault(id, false) ? "insert" : random.nextInt(4) == 0 ? "delete" : "update";
            present.put(id, !operation.equals("delete"));
            BigDecimal amount = BigDecimal.valueOf(random.nextLong(1_000_000_000_000L) * (random.nextBoolean() ? 1 : -1), 2);
            if (i % 7 == 0) {
                amount = BigDecimal.valueOf(random.nextInt(100) * 10L, 2); // a trailing zero: 1.50
            }
            String data = "{\"id\":%d,\"name\":\"n%d-%d\",\"amount\":%s}".formatted(id, id, i, amount.toPlainString());
            String message = ("{\"data\":%s,\"metadata\":{\"timestamp\":\"%s\",\"record-type\":\"data\",\"operation\":\"%s\","
                    + "\"partition-key-type\":\"primary-key\",\"schema-name\":\"sales\",\"table-name\":\"orders\","
                    + "\"transaction-id\":%d}}").formatted(data, ts.plusMillis(i), operation, 1000 + i);
            messages.add(message.getBytes(StandardCharsets.UTF_8));
        }
        return messages;
    }
}
