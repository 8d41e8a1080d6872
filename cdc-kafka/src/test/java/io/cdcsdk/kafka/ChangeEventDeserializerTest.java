package io.cdcsdk.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeEventDeserializerTest {
    private static final String TOPIC = "dms.orders";

    private static ChangeEventDeserializer deserializer(Map<String, Object> configs) {
        ChangeEventDeserializer d = new ChangeEventDeserializer();
        d.configure(configs, false);
        return d;
    }

    @Test
    void readsADmsKafkaMessageWithExactValues() {
        ChangeEvent e = deserializer(Map.of("cdc.format", "dms-json"))
                .deserialize(TOPIC, Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-sample-insert.json"));
        assertEquals(Operation.INSERT, e.op());
        assertEquals("testdb.orders", e.source().qualifiedTable());
        assertEquals(new BigDecimal("1"), e.after().decimal("orderId"));
        assertEquals("20", e.after().string("amount"));
        assertEquals(Instant.parse("2020-05-30T10:34:47.209089Z"), e.ts());
        assertEquals("12893313321", e.tx());
        assertEquals(TOPIC, e.meta().get(RecordCoordinates.META_TOPIC));
    }

    @Test
    void detectsTheFormatWhenNoneIsConfigured() {
        ChangeEventDeserializer d = deserializer(Map.of());
        assertEquals("dms-json", d.deserialize(TOPIC, Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-update-singleline.json"))
                .source().format());
        ChangeEvent ddb = d.deserialize("ddb", Samples.bytes("lambda-record_java-libs_single-modify-record.json"));
        assertEquals("dynamodb-stream", ddb.source().format());
        assertEquals(Operation.UPDATE, ddb.op());
        assertEquals("4421584500000000017450439092", ddb.position());
    }

    @Test
    void aTombstoneIsNull() {
        ChangeEventDeserializer d = deserializer(Map.of("cdc.format", "dms-json"));
        assertNull(d.deserialize(TOPIC, null));
        assertNull(d.deserialize(TOPIC, new RecordHeaders(), (ByteBuffer) null));
        assertNull(deserializer(Map.of()).deserialize(TOPIC, new RecordHeaders(), (byte[]) null));
    }

    @Test
    void readsFromABufferWithHeadersWithoutCopying() {
        byte[] message = Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-delete-singleline.json");
        byte[] framed = new byte[message.length + 10];
        System.arraycopy(message, 0, framed, 5, message.length);
        ByteBuffer slice = ByteBuffer.wrap(framed, 5, message.length).slice();
        ChangeEvent e = deserializer(Map.of("cdc.format", "dms-json")).deserialize(TOPIC, new RecordHeaders(), slice);
        assertEquals(Operation.DELETE, e.op());
        assertEquals(new BigDecimal("1"), e.before().decimal("orderId"));
        ByteBuffer direct = ByteBuffer.allocateDirect(message.length).put(message).flip();
        assertEquals(e, deserializer(Map.of("cdc.format", "dms-json")).deserialize(TOPIC, new RecordHeaders(), direct));
    }

    @Test
    void aMessageOfSeveralEventsNamesTheListDeserializer() {
        byte[] lambdaEvent = Samples.bytes("lambda-event_aws-docs-lambda-dg_example.json");
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer(Map.of()).deserialize("ddb", lambdaEvent));
        assertTrue(e.getMessage().contains("holds 2 change events"), e.getMessage());
        assertTrue(e.getMessage().contains(ChangeEventsDeserializer.class.getName()), e.getMessage());

        ChangeEventsDeserializer list = new ChangeEventsDeserializer();
        list.configure(Map.of("cdc.format", "dynamodb-stream"), false);
        List<ChangeEvent> events = list.deserialize("ddb", lambdaEvent);
        assertEquals(List.of(Operation.INSERT, Operation.UPDATE), events.stream().map(ChangeEvent::op).toList());
        List<ChangeEvent> located = RecordCoordinates.locateAll(new ConsumerRecord<>("ddb", 2, 42L, null, events));
        assertEquals(List.of("111", "222"), located.stream().map(ChangeEvent::position).toList());
        assertEquals(new BigDecimal(42), located.get(1).meta().get(RecordCoordinates.META_OFFSET));
        assertNull(list.deserialize("ddb", null));
    }

    @Test
    void coordinatesAndAnOffsetPositionWhereThePayloadHasNone() {
        ChangeEventDeserializer d = deserializer(Map.of("cdc.format", "dms-json"));
        ChangeEvent noPosition = d.deserialize(TOPIC, Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-update-singleline.json"));
        ChangeEvent located = RecordCoordinates.locate(new ConsumerRecord<>(TOPIC, 3, 1234L, null, noPosition));
        assertEquals("0000000000000001234", located.position());
        assertEquals(new BigDecimal(3), located.meta().get(RecordCoordinates.META_PARTITION));
        assertEquals(new BigDecimal(1234), located.meta().get(RecordCoordinates.META_OFFSET));
        assertEquals(TOPIC, located.meta().get(RecordCoordinates.META_TOPIC));
        assertTrue(RecordCoordinates.locate(new ConsumerRecord<>(TOPIC, 3, 999L, null, noPosition)).position()
                .compareTo(located.position()) < 0, "offset positions order as strings");

        ChangeEvent withPosition = d.deserialize(TOPIC, Samples.bytes("kafka-json_aws-docs_data-message-all-metadata.json"));
        assertEquals(withPosition.position(), RecordCoordinates.locate(new ConsumerRecord<>(TOPIC, 0, 7L, null, withPosition)).position());
        assertNull(RecordCoordinates.locate(new ConsumerRecord<String, ChangeEvent>(TOPIC, 0, 8L, null, null)));
    }

    @Test
    void tableDefinitionsGiveKeys(@TempDir Path dir) throws IOException {
        Path defs = dir.resolve("tables.json");
        Files.writeString(defs, "{\"tables\":{\"testdb.orders\":{\"columns\":[\"orderId\",\"source\",\"amount\",\"state\",\"date\"],"
                + "\"key\":[\"orderId\"]}}}");
        ChangeEventDeserializer d = deserializer(Map.of("cdc.format", "dms-json", "cdc.table-def", defs.toString()));
        ChangeEvent insert = d.deserialize(TOPIC, Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-insert-singleline.json"));
        assertEquals(Row.of(Map.of("orderId", new BigDecimal(1))), insert.key());
        ChangeEvent delete = d.deserialize(TOPIC, Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-delete-singleline.json"));
        assertEquals(Row.of(Map.of("orderId", new BigDecimal(1))), delete.key());
        assertNull(deserializer(Map.of("cdc.format", "dms-json"))
                .deserialize(TOPIC, Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-insert-singleline.json")).key());
    }

    @Test
    void badConfigurationIsAConfigException() {
        assertThrows(ConfigException.class, () -> deserializer(Map.of("cdc.format", "no-such-format")));
        assertThrows(ConfigException.class, () -> deserializer(Map.of("cdc.on-error", "retry")));
        assertThrows(ConfigException.class, () -> deserializer(Map.of("cdc.table-def", "/no/such/file.json")));
    }

    @Test
    void badInputUnderFailNamesTheTopicNeverTheValue() {
        String secret = "{\"data\":{\"card\":\"4111-SECRET\"},\"metadata\":{\"record-type\":\"data\",\"operation\":\"insert\",\"table-name\":";
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer(Map.of("cdc.format", "dms-json")).deserialize(TOPIC, secret.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertInstanceOf(ChangeReadException.class, e.getCause());

        SerializationException unknown = assertThrows(SerializationException.class,
                () -> deserializer(Map.of()).deserialize(TOPIC, "SECRET plain text".getBytes(StandardCharsets.UTF_8)));
        assertTrue(unknown.getMessage().contains("no format recognizes"), unknown.getMessage());
        assertFalse(unknown.getMessage().contains("SECRET"), unknown.getMessage());
    }

    @Test
    void badInputUnderSkipIsCountedAndToldAndGivesNull() {
        List<ChangeReadException> told = new ArrayList<>();
        ChangeEventDeserializer d = new ChangeEventDeserializer(told::add);
        d.configure(Map.of("cdc.format", "dms-json", "cdc.on-error", "skip"), false);
        assertNull(d.deserialize(TOPIC, "{\"data\":{\"x\":".getBytes(StandardCharsets.UTF_8)));
        assertNull(d.deserialize(TOPIC, "not json at all".getBytes(StandardCharsets.UTF_8)));
        ChangeEvent good = d.deserialize(TOPIC, Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-insert-singleline.json"));
        assertEquals(Operation.INSERT, good.op());
        assertEquals(2, d.skipped());
        assertEquals(2, told.size());
        assertTrue(told.get(0).position().sourceName().equals(TOPIC), told.get(0).position().describe());
    }

    @Test
    void aGzipBombStaysWithinTheLimits() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("{\"data\":{\"pad\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) 'a');
            for (int i = 0; i < 64; i++) {
                gzip.write(spaces);
            }
        }
        byte[] bomb = out.toByteArray();
        assertTrue(bomb.length < (64 << 20) / 500, "compressed " + bomb.length);
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer(Map.of("cdc.format", "dms-json")).deserialize(TOPIC, bomb));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, ((ChangeReadException) e.getCause()).kind(), e.getMessage());

        ChangeEventDeserializer skipping = deserializer(Map.of("cdc.format", "dms-json", "cdc.on-error", "skip"));
        assertNull(skipping.deserialize(TOPIC, bomb));
        assertEquals(1, skipping.skipped());
    }

    @Test
    void deepNestingStaysWithinTheLimits() {
        int depth = 200_000;
        StringBuilder nested = new StringBuilder("{\"data\":{\"x\":");
        nested.append("[".repeat(depth)).append("]".repeat(depth)).append("},\"metadata\":{\"record-type\":\"data\"}}");
        byte[] message = nested.toString().getBytes(StandardCharsets.UTF_8);
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer(Map.of("cdc.format", "dms-json")).deserialize(TOPIC, message));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, ((ChangeReadException) e.getCause()).kind(), e.getMessage());
        ChangeEventDeserializer skipping = deserializer(new HashMap<>(Map.of("cdc.format", "dms-json", "cdc.on-error", "skip")));
        assertNull(skipping.deserialize(TOPIC, message));
        assertEquals(1, skipping.skipped());
    }
}
