package io.cdcsdk.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Seeds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeEventJsonRoundTripTest {

    @Test
    void readsBackWhatItWritesWithBytesAsBase64AndSetsAsLists() {
        Seeds.forAll("json-form round trip", 0x5EED_0001L, 1000, random -> {
            ChangeEvent event = Generators.event(random);
            String json = ChangeEventJson.toJson(event);
            ChangeEvent back = ChangeEventJson.fromJson(json);

            assertEquals(expectedAfterRoundTrip(event), back);
            assertEquals(ChangeEventJson.normalize(event), back);
            assertEquals(json, ChangeEventJson.toJson(back));
            assertDecimalsExact(event.after(), back.after());
            assertDecimalsExact(event.before(), back.before());
            assertDecimalsExact(event.key(), back.key());
        });
    }

    @Test
    void writesOneLineWithFieldsInSpecOrder() {
        Seeds.forAll("json-form layout", 0x5EED_0002L, 500, random -> {
            String json = ChangeEventJson.toJson(Generators.event(random));
            assertEquals(-1, json.indexOf('\n'));
            assertEquals(-1, json.indexOf('\r'));
            int at = -1;
            for (String field : List.of("\"op\":", "\"source\":", "\"key\":", "\"before\":", "\"after\":",
                    "\"ts\":", "\"position\":", "\"tx\":", "\"meta\":", "\"images\":", "\"unavailable\":")) {
                if (!json.contains(field)) {
                    assertEquals(true, field.equals("\"images\":") || field.equals("\"unavailable\":"), field + " present");
                    continue;
                }
                int next = json.indexOf(field, at + 1);
                assertEquals(true, next > at, field + " after the previous field");
                at = next;
            }
        });
    }

    @Test
    void readsAndWritesTheSpecExampleOfVersionOnePointOne() {
        String json = "{\"op\":\"update\",\"source\":{\"format\":\"dms-csv\",\"schema\":\"public\",\"table\":\"products\"},"
                + "\"key\":{\"id\":7},\"before\":null,\"after\":{\"id\":7,\"price\":12.50},\"ts\":null,\"position\":null,"
                + "\"tx\":null,\"meta\":{},\"images\":{\"before\":\"absent\",\"after\":\"partial\"},"
                + "\"unavailable\":[\"description\",\"photo\"]}";
        ChangeEvent e = ChangeEventJson.fromJson(json);
        assertEquals(new io.cdcsdk.core.Images(io.cdcsdk.core.Completeness.ABSENT, io.cdcsdk.core.Completeness.PARTIAL),
                e.images());
        assertEquals(List.of("description", "photo"), List.copyOf(e.unavailable()));
        assertEquals(json, ChangeEventJson.toJson(e));
        // Unknown sides are null; a 1.0 event writes neither field.
        ChangeEvent oneSide = e.toBuilder().images(new io.cdcsdk.core.Images(null, io.cdcsdk.core.Completeness.PARTIAL)).build();
        assertEquals(true, ChangeEventJson.toJson(oneSide).contains("\"images\":{\"before\":null,\"after\":\"partial\"}"));
        assertEquals(oneSide, ChangeEventJson.fromJson(ChangeEventJson.toJson(oneSide)));
        String plain = ChangeEventJson.toJson(e.toBuilder().images(null).unavailable(null).build());
        assertEquals(true, plain.endsWith("\"meta\":{}}"), plain);
    }

    @Test
    void keepsDecimalTextExactly() {
        for (String n : List.of("1E-130", "9.9999999999999999999999999999999999999E+125",
                "-9.9999999999999999999999999999999999999E+125", "12345678901234567890123456789012345678",
                "0.10", "1E+3", "-0.000", "0E+5")) {
            BigDecimal d = new BigDecimal(n);
            ChangeEvent e = ChangeEvent.builder(io.cdcsdk.core.Operation.INSERT,
                    io.cdcsdk.core.SourceInfo.of("dynamodb-stream", "t")).after(Row.builder().put("n", d).build()).build();
            String json = ChangeEventJson.toJson(e);
            BigDecimal back = ChangeEventJson.fromJson(json).after().decimal("n");
            assertEquals(d.unscaledValue(), back.unscaledValue(), n);
            assertEquals(d.scale(), back.scale(), n);
            assertEquals(true, json.contains("\"n\":" + d + "}"), json);
        }
    }

    @Test
    void writesNullsInsteadOfOmittingFields() {
        ChangeEvent e = ChangeEvent.builder(io.cdcsdk.core.Operation.DELETE,
                io.cdcsdk.core.SourceInfo.of("dynamodb-stream", null)).build();
        assertEquals("{\"op\":\"delete\",\"source\":{\"format\":\"dynamodb-stream\",\"schema\":null,\"table\":null},"
                + "\"key\":null,\"before\":null,\"after\":null,\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}",
                ChangeEventJson.toJson(e));
        ChangeEvent back = ChangeEventJson.fromJson(ChangeEventJson.toJson(e));
        assertNull(back.ts());
        assertEquals(e, back);
    }

    @Test
    void keepsNanosecondTimestamps() {
        Instant ts = Instant.parse("2023-11-02T10:05:00.123456789Z");
        ChangeEvent e = ChangeEvent.builder(io.cdcsdk.core.Operation.INSERT,
                io.cdcsdk.core.SourceInfo.of("dms-json", "s", "t")).ts(ts).build();
        assertEquals(ts, ChangeEventJson.fromJson(ChangeEventJson.toJson(e)).ts());
    }

    @Test
    void keepsTimestampsAcrossTheWholeInstantRange() {
        Seeds.forAll("instant range", 0x5EED_0005L, 500, random -> {
            long min = Instant.MIN.getEpochSecond();
            long span = Instant.MAX.getEpochSecond() - min;
            Instant ts = random.nextInt(10) == 0 ? (random.nextBoolean() ? Instant.MIN : Instant.MAX)
                    : Instant.ofEpochSecond(min + (long) (random.nextDouble() * span), random.nextInt(1_000_000_000));
            ChangeEvent e = ChangeEvent.builder(io.cdcsdk.core.Operation.INSERT,
                    io.cdcsdk.core.SourceInfo.of("dms-json", "t")).ts(ts).build();
            assertEquals(ts, ChangeEventJson.fromJson(ChangeEventJson.toJson(e)).ts());
        });
    }

    @Test
    void writeLineToAWriterOrAStreamWritesTheSameBytes() {
        Seeds.forAll("writeLine writer vs stream", 0x5EED_0003L, 500, random -> {
            ChangeEvent event = Generators.event(random);
            if (random.nextBoolean()) {
                event = event.toBuilder().after(Row.builder().put("s", unpairedSurrogates(random)).build()).build();
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream chars = new java.io.ByteArrayOutputStream();
            try (java.io.Writer w = new java.io.OutputStreamWriter(chars, java.nio.charset.StandardCharsets.UTF_8)) {
                ChangeEventJson.writeLine(event, bytes);
                ChangeEventJson.writeLine(event, w);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertEquals(bytes.toString(java.nio.charset.StandardCharsets.UTF_8),
                    chars.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(ChangeEventJson.toJson(event) + "\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(ChangeEventJson.normalize(event),
                    ChangeEventJson.fromJson(chars.toString(java.nio.charset.StandardCharsets.UTF_8).strip()));
        });
    }

    @Test
    void unpairedSurrogatesSurviveTheRoundTrip() {
        // JSON text may escape them ("\ud800"), so a Java string read from JSON can hold them.
        Seeds.forAll("unpaired surrogates", 0x5EED_0004L, 500, random -> {
            String s = unpairedSurrogates(random);
            ChangeEvent e = ChangeEvent.builder(io.cdcsdk.core.Operation.INSERT,
                    io.cdcsdk.core.SourceInfo.of("dms-json", "t")).after(Row.builder().put("s", s).build()).build();
            assertEquals(s, ChangeEventJson.fromJson(ChangeEventJson.toJson(e)).after().string("s"));
        });
    }

    private static String unpairedSurrogates(java.util.Random random) {
        StringBuilder sb = new StringBuilder(Generators.string(random));
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            char c = (char) (random.nextBoolean() ? 0xD800 + random.nextInt(0x400) : 0xDC00 + random.nextInt(0x400));
            sb.insert(random.nextInt(sb.length() + 1), c);
        }
        return sb.toString();
    }

    /** The event as its JSON form must read back: Bytes become base64 strings, Sets become Lists. */
    static ChangeEvent expectedAfterRoundTrip(ChangeEvent e) {
        ChangeEvent.Builder b = ChangeEvent.builder(e.op(), e.source())
                .key(expectedRow(e.key()))
                .before(expectedRow(e.before()))
                .after(expectedRow(e.after()))
                .ts(e.ts())
                .position(e.position())
                .tx(e.tx())
                .images(e.images())
                .unavailable(e.unavailable());
        expectedMap(e.meta()).forEach(b::meta);
        return b.build();
    }

    private static Row expectedRow(Row row) {
        if (row == null) {
            return null;
        }
        Row.Builder b = Row.builder();
        expectedMap(row.asMap()).forEach(b::put);
        return b.build();
    }

    private static Map<String, Object> expectedMap(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, expectedValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object expectedValue(Object v) {
        if (v instanceof Bytes b) {
            return java.util.Base64.getEncoder().encodeToString(b.toByteArray());
        }
        if (v instanceof Map<?, ?> m) {
            return expectedMap((Map<String, Object>) m);
        }
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            for (Object o : c) {
                list.add(expectedValue(o));
            }
            return list;
        }
        return v;
    }

    private static void assertDecimalsExact(Row original, Row back) {
        if (original == null) {
            assertNull(back);
            return;
        }
        assertDecimalsExact((Object) original.asMap(), back.asMap());
    }

    private static void assertDecimalsExact(Object original, Object back) {
        if (original instanceof BigDecimal d) {
            BigDecimal r = assertInstanceOf(BigDecimal.class, back);
            assertEquals(d.unscaledValue(), r.unscaledValue());
            assertEquals(d.scale(), r.scale());
        } else if (original instanceof Map<?, ?> m) {
            Map<?, ?> r = assertInstanceOf(Map.class, back);
            m.forEach((k, v) -> assertDecimalsExact(v, r.get(k)));
        } else if (original instanceof Collection<?> c) {
            List<?> r = assertInstanceOf(List.class, back);
            assertEquals(original instanceof Set ? c.size() : c.size(), r.size());
            int i = 0;
            for (Object o : c) {
                assertDecimalsExact(o, r.get(i++));
            }
        }
    }
}
