package io.cdcsdk.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Events in the ChangeEvent JSON form, compared as trees: field order does not count, numbers
 * count exactly, scale included ({@code 12.50} is not {@code 12.5}).
 */
final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final int SHOWN = 120;

    /** One line of an expected-events file. */
    record Line(int number, JsonNode event) {
    }

    private EventJson() {
    }

    /** The lines of an expected-events file that hold an event: not blank, not a {@code //} comment. */
    static List<Line> lines(String text, String file) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\r?\n", -1)) {
            number++;
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("//")) {
                lines.add(new Line(number, parse(t, file + " line " + number)));
            }
        }
        return lines;
    }

    static JsonNode tree(ChangeEvent event) {
        return parse(ChangeEventJson.toJson(event), "the JSON form of an event");
    }

    private static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(what + " is not JSON", e);
        }
    }

    /** Asserts that {@code events} are the events of {@code expected}, naming the first line that differs. */
    static void assertMatches(String file, List<Line> expected, List<ChangeEvent> events) {
        for (int i = 0; i < Math.min(expected.size(), events.size()); i++) {
            Line line = expected.get(i);
            String difference = difference(line.event(), tree(events.get(i)), "$");
            if (difference != null) {
                fail(file + " line " + line.number() + " (event " + (i + 1) + ") differs " + difference);
            }
        }
        if (expected.size() != events.size()) {
            String where = events.size() < expected.size()
                    ? "; the first missing is line " + expected.get(events.size()).number()
                    : "; the first extra event: " + shorten(tree(events.get(expected.size())).toString());
            fail(file + ": " + expected.size() + " events expected, " + events.size() + " read" + where);
        }
    }

    /** Asserts that two reads gave the same events, one by one. */
    static void assertSame(List<ChangeEvent> expected, List<ChangeEvent> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            String difference = difference(tree(expected.get(i)), tree(actual.get(i)), "$");
            if (difference != null) {
                fail(what + ": event " + (i + 1) + " differs " + difference);
            }
        }
        if (expected.size() != actual.size()) {
            fail(what + ": " + expected.size() + " events expected, " + actual.size() + " read");
        }
    }

    /** Where {@code actual} first differs from {@code expected}, or null when they are equal. */
    static String difference(JsonNode expected, JsonNode actual, String path) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode e = expected.get(name);
                JsonNode a = actual.get(name);
                if (e == null || a == null) {
                    return "at " + path + "." + name + ": " + (e == null ? "not expected, read " + shorten(a.toString())
                            : "expected " + shorten(e.toString()) + ", missing");
                }
                String inner = difference(e, a, path + "." + name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                String inner = difference(e.next(), a.next(), path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return "at " + path + ": expected " + shorten(expected.toString()) + ", read " + shorten(actual.toString());
    }

    /**
     * The strings of the rows of {@code events} ({@code key}, {@code before}, {@code after}, nested
     * values included), and in {@code names} every column and field name and the schemas and tables.
     */
    static void rowStrings(List<Line> events, List<String> strings, List<String> names) {
        for (Line line : events) {
            JsonNode source = line.event().path("source");
            names.add(source.path("schema").asText());
            names.add(source.path("table").asText());
            for (String image : new String[] {"key", "before", "after"}) {
                collect(line.event().path(image), strings, names);
            }
        }
    }

    private static void collect(JsonNode node, List<String> strings, List<String> names) {
        if (node.isTextual()) {
            strings.add(node.textValue());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                names.add(field.getKey());
                collect(field.getValue(), strings, names);
            }
        } else if (node.isArray()) {
            node.elements().forEachRemaining(n -> collect(n, strings, names));
        }
    }

    private static String shorten(String s) {
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...";
    }
}
