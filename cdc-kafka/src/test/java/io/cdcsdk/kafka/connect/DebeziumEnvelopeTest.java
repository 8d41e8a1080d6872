package io.cdcsdk.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.kafka.ChangeEventDeserializer;
import io.cdcsdk.kafka.Samples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebeziumEnvelopeTest {
    private static final String TOPIC = "dms";

    private static DebeziumEnvelope<SinkRecord> transform(Map<String, Object> configs) {
        DebeziumEnvelope<SinkRecord> t = new DebeziumEnvelope<>();
        t.configure(configs);
        return t;
    }

    private static SinkRecord record(Object value, long offset) {
        return new SinkRecord(TOPIC, 1, Schema.OPTIONAL_STRING_SCHEMA, "a-key", null, value, offset);
    }

    private static String line(String sample, int number) {
        return new String(Samples.bytes(sample), StandardCharsets.UTF_8).split("\n")[number - 1];
    }

    private static Map<String, Object> fields(Struct s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : s.schema().fields()) {
            m.put(f.name(), s.get(f));
        }
        return m;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void anInsertIsOpCWithTheRowInAfterAndTheSource() {
        SinkRecord out = transform(Map.of("cdc.format", "dms-json"))
                .apply(record(Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-sample-insert.json"), 5));
        Struct envelope = (Struct) out.value();
        assertEquals("testdb.orders.Envelope", out.valueSchema().name());
        assertEquals(List.of("before", "after", "source", "op", "ts_ms", "images", "unavailable"),
                out.valueSchema().fields().stream().map(Field::name).toList());
        Schema value = out.valueSchema().field("after").schema();
        assertEquals("testdb.orders.Value", value.name());
        assertTrue(value.isOptional());
        assertEquals(Schema.Type.INT64, value.field("orderId").schema().type());
        assertEquals(Schema.Type.STRING, value.field("amount").schema().type());
        assertEquals("c", envelope.get("op"));
        assertNull(envelope.get("before"));
        assertEquals(map("orderId", 1L, "source", "android", "amount", "20", "state", "Ohio", "date", "2020-05-30T10:34:43Z"),
                fields(envelope.getStruct("after")));
        assertEquals(map("format", "dms-json", "schema", "testdb", "table", "orders", "ts_ms", 1590834887209L,
                "ts_ns", 1590834887209089000L, "position", "0000000000000000005", "tx", "12893313321"),
                fields(envelope.getStruct("source")));
        assertEquals(1590834887209L, envelope.get("ts_ms"));
        assertEquals("a-key", out.key(), "no key known: the record's key stays");
        ((Struct) out.value()).validate();
    }

    @Test
    void updatesWithAndWithoutABeforeImage() {
        DebeziumEnvelope<SinkRecord> t = transform(Map.of("cdc.format", "dms-json"));
        Struct without = (Struct) t.apply(record(Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-update-singleline.json"), 1)).value();
        assertEquals("u", without.get("op"));
        assertNull(without.get("before"));
        assertEquals(1L, without.getStruct("after").get("orderId"));

        String sample = "kinesis-json_crate-commons-codec_postgres-serverless_messages.ndjson";
        SinkRecord out = t.apply(record(line(sample, 6), 2));
        Struct with = (Struct) out.value();
        assertEquals("u", with.get("op"));
        assertEquals(map("age", null, "attributes", null, "id", 46L, "name", null), fields(with.getStruct("before")));
        assertEquals(map("age", 31L, "attributes", "{\"baz\": \"qux\"}", "id", 45L, "name", "Jane"), fields(with.getStruct("after")));
        assertSame(with.getStruct("before").schema(), with.getStruct("after").schema());
        assertEquals("00000002/7C0073F8.2.00000002/7C0073F8", with.getStruct("source").get("position"),
                "the payload's own position is kept");
        with.validate();
    }

    @Test
    void aDeleteHasTheRowInBefore() {
        Struct d = (Struct) transform(Map.of()).apply(record(Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-delete-singleline.json"), 3)).value();
        assertEquals("d", d.get("op"));
        assertNull(d.get("after"));
        assertEquals(map("orderId", 1L, "source", "android", "amount", "20", "state", "Ohio", "date", "2020-05-30T10:34:43Z"),
                fields(d.getStruct("before")));
    }

    @Test
    void aLoadIsOpRAndTableDefinitionsGiveAKeyStruct(@TempDir Path dir) throws IOException {
        Path defs = dir.resolve("tables.json");
        Files.writeString(defs, "{\"tables\":{\"public.foo\":{\"columns\":[\"id\",\"age\",\"attributes\",\"name\"],\"key\":[\"id\"]}}}");
        SinkRecord out = transform(Map.of("cdc.format", "dms-json", "cdc.table-def", defs.toString()))
                .apply(record(line("kinesis-json_crate-commons-codec_postgres-serverless_messages.ndjson", 3), 9));
        Struct load = (Struct) out.value();
        assertEquals("r", load.get("op"));
        assertEquals(map("age", 30L, "attributes", "{\"foo\": \"bar\"}", "id", 42L, "name", "John"), fields(load.getStruct("after")));
        assertEquals("public.foo.Key", out.keySchema().name());
        assertEquals(map("id", 42L), fields((Struct) out.key()));
    }

    @Test
    void controlRecordsAreDroppedAndCountedOrPassedAsSchemaChangesNeverInserts() {
        byte[] create = Samples.bytes("kafka-json_aws-docs_control-create-table-with-details.json");
        DebeziumEnvelope<SinkRecord> drop = transform(Map.of("cdc.format", "dms-json"));
        assertNull(drop.apply(record(create, 1)));
        assertNull(drop.apply(record(Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-drop-table.json"), 2)));
        assertEquals(2, drop.droppedControlRecords());

        SinkRecord out = transform(Map.of("cdc.format", "dms-json", "cdc.control", "schema-change")).apply(record(create, 1));
        assertEquals("io.cdcsdk.connect.SchemaChange", out.valueSchema().name());
        Struct change = (Struct) out.value();
        assertEquals("create-table", change.get("operation"));
        assertEquals("sbtest_t1", change.getStruct("source").get("table"));
        assertTrue(change.getString("table_def").contains("\"primary-key\":[\"id\"]"), change.getString("table_def"));
        assertEquals("io.debezium.data.Json", out.valueSchema().field("table_def").schema().name());
        assertThrows(ConfigException.class, () -> transform(Map.of("cdc.control", "insert")));
    }

    @Test
    void aDynamoDbStreamRecordWithItsKeyAndSequenceNumber() {
        SinkRecord out = transform(Map.of("cdc.format", "dynamodb-stream"))
                .apply(record(new String(Samples.bytes("lambda-record_java-libs_single-modify-record.json"), StandardCharsets.UTF_8), 4));
        Struct u = (Struct) out.value();
        assertEquals("u", u.get("op"));
        assertEquals(map("Message", "New item!", "Id", 101L), fields(u.getStruct("before")));
        assertEquals(map("Message", "This item has changed", "Id", 101L), fields(u.getStruct("after")));
        assertEquals("4421584500000000017450439092", u.getStruct("source").get("position"));
        assertEquals(1635734407123456789L, u.getStruct("source").get("ts_ns"));
        assertEquals(map("Id", 101L), fields((Struct) out.key()));
    }

    @Test
    void numbersStayExactAndNestedValuesAreJson() {
        String message = "{\"before-image\":{\"id\":1,\"amount\":10.5,\"tags\":null},"
                + "\"data\":{\"id\":1,\"amount\":123456789012345678901234567890.123456789,\"tags\":[\"a\",{\"b\":1E-130}],\"flag\":true},"
                + "\"metadata\":{\"record-type\":\"data\",\"operation\":\"update\",\"schema-name\":\"s\",\"table-name\":\"t\"}}";
        Struct u = (Struct) transform(Map.of("cdc.format", "dms-json")).apply(record(message, 0)).value();
        Schema amount = u.schema().field("after").schema().field("amount").schema();
        assertEquals(Decimal.LOGICAL_NAME, amount.name());
        assertEquals("9", amount.parameters().get(Decimal.SCALE_FIELD));
        assertEquals(new BigDecimal("123456789012345678901234567890.123456789"), u.getStruct("after").get("amount"));
        assertEquals(new BigDecimal("10.500000000"), u.getStruct("before").get("amount"));
        assertEquals("[\"a\",{\"b\":1E-130}]", u.getStruct("after").get("tags"));
        assertEquals(Boolean.TRUE, u.getStruct("after").get("flag"));
        u.validate();
    }

    @Test
    void imagesAndUnavailableColumnsOfTheModel() {
        String message = "{\"data\":{\"id\":7,\"name\":\"x\"},\"metadata\":{\"record-type\":\"data\",\"operation\":\"update\","
                + "\"schema-name\":\"s\",\"table-name\":\"t\"}}";
        Struct plain = (Struct) transform(Map.of("cdc.format", "dms-json")).apply(record(message, 0)).value();
        ChangeEvent event = new ChangeEventDeserializer().deserialize("t", message.getBytes(StandardCharsets.UTF_8));
        if (event.images().isUnknown()) {
            assertNull(plain.get("images"));
        } else {
            assertEquals(event.images().after() == null ? null : event.images().after().wireName(), plain.getStruct("images").get("after"));
        }
        assertNull(plain.get("unavailable"));

        ChangeEvent partial = event.toBuilder()
                .images(new Images(Completeness.ABSENT, Completeness.PARTIAL))
                .unavailable(List.of("photo", "description")).build();
        String json = ChangeEventJson.toJson(partial);
        Struct out = (Struct) transform(Map.of("cdc.format", "cdc-json")).apply(record(json, 1)).value();
        assertEquals(map("before", "absent", "after", "partial"), fields(out.getStruct("images")));
        assertEquals(List.of("photo", "description"), out.getArray("unavailable"));
        out.validate();
    }

    @Test
    void flatteningTheEnvelopeGivesTheRowBack() throws Exception {
        DebeziumEnvelope<SinkRecord> envelope = transform(Map.of("cdc.format", "dms-json"));
        // Kafka's ExtractField$Value on "after" does what Debezium's ExtractNewRecordState does to
        // inserts, updates and loads: the row as the record's value. Loaded by name: connect-transforms
        // shares the package org.apache.kafka.connect.transforms with connect-api, a module when compiling.
        @SuppressWarnings("unchecked")
        Transformation<SinkRecord> extract = (Transformation<SinkRecord>) Class.forName(
                "org.apache.kafka.connect.transforms.ExtractField$Value").getConstructor().newInstance();
        try (Transformation<SinkRecord> unwrap = extract) {
            unwrap.configure(Map.of("field", "after"));
            SinkRecord row = unwrap.apply(envelope.apply(record(Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-sample-insert.json"), 0)));
            assertEquals("testdb.orders.Value", row.valueSchema().name());
            assertEquals(map("orderId", 1L, "source", "android", "amount", "20", "state", "Ohio", "date", "2020-05-30T10:34:43Z"),
                    fields((Struct) row.value()));
            SinkRecord deleted = unwrap.apply(envelope.apply(record(Samples.bytes("kafka-json_aws-samples-dms-msk-demo_dms-delete-singleline.json"), 1)));
            assertNull(deleted.value(), "a delete flattens to a tombstone");
        }
    }

    @Test
    void unreadableValuesFailNamingTheRecordOrAreSkipped() {
        String bad = "{\"data\":{\"card\":\"SECRET\"},\"metadata\":{\"record-type\":";
        DataException e = assertThrows(DataException.class, () -> transform(Map.of("cdc.format", "dms-json")).apply(record(bad, 77)));
        assertTrue(e.getMessage().contains("topic dms partition 1 offset 77"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        DebeziumEnvelope<SinkRecord> skip = transform(new HashMap<>(Map.of("cdc.format", "dms-json", "cdc.on-error", "skip")));
        assertNull(skip.apply(record(bad, 78)));
        assertEquals(1, skip.skipped());
        SinkRecord tombstone = record(null, 79);
        assertSame(tombstone, skip.apply(tombstone));
        DataException several = assertThrows(DataException.class, () -> transform(Map.of())
                .apply(record(Samples.bytes("lambda-event_aws-docs-lambda-dg_example.json"), 80)));
        assertTrue(several.getMessage().contains("holds 2 change events"), several.getMessage());
        assertThrows(DataException.class, () -> skip.apply(record(42, 81)));
    }
}
