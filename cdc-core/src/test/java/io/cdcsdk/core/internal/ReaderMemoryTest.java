package io.cdcsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the readers keep between records stays small, whatever came before. */
class ReaderMemoryTest {

    @Test
    void frameBufferShrinksAfterAnUnusuallyLargeRecord() throws IOException {
        String big = "{\"s\":\"" + "x".repeat(5 << 20) + "\"}";
        String input = "{\"a\":1}\n" + big + "\n{\"b\":2}\n{\"c\":3}\n";
        JsonFrameReader reader = new JsonFrameReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                "in.json", Limits.DEFAULTS);
        assertEquals(7, reader.next().length());
        assertEquals(big.length(), reader.next().length());
        assertTrue(reader.recordCapacity() >= big.length());
        assertEquals(7, reader.next().length());
        assertTrue(reader.recordCapacity() <= JsonFrameReader.KEPT_RECORD,
                "buffer kept after the large record: " + reader.recordCapacity());
        assertEquals(7, reader.next().length());
        assertEquals(null, reader.next());
    }

    @Test
    void configurationCacheIsBounded() {
        assertSame(JsonParsing.mapper(Limits.DEFAULTS), JsonParsing.mapper(Limits.DEFAULTS));
        Limits one = Limits.DEFAULTS.withMaxNestingDepth(11);
        assertSame(JsonParsing.mapper(one), JsonParsing.mapper(one));
        for (int depth = 100; depth < 1100; depth++) {
            JsonParsing.mapper(Limits.DEFAULTS.withMaxNestingDepth(depth));
        }
        assertTrue(JsonParsing.cachedConfigurations() <= 8, "cached: " + JsonParsing.cachedConfigurations());
    }

    @Test
    void parsersOfTheFactoryReadTreesThroughTheMapperOfTheirLimits() throws IOException {
        Limits shallow = Limits.DEFAULTS.withMaxNestingDepth(3);
        assertSame(JsonParsing.factory(shallow), JsonParsing.factory(shallow));
        try (JsonParser p = JsonParsing.factory(shallow).createParser("{\"a\":[1.50]}")) {
            JsonNode tree = p.readValueAsTree();
            assertEquals(new BigDecimal("1.50"), tree.get("a").get(0).decimalValue());
        }
        try (JsonParser p = JsonParsing.factory(shallow).createParser("{\"a\":[[[1]]]}")) {
            assertThrows(StreamConstraintsException.class, p::readValueAsTree);
        }
        try (JsonParser p = JsonParsing.factory(shallow).createParser("{\"a\":1,\"a\":2}")) {
            assertThrows(JsonParseException.class, p::readValueAsTree);
        }
    }
}
