package io.cdcsdk.core.json;

import io.cdcsdk.core.internal.ChangeEventJsonConverter;
import io.cdcsdk.core.internal.CdcJsonAdapter;
import io.cdcsdk.core.internal.JsonParsing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReadException.Kind;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.internal.FramedValues;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Mutations;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What is wrong with a value of the JSON form is reported the same way however it is read: the
 * reader, converting straight from its buffer or from the framed value, and {@link ChangeEventJson#fromJson}.
 * JSON that does not parse fails as the parser fails on it; a value that parses fails at the first
 * of its fields, in the form's order, that does not fit.
 */
class ChangeEventJsonErrorsTest {
    private static final String SRC = "\"source\":{\"format\":\"f\",\"schema\":null,\"table\":\"t\"}";
    private static final String GOOD = "{\"op\":\"insert\"," + SRC + ",\"key\":{\"id\":1},\"after\":{\"id\":1},\"meta\":{}}";
    private static final String UNKNOWN = "unknown field (field %d of the object) in a ChangeEvent (version 1.1);"
            + " the fields are op, source, key, before, after, ts, position, tx, meta, images, unavailable";

    private record Case(String json, Kind kind, String detail) {
    }

    private static Case bad(String members, Kind kind, String detail) {
        return new Case("{" + members + "}", kind, detail);
    }

    private static final List<Case> CASES = List.of(
            bad(SRC, Kind.MISSING_FIELD, "missing required field $.op"),
            bad("\"op\":null," + SRC, Kind.MISSING_FIELD, "missing required field $.op"),
            bad("\"op\":1," + SRC, Kind.UNEXPECTED_TYPE, "at $.op: expected a string but found number"),
            bad("\"op\":\"upsert\"," + SRC, Kind.UNEXPECTED_TYPE,
                    "at $.op: expected insert, update, delete, snapshot or ddl but found another string"),
            bad("\"op\":\"INSERT\"," + SRC, Kind.UNEXPECTED_TYPE,
                    "at $.op: expected insert, update, delete, snapshot or ddl but found another string"),
            bad("\"op\":\"insert\"", Kind.MISSING_FIELD, "missing required field $.source"),
            bad("\"op\":\"insert\",\"source\":null", Kind.UNEXPECTED_TYPE, "at $.source: expected an object but found null"),
            bad("\"op\":\"insert\",\"source\":\"s\"", Kind.UNEXPECTED_TYPE, "at $.source: expected an object but found string"),
            bad("\"op\":\"insert\",\"source\":{}", Kind.MISSING_FIELD, "missing required field $.format"),
            bad("\"op\":\"insert\",\"source\":{\"format\":null}", Kind.MISSING_FIELD, "missing required field $.format"),
            bad("\"op\":\"insert\",\"source\":{\"format\":1}", Kind.UNEXPECTED_TYPE, "at $.format: expected a string but found number"),
            bad("\"op\":\"insert\",\"source\":{\"format\":\"f\",\"schema\":[]}", Kind.UNEXPECTED_TYPE,
                    "at $.schema: expected a string but found array"),
            bad("\"op\":\"insert\",\"source\":{\"format\":\"f\",\"table\":true}", Kind.UNEXPECTED_TYPE,
                    "at $.table: expected a string but found boolean"),
            bad("\"op\":\"insert\"," + SRC + ",\"key\":\"k\"", Kind.UNEXPECTED_TYPE, "at $.key: expected an object or null but found string"),
            bad("\"op\":\"insert\"," + SRC + ",\"before\":1", Kind.UNEXPECTED_TYPE, "at $.before: expected an object or null but found number"),
            bad("\"op\":\"insert\"," + SRC + ",\"after\":[]", Kind.UNEXPECTED_TYPE, "at $.after: expected an object or null but found array"),
            bad("\"op\":\"insert\"," + SRC + ",\"position\":{}", Kind.UNEXPECTED_TYPE, "at $.position: expected a string but found object"),
            bad("\"op\":\"insert\"," + SRC + ",\"tx\":false", Kind.UNEXPECTED_TYPE, "at $.tx: expected a string but found boolean"),
            bad("\"op\":\"insert\"," + SRC + ",\"ts\":1", Kind.UNEXPECTED_TYPE, "at $.ts: expected a string but found number"),
            bad("\"op\":\"insert\"," + SRC + ",\"ts\":\"2024-02-30T00:00:00Z\"", Kind.UNEXPECTED_TYPE,
                    "at $.ts: expected an ISO-8601 UTC timestamp but found a string that is not one"),
            bad("\"op\":\"insert\"," + SRC + ",\"meta\":[]", Kind.UNEXPECTED_TYPE, "at $.meta: expected an object but found array"),
            bad("\"op\":\"insert\"," + SRC + ",\"images\":[]", Kind.UNEXPECTED_TYPE, "at $.images: expected an object or null but found array"),
            bad("\"op\":\"insert\"," + SRC + ",\"images\":{\"before\":\"some\"}", Kind.UNEXPECTED_TYPE,
                    "at $.images.before: expected full, keys, partial, absent or null but found another string"),
            bad("\"op\":\"insert\"," + SRC + ",\"images\":{\"after\":1}", Kind.UNEXPECTED_TYPE,
                    "at $.images.after: expected full, keys, partial, absent or null but found number"),
            bad("\"op\":\"insert\"," + SRC + ",\"unavailable\":\"c\"", Kind.UNEXPECTED_TYPE,
                    "at $.unavailable: expected an array of column names but found string"),
            bad("\"op\":\"insert\"," + SRC + ",\"unavailable\":[\"c\",{}]", Kind.UNEXPECTED_TYPE,
                    "at $.unavailable[1]: expected a column name but found object"),
            bad("\"op\":\"insert\"," + SRC + ",\"unavailable\":[\"c\",\"c\"]", Kind.UNEXPECTED_TYPE,
                    "at $.unavailable[1]: expected a column not listed before but found a repeated one"),
            bad("\"op\":\"insert\"," + SRC + ",\"after\":{\"c\":null},\"unavailable\":[\"c\"]", Kind.UNEXPECTED_TYPE,
                    "at $.unavailable: expected columns that are not in their image, of an image that is not full but found one that is"),
            bad("\"op\":\"update\"," + SRC + ",\"after\":{\"d\":1},\"images\":{\"after\":\"full\"},\"unavailable\":[\"c\"]",
                    Kind.UNEXPECTED_TYPE,
                    "at $.unavailable: expected columns that are not in their image, of an image that is not full but found one that is"),
            bad("\"op\":\"insert\"," + SRC + ",\"meta\":{},\"images\":null,\"z\":0", Kind.UNSUPPORTED, UNKNOWN.formatted(5)),
            bad("\"x\":1,\"op\":\"insert\"," + SRC + ",\"y\":2", Kind.UNSUPPORTED, UNKNOWN.formatted(1)),
            // The first field that does not fit, in the form's order, whatever the order of the text.
            bad("\"source\":1,\"op\":\"upsert\"", Kind.UNEXPECTED_TYPE,
                    "at $.op: expected insert, update, delete, snapshot or ddl but found another string"),
            bad("\"meta\":1,\"key\":1,\"op\":\"insert\"," + SRC, Kind.UNEXPECTED_TYPE, "at $.key: expected an object or null but found number"),
            bad("\"ts\":\"then\",\"tx\":1,\"op\":\"insert\"," + SRC, Kind.UNEXPECTED_TYPE, "at $.tx: expected a string but found number"),
            bad("\"x\":1,\"ts\":\"then\",\"op\":\"insert\"," + SRC, Kind.UNEXPECTED_TYPE,
                    "at $.ts: expected an ISO-8601 UTC timestamp but found a string that is not one"),
            // What is wrong with the JSON comes first.
            bad("\"op\":\"upsert\"," + SRC + ",\"after\":{\"a\":1,\"a\":2}", Kind.MALFORMED, "duplicate field in JSON object at column 84"),
            bad("\"op\":\"upsert\"," + SRC + ",\"after\":{\"a\":tru}", Kind.MALFORMED, "invalid JSON syntax at column 79"),
            bad("\"op\":\"insert\",\"source\":{\"format\":\"f\",\"x\":1E999999999999}", Kind.MALFORMED,
                    "number out of the range of an exact decimal at column 57"),
            new Case("7", Kind.UNEXPECTED_TYPE, "at $: expected an object but found number"),
            new Case("[" + GOOD + "]", Kind.UNEXPECTED_TYPE, "at $: expected an object but found array"));

    @Test
    void eachFieldThatDoesNotFitIsReportedAsTheFormSays() {
        for (Case c : CASES) {
            ChangeReadException e = assertThrows(ChangeReadException.class, () -> ChangeEventJson.fromJson(c.json()), c.json());
            assertEquals(c.kind() + " " + c.detail(), e.kind() + " " + e.detail(), c.json());
            assertEquals(new Position("string", 1, 0, 1), e.position(), c.json());
            if (c.json().startsWith("{")) {
                // In a stream: the same failure at the record's line; the records around it are read.
                List<String> read = read(GOOD + "\n" + c.json() + "\n" + GOOD + "\n", Limits.DEFAULTS);
                assertEquals(List.of("event", "failure line 2 " + c.kind() + " " + c.detail(), "event"), read, c.json());
            }
        }
    }

    @Test
    void aNullMetaIsAnEmptyOne() {
        ChangeEvent e = ChangeEventJson.fromJson("{\"op\":\"insert\"," + SRC + ",\"meta\":null}");
        assertEquals(java.util.Map.of(), e.meta());
    }

    @Test
    void contentAfterTheValueIsReportedBeforeTheFields() {
        assertEquals("MALFORMED unexpected content after the JSON value",
                failure(() -> ChangeEventJson.fromJson("{\"op\":\"upsert\"} {}")));
        assertEquals("MALFORMED invalid JSON syntax at column 17",
                failure(() -> ChangeEventJson.fromJson("{\"op\":\"upsert\"} x")));
        assertEquals("MALFORMED no JSON value", failure(() -> ChangeEventJson.fromJson(" ")));
    }

    @Test
    void aTimestampLongerThanTheStringLimitExceedsIt() {
        String ts = "{\"op\":\"insert\"," + SRC + ",\"ts\":\"2024-06-12T10:35:23.123456789Z\"}";
        List<String> read = read(GOOD + "\n" + ts + "\n", Limits.DEFAULTS.withMaxStringLength(20));
        assertEquals("event", read.get(0));
        assertTrue(read.get(1).startsWith("failure line 2 LIMIT_EXCEEDED JSON value exceeds a limit"), read.get(1));
    }

    @Test
    void aRepeatedNameIsTheParsersError() {
        String many = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "\"c" + i + "\":" + i)
                .collect(java.util.stream.Collectors.joining(","));
        List<String> records = List.of(
                "{\"op\":\"insert\",\"op\":\"insert\"," + SRC + "}",
                "{\"op\":\"insert\",\"source\":{\"format\":\"f\",\"x\":1,\"x\":2}}",
                "{\"op\":\"insert\"," + SRC + ",\"meta\":{\"m\":[{\"a\":1,\"b\":2,\"a\":3}]}}",
                "{\"op\":\"upsert\"," + SRC + ",\"images\":{\"before\":\"absent\",\"before\":\"full\"}}",
                "{\"op\":\"insert\"," + SRC + ",\"after\":{" + many + ",\"c7\":1}}",
                "{\"op\":\"insert\"," + SRC + ",\"after\":{" + many + ",\"c19\":1}}",
                "{\"op\":\"insert\"," + SRC + ",\"after\":{\"a\":1,\n  \"a\" : tru}}",
                "{\"op\":\"insert\"," + SRC + ",\"after\":{\"a\":1,\"a\":" + "9".repeat(2000) + "}}",
                "{\"op\":\"insert\"," + SRC + ",\"after\":{\"é\":1,\"é\":2}}");
        for (String json : records) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            JsonFrame frame = new JsonFrame(bytes, bytes.length, new Position("string", 1, 0, 1));
            ChangeReadException parsed = assertThrows(ChangeReadException.class, () -> JsonParsing.parse(frame, Limits.DEFAULTS));
            ChangeReadException converted = assertThrows(ChangeReadException.class, () -> ChangeEventJson.fromJson(json));
            assertTrue(parsed.detail().startsWith("duplicate field in JSON object at column"), parsed.detail());
            assertEquals(parsed.kind() + " " + parsed.position() + " " + parsed.detail(),
                    converted.kind() + " " + converted.position() + " " + converted.detail(), json);
        }
    }

    /**
     * Whatever the damage, when the JSON does not parse the converter fails as the parser does:
     * same kind, and same message and line (a number beyond an exact decimal: the converter also
     * names its line and column). When it parses, what the converter reports is about the fields.
     */
    @Test
    void brokenJsonFailsAsTheParserFailsOnIt() {
        int[] counts = new int[2];
        Limits[] limits = {Limits.DEFAULTS, Limits.DEFAULTS.withMaxNestingDepth(6), Limits.DEFAULTS.withMaxStringLength(40),
            Limits.DEFAULTS.withMaxNumberLength(12)};
        byte[][] garbage = bytes("{", "}", "[", "]", ":", ",", "\"", "\\", "\n", "tru", "1E999999999999", "\"a\":1,",
                "\"op\":\"insert\",", "{\"x\":{\"y\":[", "\u0001", "\"" + "s".repeat(50) + "\"", "12345678901234567");
        Seeds.forAll("cdc-json parse errors are the parser's", 0xCD1E_E770L, 3000, random -> {
            String json = ChangeEventJson.toJson(Generators.event(random));
            byte[] text = repeatAName(json, random);
            if (random.nextInt(3) > 0) {
                text = Mutations.oneToThree(text, random, (b, r) -> Mutations.text(b, r, garbage, 0, null));
            }
            Limits limit = limits[random.nextInt(limits.length)];
            Position at = new Position("in", 5, 0, 1);
            JsonFrame frame = new JsonFrame(text, text.length, at);
            ChangeReadException parsed = null;
            try {
                JsonParsing.parse(frame, limit);
            } catch (ChangeReadException e) {
                parsed = e;
            }
            ChangeReadException converted = null;
            try {
                FramedValues.read(frame, limit, new ChangeEventJsonConverter()::convert);
            } catch (ChangeReadException e) {
                converted = e;
            }
            if (parsed == null) {
                Kind kind = converted == null ? null : converted.kind();
                assertTrue(kind != Kind.MALFORMED && kind != Kind.LIMIT_EXCEEDED, "JSON that parses is not malformed: " + converted);
                return;
            }
            counts[parsed.detail().startsWith("duplicate") ? 0 : 1]++;
            if (converted == null) {
                fail("converted what the parser fails on: " + parsed);
            }
            assertEquals(parsed.kind(), converted.kind(), parsed + " / " + converted);
            if (parsed.detail().startsWith("number out of the range")) {
                assertTrue(converted.detail().startsWith(parsed.detail()), converted.toString());
            } else if (parsed.detail().startsWith("duplicate")) {
                // The column is the end of the repeated name when the name is written without escapes.
                assertEquals(parsed.detail().replaceAll("[0-9]+$", ""), converted.detail().replaceAll("[0-9]+$", ""));
                assertEquals(parsed.position(), converted.position());
            } else {
                assertEquals(parsed.detail(), converted.detail());
                assertEquals(parsed.position(), converted.position());
            }
        });
        assertTrue(counts[0] > 300 && counts[1] > 1000, "repeated names " + counts[0] + ", other failures " + counts[1]);
    }

    /** The JSON of {@code json}, in most cases with one member of one object put in again after it. */
    private static byte[] repeatAName(String json, Random random) {
        List<Integer> names = new ArrayList<>();
        for (int i = json.indexOf("\":"); i >= 0; i = json.indexOf("\":", i + 1)) {
            names.add(i);
        }
        if (names.isEmpty() || random.nextInt(4) == 0) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        int colon = names.get(random.nextInt(names.size()));
        int start = json.lastIndexOf("\"", colon - 1);
        while (start > 0 && json.charAt(start - 1) == '\\') {
            start = json.lastIndexOf("\"", start - 2);
        }
        if (start <= 0 || (json.charAt(start - 1) != '{' && json.charAt(start - 1) != ',')) {
            return json.getBytes(StandardCharsets.UTF_8); // not a name, a string that ends in a colon
        }
        String name = json.substring(start, colon + 1);
        String again = name + ":" + (random.nextBoolean() ? "null" : "{\"z\":[1,2.5,\"s\"]}") + ",";
        return (json.substring(0, start) + again + json.substring(start)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] bytes(String... texts) {
        byte[][] b = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            b[i] = texts[i].getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }

    private static String failure(Runnable read) {
        ChangeReadException e = assertThrows(ChangeReadException.class, read::run);
        return e.kind() + " " + e.detail();
    }

    private static List<String> read(String input, Limits limits) {
        List<String> out = new ArrayList<>();
        ReadContext context = ReadContext.of("in.json", ReadOptions.defaults().withLimits(limits).skipOnError(e ->
                out.add("failure line " + e.position().line() + " " + e.kind() + " " + e.detail())));
        try (ChangeReader reader = new CdcJsonAdapter().open(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), context)) {
            while (reader.hasNext()) {
                reader.next();
                out.add("event");
            }
        }
        return out;
    }
}
