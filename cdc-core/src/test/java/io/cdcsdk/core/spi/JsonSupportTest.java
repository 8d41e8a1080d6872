package io.cdcsdk.core.spi;

import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.JsonParsing;
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
    private static final ObjectMapper MAPPER = JsonParsing.mapper(Limits.DEFAULTS);

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
                assertEquals(row, JsonSupport.toRow(MAPPER.readTree(json).get("after")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void plainDecimalsAreWhatBigDecimalMakesOfTheSameCharactersScaleIncluded() {
        Seeds.forAll("plainDecimal equals new BigDecimal", 0x5EED_0D1AL, 3000, random -> {
            StringBuilder sb = new StringBuilder();
            String[] signs = {"", "", "-", "+"};
            sb.append(signs[random.nextInt(4)]);
            int before = random.nextInt(random.nextInt(4) == 0 ? 22 : 8);
            int after = random.nextInt(4) == 0 ? -1 : random.nextInt(random.nextInt(4) == 0 ? 22 : 8);
            for (int i = 0; i < before; i++) {
                sb.append(random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
            if (after >= 0) {
                sb.append('.');
                for (int i = 0; i < after; i++) {
                    sb.append(random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(10) == 0) {
                sb.append(random.nextBoolean() ? "e" : "E").append(random.nextInt(40) - 20);
            }
            String text = sb.toString();
            char[] chars = ("xx" + text + "yy").toCharArray();
            java.math.BigDecimal plain = JsonParsing.plainDecimal(chars, 2, text.length());
            java.math.BigDecimal general;
            try {
                general = new java.math.BigDecimal(text);
            } catch (NumberFormatException e) {
                general = null;
            }
            int digits = text.replaceAll("[^0-9]", "").length();
            boolean isPlain = general != null && digits <= 18 && !text.contains("e") && !text.contains("E");
            assertEquals(isPlain ? general : null, plain, text);
            if (plain != null) {
                assertEquals(general.scale(), plain.scale(), text);
            }
        });
    }

    @Test
    void jsonNumbersReadAsTheParserReadsThemScaleIncluded() throws IOException {
        String json = "[0.0, -0.0, 12.50, 1e3, 1.5E-7, 0.000000000000000001, 123456789012345678.9, -98.7654321]";
        try (JsonParser p = MAPPER.createParser(json); JsonParser q = MAPPER.createParser(json)) {
            p.nextToken();
            q.nextToken();
            while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                q.nextToken();
                java.math.BigDecimal read = (java.math.BigDecimal) JsonSupport.readValue(p);
                assertEquals(q.getDecimalValue(), read);
                assertEquals(q.getDecimalValue().scale(), read.scale());
            }
        }
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
                () -> JsonParsing.parse(new JsonFrame(bytes, bytes.length, Position.of("x")), Limits.DEFAULTS));
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
                () -> JsonParsing.parse(new JsonFrame(bytes, bytes.length, new Position("x", 3, 0, 1)), Limits.DEFAULTS));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(3, e.position().line());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void syntaxErrorInAPrettyPrintedRecordNamesItsOwnLine() {
        byte[] bytes = "{\r\n\t\"a\" : 1,\r\n\t\"b\" : tru\r\n}".getBytes(StandardCharsets.UTF_8);
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> JsonParsing.parse(new JsonFrame(bytes, bytes.length, new Position("x", 10, 0, 4)), Limits.DEFAULTS));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(12, e.position().line());
        assertEquals(4, e.position().record());
    }
}
