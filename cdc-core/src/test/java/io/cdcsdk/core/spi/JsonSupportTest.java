package io.cdcsdk.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonSupportTest {
    private static final ObjectMapper MAPPER = JsonSupport.mapper(Limits.DEFAULTS);

    @Test
    void streamingReadGivesWhatTheTreeGives() {
        Seeds.forAll("readRow equals toRow", 0x5EED_0501L, 500, random -> {
            ChangeEvent event = ChangeEventJson.normalize(Generators.event(random));
            Row row = event.after() != null ? event.after() : Row.empty();
            String json = ChangeEventJson.toJson(event.toBuilder().after(row).build());
            try (JsonParser p = MAPPER.createParser(json)) {
                p.nextToken();
                Row whole = JsonSupport.readRow(p);
                assertEquals(JsonSupport.toRow(MAPPER.readTree(json)), whole);
                assertEquals(row, Row.of(JsonSupport.toMap(MAPPER.readTree(json).get("after"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void numbersBeyondTheDecimalRangeFailWithoutQuotingThem() throws IOException {
        String json = "{\"n\":687535E128027294777}";
        try (JsonParser p = MAPPER.createParser(json)) {
            p.nextToken();
            JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JsonSupport.readRow(p));
            assertFalse(e.getMessage().contains("687535"), e.getMessage());
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> JsonSupport.parse(new JsonFrame(bytes, bytes.length, Position.of("x")), Limits.DEFAULTS));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertFalse(e.getMessage().contains("687535"), e.getMessage());
    }

    @Test
    void readValueAtTheEndOfInputIsAParseError() throws IOException {
        try (JsonParser p = MAPPER.createParser("")) {
            assertThrows(JsonProcessingException.class, () -> JsonSupport.readValue(p));
        }
    }

    @Test
    void duplicateKeysAreMalformedAndUnnamed() {
        byte[] bytes = "{\"SECRET-MARKER-42\":1,\"SECRET-MARKER-42\":2}".getBytes(StandardCharsets.UTF_8);
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> JsonSupport.parse(new JsonFrame(bytes, bytes.length, new Position("x", 3, 0, 1)), Limits.DEFAULTS));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(3, e.position().line());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void syntaxErrorInAPrettyPrintedRecordNamesItsOwnLine() {
        byte[] bytes = "{\r\n\t\"a\" : 1,\r\n\t\"b\" : tru\r\n}".getBytes(StandardCharsets.UTF_8);
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> JsonSupport.parse(new JsonFrame(bytes, bytes.length, new Position("x", 10, 0, 4)), Limits.DEFAULTS));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(12, e.position().line());
        assertEquals(4, e.position().record());
    }
}
