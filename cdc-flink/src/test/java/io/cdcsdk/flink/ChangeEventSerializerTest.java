package io.cdcsdk.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.testing.Generators;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ChangeEventSerializerTest {
    private static final ChangeEventSerializer SERIALIZER = ChangeEventSerializer.INSTANCE;

    @Test
    void generatedEventsRoundTripExactly() {
        qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            ChangeEvent event = Generators.event(new Random(seed));
            ChangeEvent back = roundTrip(event);
            assertEquals(event, back);
            assertEquals(event.meta(), back.meta());
        });
    }

    @Test
    void copyingSerializedBytesGivesTheSameBytes() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            byte[] bytes = serialize(Generators.event(new Random(seed)));
            DataOutputSerializer copy = new DataOutputSerializer(64);
            try {
                SERIALIZER.copy(new DataInputDeserializer(bytes), copy);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertEquals(java.util.Arrays.toString(bytes), java.util.Arrays.toString(copy.getCopyOfBuffer()));
        });
    }

    @Test
    void valuesKeepScaleBytesSetsOrderAndNanoseconds() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", List.of(new BigDecimal("1.10"), "x"));
        nested.put("a", Map.of("deep", Bytes.of(new byte[] {0, -1, 7})));
        Set<Object> numbers = new LinkedHashSet<>(List.of(new BigDecimal("1E-130"), new BigDecimal("12345678901234567890123456789012345678")));
        ChangeEvent event = ChangeEvent.builder(Operation.UPDATE, SourceInfo.of("dynamodb-stream", null, "orders"))
                .key(Row.of(Map.of("id", new BigDecimal("7"))))
                .before(Row.builder().put("amount", new BigDecimal("12.00")).build())
                .after(Row.builder().put("amount", new BigDecimal("12.000")).put("tags", numbers)
                        .put("list", List.of(new BigDecimal("1"), new BigDecimal("1")))
                        .put("nested", nested).put("flag", false).put("gone", null).put("long", "é".repeat(70_000)).build())
                .ts(Instant.ofEpochSecond(1_700_000_000L, 123_456_789))
                .position("000042").tx("tx-1").meta("file", "a.json").meta("line", 3)
                .images(new Images(Completeness.FULL, Completeness.PARTIAL)).unavailable(List.of("blob", "avatar"))
                .build();
        ChangeEvent back = roundTrip(event);
        assertEquals(event, back);
        assertEquals(new BigDecimal("12.000"), back.after().get("amount"));
        assertEquals(3, ((BigDecimal) back.after().get("amount")).scale());
        assertInstanceOf(Set.class, back.after().get("tags"));
        assertInstanceOf(List.class, back.after().get("list"));
        assertEquals(List.of("z", "a"), List.copyOf(back.after().map("nested").keySet()));
        assertEquals(123_456_789, back.ts().getNano());
        assertTrue(back.after().has("gone"));
        assertEquals(new Images(Completeness.FULL, Completeness.PARTIAL), back.images());
        assertEquals(List.of("blob", "avatar"), List.copyOf(back.unavailable()));
    }

    @Test
    void copyReturnsTheImmutableEvent() {
        ChangeEvent event = Generators.event(new Random(1));
        assertSame(event, SERIALIZER.copy(event));
        assertTrue(SERIALIZER.isImmutableType());
        assertSame(SERIALIZER, SERIALIZER.duplicate());
    }

    @Test
    void snapshotRestoresTheSerializerAndIsCompatibleAsIs() throws IOException {
        TypeSerializerSnapshot<ChangeEvent> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(16);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<ChangeEvent> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<ChangeEvent> restored = read.restoreSerializer();
        assertSame(SERIALIZER, restored);
        TypeSerializerSchemaCompatibility<ChangeEvent> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertTrue(compatibility.isCompatibleAsIs());
    }

    @Test
    void anUnknownTagIsAnIoErrorNotAWrongEvent() {
        byte[] bytes = serialize(Generators.event(new Random(3)));
        bytes[0] = 99;
        assertThrows(IOException.class, () -> SERIALIZER.deserialize(new DataInputDeserializer(bytes)));
    }

    @Test
    void typeInfoCreatesTheSerializer() {
        assertSame(SERIALIZER, ChangeEventTypeInfo.INSTANCE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()));
        assertEquals(ChangeEvent.class, ChangeEventTypeInfo.INSTANCE.getTypeClass());
    }

    static ChangeEvent roundTrip(ChangeEvent event) {
        try {
            return SERIALIZER.deserialize(new DataInputDeserializer(serialize(event)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] serialize(ChangeEvent event) {
        DataOutputSerializer out = new DataOutputSerializer(64);
        try {
            SERIALIZER.serialize(event, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.getCopyOfBuffer();
    }
}
