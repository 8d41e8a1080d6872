package io.cdcsdk.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.testing.Generators;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ChangeEventSerdeTest {
    private final ChangeEventSerde serde = new ChangeEventSerde();

    @Test
    void roundTripEqualsTheJsonForm() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            ChangeEvent event = Generators.event(new Random(seed));
            byte[] bytes = serde.serializer().serialize("t", event);
            assertEquals(ChangeEventJson.toJson(event), new String(bytes, StandardCharsets.UTF_8));
            ChangeEvent back = serde.deserializer().deserialize("t", bytes);
            assertEquals(ChangeEventJson.normalize(event), back);
            assertEquals(ChangeEventJson.toJson(event), ChangeEventJson.toJson(back));
        });
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    void badTextNamesTheTopicNotTheText() {
        SerializationException e = assertThrows(SerializationException.class, () -> serde.deserializer()
                .deserialize("latest-rows", "{\"op\":\"insert\",\"source\":{\"format\":\"x\",\"schema\":null,\"table\":\"t\"},\"after\":{\"card\":SECRET}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("latest-rows"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }
}
