package io.cdcsdk.dynamodb;

import io.cdcsdk.core.internal.JsonParsing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.core.testing.Seeds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributeValuesTest {
    private static final String MARKER = "SECRET-MARKER-42";

    private static JsonNode json(String text) throws Exception {
        return JsonParsing.mapper(Limits.DEFAULTS).readTree(text);
    }

    @Test
    void everyTypeIsExact() throws Exception {
        Row row = AttributeValues.parseItem("{\"s\":{\"S\":\"\"},\"n\":{\"N\":\"0.000000000000000000000000000000000001\"},"
                + "\"big\":{\"N\":\"99999999999999999999999999999999999999\"},"
                + "\"huge\":{\"N\":\"100000000000000007629769841092000000000000000000000\"},"
                + "\"b\":{\"B\":\"AAEqQQ==\"},\"eb\":{\"B\":\"\"},\"ss\":{\"SS\":[\"a\",\"\"]},\"ns\":{\"NS\":[\"1.50\",\"-2\"]},"
                + "\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"x\":{\"NULL\":true}}},\"l\":{\"L\":[{\"BOOL\":false},{\"N\":\"1E+2\"}]}}");
        assertEquals("", row.get("s"));
        assertEquals(new BigDecimal("0.000000000000000000000000000000000001"), row.get("n"));
        assertEquals(new BigDecimal("99999999999999999999999999999999999999"), row.get("big"));
        assertEquals(new BigDecimal("100000000000000007629769841092000000000000000000000"), row.get("huge"));
        assertEquals(Bytes.of(new byte[] {0, 1, 42, 65}), row.get("b"));
        assertEquals(Bytes.empty(), row.get("eb"));
        assertInstanceOf(Set.class, row.get("ss"));
        assertEquals(List.of(new BigDecimal("1.50"), new BigDecimal("-2")), new ArrayList<>((Set<?>) row.get("ns")));
        assertInstanceOf(Set.class, row.get("bs"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", null);
        assertEquals(m, row.get("m"));
        assertInstanceOf(List.class, row.get("l"));
        assertFalse(row.get("l") instanceof Set);
        assertEquals(List.of(false, new BigDecimal("1E+2")), row.get("l"));
    }

    @Test
    void canonicalExtremesAreKept() {
        String tiny = "0." + "0".repeat(129) + "1";
        String max = "9".repeat(38) + "0".repeat(88);
        assertEquals(new BigDecimal(tiny), AttributeValues.toValue(Map.of("N", tiny)));
        assertEquals(new BigDecimal(max), AttributeValues.toValue(Map.of("N", max)));
        assertEquals(new BigDecimal("-" + max), AttributeValues.toValue(Map.of("N", "-" + max)));
        assertEquals(0, new BigDecimal("1E-130").compareTo((BigDecimal) AttributeValues.toValue(Map.of("N", tiny))));
    }

    @Test
    void badValuesNameThePathNotTheValue() throws Exception {
        String[] bad = {
            "{\"N\":\"12abc" + MARKER + "\"}",
            "{\"N\":\"" + MARKER + "\"}",
            "{\"N\":\"1" + "0".repeat(40) + "1\"}",
            "{\"N\":\"1E+126\"}",
            "{\"S\":\"" + MARKER + "\",\"N\":\"1\"}",
            "{\"X\":\"" + MARKER + "\"}",
            "{}",
            "{\"B\":\"" + MARKER + "!\"}",
            "{\"NS\":[\"1\",\"" + MARKER + "\"]}",
            "{\"M\":{\"a\":{\"L\":[{\"Q\":\"" + MARKER + "\"}]}}}",
            "{\"S\":7}",
            "\"" + MARKER + "\"",
        };
        for (String b : bad) {
            ChangeReadException e = assertThrows(ChangeReadException.class, () -> AttributeValues.toValue(json(b)), b);
            assertEquals(ChangeReadException.Kind.UNEXPECTED_TYPE, e.kind(), b);
            assertFalse(e.getMessage().contains(MARKER), e.getMessage());
            assertFalse(e.getMessage().contains("12abc"), e.getMessage());
            assertTrue(e.getMessage().contains("$"), e.getMessage());
        }
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> AttributeValues.toValue(json("{\"M\":{\"a\":{\"L\":[{\"N\":\"1\"},{\"Q\":\"x\"}]}}}")));
        assertTrue(e.getMessage().contains("$.M.a.L[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("expected one of S N B SS NS BS M L NULL BOOL but found type tag \"Q\""),
                e.getMessage());
        e = assertThrows(ChangeReadException.class, () -> AttributeValues.toValue(json("{\"N\":\"12abc\"}")));
        assertTrue(e.getMessage().contains("$.N"), e.getMessage());
    }

    @Test
    void encodingRefusesWhatDynamoDbCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> AttributeValues.toDynamoDbJson(Set.of()));
        assertThrows(IllegalArgumentException.class, () -> AttributeValues.toDynamoDbJson(1.5d));
        assertThrows(IllegalArgumentException.class, () -> AttributeValues.toDynamoDbJson(new BigDecimal("1E+126")));
        LinkedHashSet<Object> mixed = new LinkedHashSet<>(List.of("a", BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> AttributeValues.toDynamoDbJson(mixed));
        assertEquals("{\"N\":\"42\"}", AttributeValues.toDynamoDbJson(42).toString());
        assertEquals("{\"B\":\"AAE=\"}", AttributeValues.toDynamoDbJson(new byte[] {0, 1}).toString());
        assertEquals("{\"NS\":[\"1.50\"]}", AttributeValues.toDynamoDbJson(Set.of(new BigDecimal("1.50"))).toString());
    }

    /** Round trip: value to DynamoDB JSON text and back gives the same value, sets still sets. */
    @Test
    void roundTripProperty() {
        Seeds.forAll("attribute value round trip", 0x0DDB_2026L, 1000, random -> {
            Map<String, Object> item = new LinkedHashMap<>();
            int attrs = 1 + random.nextInt(6);
            for (int i = 0; i < attrs; i++) {
                item.put(name(random), value(random, random.nextInt(8) == 0 ? 32 : random.nextInt(6)));
            }
            item.put("deep", deep(random, 1 + random.nextInt(32)));
            Row expected = Row.of(item);
            String text = AttributeValues.toDynamoDbItem(expected).toString();
            Row actual = AttributeValues.parseItem(text);
            assertEquals(expected, actual);
            assertKinds(expected.asMap(), actual.asMap());
            for (Object v : expected.asMap().values()) {
                assertEquals(v, AttributeValues.toValue(AttributeValues.toDynamoDbJson(v)));
            }
        });
    }

    private static void assertKinds(Object expected, Object actual) {
        assertEquals(Values.kind(expected), Values.kind(actual));
        if (expected instanceof BigDecimal d) {
            assertEquals(d.scale(), ((BigDecimal) actual).scale());
        } else if (expected instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertKinds(e.getValue(), ((Map<?, ?>) actual).get(e.getKey()));
            }
        } else if (expected instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                assertKinds(l.get(i), ((List<?>) actual).get(i));
            }
        } else if (expected instanceof Set<?> s) {
            assertEquals(new ArrayList<>(s), new ArrayList<>((Set<?>) actual));
        }
    }

    /** A chain of M and L nested {@code levels} deep (DynamoDB allows 32). */
    static Object deep(Random r, int levels) {
        Object v = scalar(r);
        for (int i = 1; i < levels; i++) {
            if (r.nextBoolean()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(name(r), v);
                v = m;
            } else {
                List<Object> l = new ArrayList<>();
                l.add(v);
                v = l;
            }
        }
        return v;
    }

    static Object value(Random r, int depth) {
        int k = r.nextInt(depth > 0 ? 11 : 8);
        switch (k) {
            case 0: case 1: case 2: case 3: case 4:
                return scalar(r);
            case 5: return set(r, 0);
            case 6: return set(r, 1);
            case 7: return set(r, 2);
            case 8: case 9: {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    m.put(name(r), value(r, depth - 1));
                }
                return m;
            }
            default: {
                List<Object> l = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    l.add(value(r, depth - 1));
                }
                return l;
            }
        }
    }

    private static Object scalar(Random r) {
        switch (r.nextInt(6)) {
            case 0: return string(r);
            case 1: case 2: return number(r);
            case 3: return bytes(r);
            case 4: return r.nextBoolean();
            default: return null;
        }
    }

    private static Set<Object> set(Random r, int kind) {
        LinkedHashSet<Object> s = new LinkedHashSet<>();
        int n = 1 + r.nextInt(5);
        while (s.size() < n) {
            s.add(kind == 0 ? string(r) : kind == 1 ? number(r) : bytes(r));
        }
        return s;
    }

    static String name(Random r) {
        String s = string(r);
        return s.isEmpty() ? "a" : s;
    }

    private static String string(Random r) {
        int n = r.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0: sb.append((char) ('a' + r.nextInt(26))); break;
                case 1: sb.append((char) (0x20 + r.nextInt(0x5f))); break;
                case 2: sb.append((char) (0xA0 + r.nextInt(0x2000))); break;
                case 3: sb.appendCodePoint(0x1F300 + r.nextInt(0x300)); break;
                default: sb.append("\"\\\n\t\u0000\u2028".charAt(r.nextInt(6)));
            }
        }
        return sb.toString();
    }

    /** Up to 38 significant digits, leading digit's exponent -130..125, sometimes zero or with trailing zeros. */
    static BigDecimal number(Random r) {
        if (r.nextInt(20) == 0) {
            return BigDecimal.ZERO;
        }
        int digits = r.nextInt(4) == 0 ? 38 : 1 + r.nextInt(38);
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < digits; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        BigInteger unscaled = new BigInteger(sb.toString());
        if (r.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        int leading = r.nextInt(4) == 0 ? (r.nextBoolean() ? -130 : 125) : -130 + r.nextInt(256);
        int scale = digits - 1 - leading;
        BigDecimal d = new BigDecimal(unscaled, scale);
        if (r.nextInt(5) == 0) {
            d = new BigDecimal(d.toPlainString()); // the canonical, written-out form DynamoDB returns
        }
        return d;
    }

    private static Bytes bytes(Random r) {
        byte[] b = new byte[r.nextInt(20)];
        r.nextBytes(b);
        return Bytes.of(b);
    }
}
