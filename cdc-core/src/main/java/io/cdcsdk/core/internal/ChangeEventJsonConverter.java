package io.cdcsdk.core.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.Values;
import io.cdcsdk.core.spi.JsonChangeReader;
import io.cdcsdk.core.spi.JsonSupport;
import io.cdcsdk.core.internal.RowLayouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one event of the JSON form from parser tokens; one per reader, not thread-safe.
 *
 * <p>What is wrong with a value is reported as a parse into a tree followed by checks of its fields
 * would report it: first what is wrong with the JSON (syntax, a limit, a repeated name in any object,
 * a number beyond an exact decimal), in the order of the text, then the first of the fields that
 * does not fit, in the order {@code op}, {@code source} ({@code format}, {@code schema},
 * {@code table}), {@code key}, {@code before}, {@code after}, {@code position}, {@code tx},
 * {@code ts}, {@code meta}, {@code images}, {@code unavailable}, then a field the form does not
 * have. So a value is read to its end
 * before a field is reported, and values of the wrong type are read as fully as the others.
 *
 * <p>Repeated names are found here, on the names read, not by the parser, which would keep a set of
 * the names of every object; the error is the parser's, at the end of the repeated name.
 */
public final class ChangeEventJsonConverter implements JsonChangeReader.Converter {
    private static final int OP = 0;
    private static final int SOURCE = 1;
    private static final int KEY = 2;
    private static final int BEFORE = 3;
    private static final int AFTER = 4;
    private static final int TS = 5;
    private static final int POSITION = 6;
    private static final int TX = 7;
    private static final int META = 8;
    private static final int FORMAT = 9;
    private static final int SCHEMA = 10;
    private static final int TABLE = 11;
    private static final int IMAGES = 12;
    private static final int UNAVAILABLE = 13;
    private static final int FIELDS = 14;
    // Objects of more names than this look for a repeated name in a set rather than name by name.
    private static final int SCANNED_NAMES = 16;

    private final RowLayouts layouts = new RowLayouts();
    // The names and values of the objects being read, by depth; index 0 is the event itself.
    private String[][] names = new String[4][];
    private Object[][] values = new Object[4][];
    private final List<Set<String>> nameSets = new ArrayList<>();

    // The value of the event being read: the token of each field (null when absent) and what it holds.
    private final JsonToken[] tokens = new JsonToken[FIELDS];
    private final String[] texts = new String[FIELDS];
    private final Row[] rows = new Row[FIELDS];
    private Instant ts;
    private boolean tsInvalid;
    private List<Object> unavailable;
    private int unknownField;

    @Override
    public ChangeEvent convert(JsonParser p, Position position) throws IOException {
        // Repeated names are found by the reads below.
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonToken t = p.nextToken();
        if (t == null) {
            throw ChangeReadException.malformed(position, "no JSON value");
        }
        if (t != JsonToken.START_OBJECT) {
            value(p, t, 0);
            throw ChangeReadException.unexpectedType(position, "$", "an object", kind(t));
        }
        Arrays.fill(tokens, null);
        Arrays.fill(texts, null);
        Arrays.fill(rows, null);
        ts = null;
        tsInvalid = false;
        unavailable = null;
        unknownField = 0;
        prepare(0);
        int count = 0;
        String name;
        while ((name = nextName(p, 0, count++)) != null) {
            t = p.nextToken();
            int field = switch (name) {
                case "op" -> OP;
                case "source" -> SOURCE;
                case "key" -> KEY;
                case "before" -> BEFORE;
                case "after" -> AFTER;
                case "ts" -> TS;
                case "position" -> POSITION;
                case "tx" -> TX;
                case "meta" -> META;
                case "images" -> IMAGES;
                case "unavailable" -> UNAVAILABLE;
                default -> -1;
            };
            if (field < 0) {
                unknownField = unknownField == 0 ? count : unknownField;
                value(p, t, 0);
            } else if (field == SOURCE && t == JsonToken.START_OBJECT) {
                tokens[field] = t;
                source(p);
            } else if (field == UNAVAILABLE && t == JsonToken.START_ARRAY) {
                tokens[field] = t;
                @SuppressWarnings("unchecked")
                List<Object> columns = (List<Object>) value(p, t, 0);
                unavailable = columns;
            } else if (field == TS && t == JsonToken.VALUE_STRING) {
                tokens[field] = t;
                timestamp(p);
            } else {
                read(p, field, t, 0);
            }
        }
        return event(position);
    }

