package io.cdcsdk.kafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.kafka.ChangeEventDeserializer;
import io.cdcsdk.kafka.InProcessKafka;
import io.cdcsdk.kafka.RecordCoordinates;
import io.cdcsdk.router.Compaction;
import io.cdcsdk.router.FailedEvent;
import io.cdcsdk.router.Router;
import io.cdcsdk.router.Tables;
import io.cdcsdk.router.Unrouted;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The routing worker on a real broker: a consumer group of DMS changes that loses a consumer
 * without a commit and gains another, and the dead-letter and commit rules.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ConsumerGroupTest {
    private static final int CHANGES = 20_000;
    private static final int KEYS = 500;
    private static InProcessKafka kafka;
    private static Path tableDef;

    @BeforeAll
    static void start() throws Exception {
        kafka = InProcessKafka.start();
        tableDef = Files.createTempFile(Files.createDirectories(Path.of("target", "kafka")), "tables", ".json");
        Files.writeString(tableDef, "{\"tables\":{\"shop.orders\":{\"columns\":[\"id\",\"amount\",\"version\",\"note\"],\"key\":[\"id\"]}}}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** One produced change: its key and where it went. */
    private record Sent(Row key, int partition, long offset) {
    }

    /** One handling of an event: which worker, which offset. */
    private record Handled(int worker, long offset) {
    }

    static String dms(String operation, long id, BigDecimal amount, int version, String note) {
        return "{\"data\":{\"id\":" + id + ",\"amount\":" + amount.toString() + ",\"version\":" + version + ",\"note\":\"" + note + "\"},"
                + "\"metadata\":{\"timestamp\":\"2024-03-01T10:00:00." + String.format("%06d", version % 1_000_000) + "Z\","
                + "\"record-type\":\"data\",\"operation\":\"" + operation + "\",\"partition-key-type\":\"primary-key\","
                + "\"partition-key-value\":\"shop.orders." + id + "\",\"schema-name\":\"shop\",\"table-name\":\"orders\","
                + "\"transaction-id\":" + (1000 + version) + "}}";
    }

    /** A DMS message and the primary key of its row. */
    private record Change(long id, String json) {
        String messageKey() {
            return "shop.orders." + id; // DMS's partition-key-type = primary-key
        }

        Row key() {
            return Row.of(Map.of("id", BigDecimal.valueOf(id)));
        }
    }

    /** 20,000 changes over 500 keys: a load or insert first, then updates, deletes and re-inserts. */
    static List<Change> changes(Random random) {
        boolean[] exists = new boolean[KEYS + 1];
        List<Change> out = new ArrayList<>(CHANGES);
        for (int i = 0; i < CHANGES; i++) {
            int id = 1 + random.nextInt(KEYS);
            BigDecimal amount = BigDecimal.valueOf(random.nextLong() % 100_000_000_000L, random.nextInt(12));
            String op;
            if (!exists[id]) {
                op = i < CHANGES / 10 && id % 2 == 0 ? "load" : "insert";
                exists[id] = true;
            } else if (random.nextInt(100) < 12) {
                op = "delete";
                exists[id] = false;
            } else {
                op = "update";
            }
            out.add(new Change(id, dms(op, id, amount, i, "n\u00e9" + i)));
        }
        return out;
    }

    private static Properties consumerProperties(String group) {
        Properties p = kafka.clientProperties();
        p.put("group.id", group);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", ChangeEventDeserializer.class.getName());
        p.put("cdc.format", "dms-json");
        p.put("cdc.table-def", tableDef.toString());
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "250");
        p.put("heartbeat.interval.ms", "250"); // a member learns of a rebalance at its next heartbeat
        return p;
    }

    private static List<Sent> produce(String topic, List<Change> changes) throws Exception {
        Properties p = kafka.clientProperties();
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("batch.size", String.valueOf(1 << 18));
        List<Future<RecordMetadata>> futures = new ArrayList<>(changes.size());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Change change : changes) {
                futures.add(producer.send(new ProducerRecord<>(topic, change.messageKey(), change.json().getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
        }
        List<Sent> sent = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            RecordMetadata m = futures.get(i).get(30, TimeUnit.SECONDS);
            sent.add(new Sent(changes.get(i).key(), m.partition(), m.offset()));
        }
        return sent;
    }

    /** The single-process net change per key of the same changes, read as one DMS stream. */
    private static Map<Row, Row> compacted(List<Change> changes) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        changes.forEach(c -> ndjson.append(c.json()).append('\n'));
        List<ChangeEvent> events = new ArrayList<>(changes.size());
        try (ChangeReader reader = ChangeReaders.open(new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)),
                "changes.json", "dms-json", ReadOptions.defaults())) {
            reader.forEachRemaining(events::add);
        }
        assertEquals(CHANGES, events.size());
        Map<Row, Row> expected = new HashMap<>();
        for (ChangeEvent net : Compaction.builder().keys("id").build().compact(events)) {
            if (net.op() != Operation.DELETE) {
                expected.put(net.after().select(List.of("id")), net.after());
            }
        }
        return expected;
    }

    @Test
    void aGroupThatLosesAConsumerAndGainsOneHandlesEveryChangeInOrderPerKey() throws Exception {
        long t0 = System.nanoTime();
        String topic = "dms-orders";
        kafka.createTopic(topic, 4);
        List<Change> changes = changes(new Random(13));
        long ta = System.nanoTime();
        List<Sent> sent = produce(topic, changes);
        long tb = System.nanoTime();
        Map<Row, Row> expected = compacted(changes);

        long t1 = System.nanoTime();
        Map<Row, Row> state = new ConcurrentHashMap<>();
        Map<Row, List<Handled>> handled = new ConcurrentHashMap<>();
        AtomicInteger handlings = new AtomicInteger();
        List<FailedEvent> deadLetters = Collections.synchronizedList(new ArrayList<>());
        List<RecordDeserializationException> unreadable = Collections.synchronizedList(new ArrayList<>());
        RoutingWorker[] workers = new RoutingWorker[3];
        Thread[] threads = new Thread[3];
        for (int w = 0; w < 3; w++) {
            int worker = w;
            Router.Builder routes = Router.builder()
                    .on(Tables.table("shop", "orders"), Operation.INSERT, Operation.UPDATE, Operation.SNAPSHOT).to(e -> {
                        state.put(e.key(), e.after());
                        record(handled, e, worker, handlings);
                    })
                    .on(Tables.table("shop", "orders"), Operation.DELETE).to(e -> {
                        state.remove(e.key());
                        record(handled, e, worker, handlings);
                    })
                    .unrouted(Unrouted.FAIL);
            workers[w] = new RoutingWorker(new KafkaConsumer<>(consumerProperties("orders-group")), topic, routes,
                    deadLetters::add, unreadable::add);
            threads[w] = new Thread(workers[w], "worker-" + w);
        }
        threads[0].start();
        threads[1].start();
        while (handlings.get() < CHANGES / 2) {
            Thread.sleep(2);
        }
        long t2 = System.nanoTime();
        workers[0].abandon();
        threads[2].start();
        threads[0].join(30_000);
        int atKill = handlings.get();
        long t3 = System.nanoTime();
        while (distinctOffsets(handled) < CHANGES) {
            Thread.sleep(20);
        }
        long t4 = System.nanoTime();
        workers[1].stop();
        workers[2].stop();
        threads[1].join(30_000);
        threads[2].join(30_000);
        long t5 = System.nanoTime();
        Files.writeString(Path.of("target", "kafka", "timing.txt"), String.format("topic=%d send=%d produce=%d half=%d kill=%d rest=%d stop=%d%n",
                (ta - t0) / 1_000_000, (tb - ta) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000));

        assertTrue(deadLetters.isEmpty(), deadLetters::toString);
        assertTrue(unreadable.isEmpty());
        assertEquals(expected, state, "final state per key equals the compaction of the same changes");

        Map<Row, List<Long>> sentByKey = new HashMap<>();
        for (Sent s : sent) {
            sentByKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s.offset());
        }
        int redelivered = 0;
        int goBacks = 0;
        int[] perWorker = new int[3];
        for (Map.Entry<Row, List<Long>> e : sentByKey.entrySet()) {
            List<Long> order = e.getValue();
            List<Handled> seen = handled.get(e.getKey());
            assertEquals(new HashSet<>(order), new HashSet<>(seen.stream().map(Handled::offset).toList()),
                    "every change of the key handled");
            assertEquals(order.get(0), seen.get(0).offset());
            Set<Long> done = new HashSet<>();
            done.add(seen.get(0).offset());
            for (int i = 1; i < seen.size(); i++) {
                long previous = seen.get(i - 1).offset();
                long current = seen.get(i).offset();
                if (current > previous) {
                    assertEquals(order.get(order.indexOf(previous) + 1), current, "the key's next change, none skipped");
                } else {
                    goBacks++;
                    assertTrue(done.contains(current), "a step back only to re-deliver");
                }
                if (!done.add(current)) {
                    redelivered++;
                }
            }
            for (Handled h : seen) {
                perWorker[h.worker()]++;
            }
        }
        assertEquals(CHANGES, handlings.get() - redelivered);
        assertTrue(goBacks <= sentByKey.size(), "at most one re-delivery per key, after the kill");
        assertEquals(4, committed("orders-group", topic).size());
        long committedTotal = committed("orders-group", topic).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        assertEquals(CHANGES, committedTotal, "every partition committed to its end");
        // the counts of the run, for the record (the build's output stays quiet)
        Files.writeString(Path.of("target", "kafka", "consumer-group-counts.txt"), String.format(
                "changes=%d keys=%d handlings=%d handledWhenKilled=%d redelivered=%d keysThatSteppedBack=%d"
                        + " worker0=%d worker1=%d worker2=%d%n",
                CHANGES, sentByKey.size(), handlings.get(), atKill, redelivered, goBacks, perWorker[0], perWorker[1], perWorker[2]));
        assertFalse(expected.isEmpty());
    }

    @Test
    void deadLettersUnreadableMessagesAndNeverCommitsPastAnEventNotDone() throws Exception {
        String topic = "dms-poison";
        kafka.createTopic(topic, 1);
        List<Change> changes = List.of(
                new Change(1, dms("insert", 1, BigDecimal.ONE, 0, "a")),
                new Change(2, dms("insert", 2, BigDecimal.ONE, 1, "a")),
                new Change(2, "{\"data\":{\"id\":2,\"card\":\"SECRET\"},\"metadata\":{\"record-type\":"),
                new Change(1, dms("update", 1, BigDecimal.TEN, 3, "poison")),
                new Change(1, dms("update", 1, BigDecimal.TEN, 4, "after the poison")),
                new Change(2, dms("update", 2, BigDecimal.TEN, 5, "b")),
                new Change(2, dms("update", 2, BigDecimal.TEN, 6, "poison, dead letter fails once")),
                new Change(3, dms("insert", 3, BigDecimal.TEN, 7, "c")));
        produce(topic, changes);

        List<Long> handled = Collections.synchronizedList(new ArrayList<>());
        List<Long> deadLettered = Collections.synchronizedList(new ArrayList<>());
        List<String> deadLetterErrors = Collections.synchronizedList(new ArrayList<>());
        List<RecordDeserializationException> unreadable = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger deadLetterFailures = new AtomicInteger();
        Router.Builder routes = Router.builder()
                .on(Tables.table("shop", "orders")).to(e -> {
                    if (e.after().string("note").startsWith("poison")) {
                        throw new IllegalStateException("cannot apply");
                    }
                    handled.add(offset(e));
                });
        RoutingWorker worker = new RoutingWorker(new KafkaConsumer<>(consumerProperties("poison-group")), topic, routes,
                failure -> {
                    if (offset(failure.event()) == 6 && deadLetterFailures.getAndIncrement() == 0) {
                        throw new java.io.IOException("dead-letter queue unavailable");
                    }
                    deadLettered.add(offset(failure.event()));
                    deadLetterErrors.add(failure.errorClass());
                },
                unreadable::add);
        Thread thread = new Thread(worker, "poison-worker");
        thread.start();
        while (committed("poison-group", topic).getOrDefault(new TopicPartition(topic, 0), new OffsetAndMetadata(0)).offset() < 8) {
            Thread.sleep(20);
        }
        worker.stop();
        thread.join(30_000);

        assertEquals(1, unreadable.size());
        RecordDeserializationException e = unreadable.get(0);
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains(topic + "-0") && e.getMessage().contains("offset 2"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("SECRET"), t.getMessage());
        }
        assertEquals(List.of(3L, 4L, 6L), deadLettered, "the poison, the event of its key after it, and the one whose dead letter failed once");
        assertEquals(List.of(IllegalStateException.class.getName(), io.cdcsdk.router.KeyBlockedException.class.getName(),
                IllegalStateException.class.getName()), deadLetterErrors);
        assertEquals(2, deadLetterFailures.get());
        assertEquals(List.of(0L, 1L, 5L, 7L, 7L), handled, "7 comes again after the worker sought back to 6");
        assertEquals(8, committed("poison-group", topic).get(new TopicPartition(topic, 0)).offset());
    }

    private static long offset(ChangeEvent e) {
        return ((BigDecimal) e.meta().get(RecordCoordinates.META_OFFSET)).longValueExact();
    }

    private static void record(Map<Row, List<Handled>> handled, ChangeEvent e, int worker, AtomicInteger handlings) {
        long offset = ((BigDecimal) e.meta().get(RecordCoordinates.META_OFFSET)).longValueExact();
        handled.computeIfAbsent(e.key(), k -> Collections.synchronizedList(new ArrayList<>())).add(new Handled(worker, offset));
        handlings.incrementAndGet();
    }

    private static long distinctOffsets(Map<Row, List<Handled>> handled) {
        long n = 0;
        for (List<Handled> list : handled.values()) {
            synchronized (list) {
                n += list.stream().map(Handled::offset).distinct().count();
            }
        }
        return n;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> ofTopic = new HashMap<>();
            all.forEach((tp, o) -> {
                if (tp.topic().equals(topic) && o != null) {
                    ofTopic.put(tp, o);
                }
            });
            return ofTopic;
        }
    }
}