    /** {@code source}, an object: its known fields are kept, the others read and left. */
    private void source(JsonParser p) throws IOException {
        prepare(1);
        int count = 0;
        String name;
        while ((name = nextName(p, 1, count++)) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "format" -> read(p, FORMAT, t, 1);
                case "schema" -> read(p, SCHEMA, t, 1);
                case "table" -> read(p, TABLE, t, 1);
                default -> value(p, t, 1);
            }
        }
    }

    /** A field's value: a string or an object is kept as the field's text or row. */
    private void read(JsonParser p, int field, JsonToken t, int depth) throws IOException {
        tokens[field] = t;
        if (t == JsonToken.VALUE_STRING) {
            texts[field] = p.getText();
        } else if (t == JsonToken.START_OBJECT) {
            rows[field] = row(p, depth + 1);
        } else {
            value(p, t, depth);
        }
    }

    private void timestamp(JsonParser p) throws IOException {
        int length = p.getTextLength();
        String text = null;
        if (length > p.streamReadConstraints().getMaxStringLength()) {
            text = p.getText(); // fails as the limit says
        }
        try {
            ts = text == null ? IsoInstantParser.parse(p.getTextCharacters(), p.getTextOffset(), length) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            tsInvalid = true;
        }
    }

    /** The event of the fields read, or the error of the first that does not fit. */
    private ChangeEvent event(Position position) {
        String opName = text(OP, "op", true, position);
        Operation op = operation(opName);
        if (op == null) {
            throw ChangeReadException.unexpectedType(position, "$.op", "insert, update, delete, snapshot or ddl",
                    "another string");
        }
        if (tokens[SOURCE] != JsonToken.START_OBJECT) {
            throw tokens[SOURCE] == null ? ChangeReadException.missingField(position, "$.source")
                    : ChangeReadException.unexpectedType(position, "$.source", "an object", kind(tokens[SOURCE]));
        }
        SourceInfo source = new SourceInfo(text(FORMAT, "format", true, position),
                text(SCHEMA, "schema", false, position), text(TABLE, "table", false, position));
        ChangeEvent.Builder b = ChangeEvent.builder(op, source)
                .key(row(KEY, "key", "an object or null", position))
                .before(row(BEFORE, "before", "an object or null", position))
                .after(row(AFTER, "after", "an object or null", position))
                .position(text(POSITION, "position", false, position))
                .tx(text(TX, "tx", false, position));
        text(TS, "ts", false, position);
        if (tsInvalid) {
            throw ChangeReadException.unexpectedType(position, "$.ts", "an ISO-8601 UTC timestamp", "a string that is not one");
        }
        b.ts(ts);
        Row meta = row(META, "meta", "an object", position);
        if (meta != null) {
            b.meta(meta.asMap());
        }
        Row images = row(IMAGES, "images", "an object or null", position);
        if (images != null) {
            b.images(new Images(completeness(images, "before", position), completeness(images, "after", position)));
        }
        b.unavailable(unavailable(position));
        if (unknownField > 0) {
            // The name is input: it is not quoted (it could be a value, or break the line).
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position,
                    "unknown field (field " + unknownField + " of the object) in a ChangeEvent (version 1.1);"
                            + " the fields are op, source, key, before, after, ts, position, tx, meta, images, unavailable");
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw ChangeReadException.unexpectedType(position, "$.unavailable",
                    "columns that are not in their image, of an image that is not full", "one that is");
        }
    }

    private static Completeness completeness(Row images, String side, Position position) {
        Object value = images.get(side);
        if (value == null) {
            return null;
        }
        String expected = "full, keys, partial, absent or null";
        if (!(value instanceof String name)) {
            throw ChangeReadException.unexpectedType(position, "$.images." + side, expected, kindOf(value));
        }
        for (Completeness c : Completeness.values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        throw ChangeReadException.unexpectedType(position, "$.images." + side, expected, "another string");
    }

    private List<String> unavailable(Position position) {
        JsonToken t = tokens[UNAVAILABLE];
        if (t == null || t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw ChangeReadException.unexpectedType(position, "$.unavailable", "an array of column names", kind(t));
        }
        List<String> columns = new ArrayList<>(unavailable.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < unavailable.size(); i++) {
            if (!(unavailable.get(i) instanceof String column)) {
                throw ChangeReadException.unexpectedType(position, "$.unavailable[" + i + "]", "a column name",
                        kindOf(unavailable.get(i)));
            }
            if (!seen.add(column)) {
                throw ChangeReadException.unexpectedType(position, "$.unavailable[" + i + "]",
                        "a column not listed before", "a repeated one");
            }
            columns.add(column);
        }
        return columns;
    }

    /** The kind of a value of the value model, as {@link #kind(JsonToken)} names it. */
    private static String kindOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.util.Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value instanceof String ? "string" : "number";
    }

    private static Operation operation(String wireName) {
        for (Operation op : Operation.values()) {
            if (op.wireName().equals(wireName)) {
                return op;
            }
        }
        return null;
    }

    private String text(int field, String name, boolean required, Position position) {
        JsonToken t = tokens[field];
        if (t == null || t == JsonToken.VALUE_NULL) {
            if (required) {
                throw ChangeReadException.missingField(position, "$." + name);
            }
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw ChangeReadException.unexpectedType(position, "$." + name, "a string", kind(t));
        }
        return texts[field];
    }

    private Row row(int field, String name, String expected, Position position) {
        JsonToken t = tokens[field];
        if (t == null || t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw ChangeReadException.unexpectedType(position, "$." + name, expected, kind(t));
        }
        return rows[field];
    }

    /** The kind of a value, as a tree names its node type. */
    private static String kind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The object at the parser's {@code START_OBJECT}, {@code depth} objects deep, as a row. */
    private Row row(JsonParser p, int depth) throws IOException {
        prepare(depth);
        int count = 0;
        while (nextName(p, depth, count) != null) {
            Object value = value(p, p.nextToken(), depth);
            Object[] rowValues = values[depth];
            if (count == rowValues.length) {
                rowValues = Arrays.copyOf(rowValues, names[depth].length);
                values[depth] = rowValues;
            }
            rowValues[count++] = value;
        }
        Row row = layouts.row(names[depth], values[depth], count);
        Arrays.fill(values[depth], 0, count, null); // not to hold a large value until the next record
        return row;
    }

    /** The value at token {@code t} in an object {@code depth} deep, in the value model. */
    private Object value(JsonParser p, JsonToken t, int depth) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            return row(p, depth + 1).asMap();
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                list.add(value(p, t, depth));
            }
            return Values.of(list);
        }
        return JsonSupport.readValue(p);
    }

    /** Makes room for the names and values of an object {@code depth} deep. */
    private void prepare(int depth) {
        if (depth >= names.length) {
            names = Arrays.copyOf(names, Math.max(depth + 1, names.length * 2));
            values = Arrays.copyOf(values, names.length);
        }
        if (names[depth] == null) {
            names[depth] = new String[8];
            values[depth] = new Object[8];
        }
    }

    /**
     * The next name of the object {@code depth} deep, of which {@code count} names were read, or
     * null at its end. The name is kept; when the object has it already, this fails as the parser
     * would, also when the parser failed on what follows the name.
     */
    private String nextName(JsonParser p, int depth, int count) throws IOException {
        String name;
        try {
            name = p.nextFieldName();
        } catch (JsonProcessingException e) {
            // The parser reads past the name, to the start of its value, before it returns it.
            if (p.currentToken() == JsonToken.FIELD_NAME && repeats(depth, count, p.currentName())) {
                throw repeated(p, p.currentName());
            }
            throw e;
        }
        if (name != null) {
            if (repeats(depth, count, name)) {
                throw repeated(p, name);
            }
            String[] seen = names[depth];
            if (count == seen.length) {
                seen = Arrays.copyOf(seen, count * 2);
                names[depth] = seen;
            }
            seen[count] = name;
        }
        return name;
    }

    /** Whether {@code name} is one of the first {@code count} names of the object {@code depth} deep. */
    private boolean repeats(int depth, int count, String name) {
        String[] seen = names[depth];
        if (count <= SCANNED_NAMES) {
            int hash = name.hashCode();
            for (int i = 0; i < count; i++) {
                String other = seen[i];
                if (other == name || other.hashCode() == hash && other.equals(name)) {
                    return true;
                }
            }
            return false;
        }
        while (nameSets.size() <= depth) {
            nameSets.add(new HashSet<>());
        }
        Set<String> set = nameSets.get(depth);
        if (count == SCANNED_NAMES + 1) {
            set.clear();
            set.addAll(Arrays.asList(seen).subList(0, count));
        }
        return !set.add(name);
    }

    /** The parser's error for a repeated name: at the end of the name (just after its closing quote, when it has no escapes). */
    private static JsonParseException repeated(JsonParser p, String name) {
        JsonLocation start = p.currentTokenLocation();
        int length = name.getBytes(StandardCharsets.UTF_8).length + 2;
        JsonLocation end = new JsonLocation(start.contentReference(), start.getByteOffset() + length,
                start.getCharOffset(), start.getLineNr(), start.getColumnNr() + length);
        return new JsonParseException(p, "Duplicate field", end);
    }
}
