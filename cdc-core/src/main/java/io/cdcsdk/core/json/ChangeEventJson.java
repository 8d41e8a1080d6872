package io.cdcsdk.core.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.JsonFrame;
import io.cdcsdk.core.spi.JsonSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes and reads the ChangeEvent JSON form: one object per event with the fields {@code op},
 * {@code source}, {@code key}, {@code before}, {@code after}, {@code ts}, {@code position},
 * {@code tx}, {@code meta} in that order; absent values are written as {@code null}.
 *
 * <p>Numbers are written with their exact decimal value ({@code 1E-130} stays {@code 1E-130}),
 * binary as base64 with padding, sets and lists as arrays. The form does not record which arrays
 * were sets or which strings were base64, so reading it back gives lists and strings there; see
 * {@link #normalize(ChangeEvent)}.
 */
public final class ChangeEventJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ChangeEventJson() {
    }

    /** The event as one line of JSON, without a line break. */
    public static String toJson(ChangeEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the event as one line of JSON followed by {@code \n}. Does not close {@code out}. */
    public static void writeLine(ChangeEvent event, Writer out) throws IOException {
        // Through the UTF-8 generator, as the other methods: it escapes unpaired surrogates
        // (\uD800), which a character generator would pass to the Writer to be lost in encoding.
        out.write(toJson(event));
        out.write('\n');
    }

    /** Writes the event as one line of JSON followed by {@code \n}. Does not close {@code out}. */
    public static void writeLine(ChangeEvent event, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(event, g);
        }
        out.write('\n');
    }

    /** Writes the event as one JSON object to a generator the caller owns. */
    public static void write(ChangeEvent event, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("op", event.op().wireName());
        g.writeObjectFieldStart("source");
        g.writeStringField("format", event.source().format());
        g.writeStringField("schema", event.source().schema());
        g.writeStringField("table", event.source().table());
        g.writeEndObject();
        writeRow(g, "key", event.key());
        writeRow(g, "before", event.before());
        writeRow(g, "after", event.after());
        g.writeStringField("ts", event.ts() == null ? null : event.ts().toString());
        g.writeStringField("position", event.position());
        g.writeStringField("tx", event.tx());
        g.writeFieldName("meta");
        writeValue(g, event.meta());
        g.writeEndObject();
    }

    private static void writeRow(JsonGenerator g, String name, Row row) throws IOException {
        g.writeFieldName(name);
        if (row == null) {
            g.writeNull();
        } else {
            writeValue(g, row.asMap());
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Bytes b) {
            g.writeString(b.toBase64());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("unsupported value type " + v.getClass().getName());
        }
    }

    /**
     * Reads one event from its JSON form.
     *
     * @throws ChangeReadException (position "string") when the text is not an event
     */
    public static ChangeEvent fromJson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Position position = new Position("string", 1, 0, 1);
        JsonNode node = JsonSupport.parse(frame(bytes, position), Limits.DEFAULTS);
        return fromTree(node, position);
    }

    private static JsonFrame frame(byte[] bytes, Position position) {
        return new JsonFrame(bytes, bytes.length, position);
    }

    /**
     * An event from a parsed JSON-form object.
     *
     * @throws ChangeReadException naming the field when the object is not a valid event
     */
    public static ChangeEvent fromTree(JsonNode node, Position position) {
        if (!node.isObject()) {
            throw ChangeReadException.unexpectedType(position, "$", "an object", node.getNodeType().name().toLowerCase());
        }
        String opName = text(node, "op", position, true);
        Operation op;
        try {
            op = Operation.fromWireName(opName);
        } catch (IllegalArgumentException e) {
            throw ChangeReadException.unexpectedType(position, "$.op",
                    "insert, update, delete, snapshot or ddl", "another string");
        }
        JsonNode src = node.get("source");
        if (src == null || !src.isObject()) {
            throw src == null ? ChangeReadException.missingField(position, "$.source")
                    : ChangeReadException.unexpectedType(position, "$.source", "an object", kind(src));
        }
        SourceInfo source = new SourceInfo(text(src, "format", position, true),
                text(src, "schema", position, false), text(src, "table", position, false));
        ChangeEvent.Builder b = ChangeEvent.builder(op, source)
                .key(row(node, "key", position))
                .before(row(node, "before", position))
                .after(row(node, "after", position))
                .position(text(node, "position", position, false))
                .tx(text(node, "tx", position, false));
        String ts = text(node, "ts", position, false);
        if (ts != null) {
            try {
                b.ts(Instant.parse(ts));
            } catch (DateTimeParseException e) {
                throw ChangeReadException.unexpectedType(position, "$.ts", "an ISO-8601 UTC timestamp",
                        "a string that is not one");
            }
        }
        JsonNode meta = node.get("meta");
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                throw ChangeReadException.unexpectedType(position, "$.meta", "an object", kind(meta));
            }
            b.meta(JsonSupport.toMap(meta));
        }
        int index = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            index++;
            if (!isKnownField(f)) {
                // The name is input: it is not quoted (it could be a value, or break the line).
                throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position,
                        "unknown field (field " + index + " of the object) in a ChangeEvent (version 1);"
                                + " the fields are op, source, key, before, after, ts, position, tx, meta");
            }
        }
        return b.build();
    }

    /**
     * An event read from parser tokens, without a tree: the common case of {@link #fromTree}. The
     * parser's next token starts the value. Returns {@code null}, or throws, for anything
     * {@link #fromTree} would reject or that this does not read (a duplicate name fails in the
     * parser); the caller then reads the value as a tree, which reports what is wrong.
     */
    static ChangeEvent read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Operation op = null;
        SourceInfo source = null;
        Row key = null;
        Row before = null;
        Row after = null;
        Instant ts = null;
        String position = null;
        String tx = null;
        Map<String, Object> meta = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            boolean isNull = t == JsonToken.VALUE_NULL;
            boolean isText = t == JsonToken.VALUE_STRING;
            boolean isObject = t == JsonToken.START_OBJECT;
            switch (name) {
                case "op" -> {
                    if (!isText || (op = operation(p.getText())) == null) {
                        return null;
                    }
                }
                case "source" -> {
                    if (!isObject || (source = source(p)) == null) {
                        return null;
                    }
                }
                case "key", "before", "after", "meta" -> {
                    if (!isNull && !isObject) {
                        return null;
                    }
                    Row row = isNull ? null : JsonSupport.readRow(p);
                    switch (name) {
                        case "key" -> key = row;
                        case "before" -> before = row;
                        case "after" -> after = row;
                        default -> meta = row == null ? null : row.asMap();
                    }
                }
                case "ts", "position", "tx" -> {
                    if (!isNull && !isText) {
                        return null;
                    }
                    String text = isNull ? null : p.getText();
                    switch (name) {
                        case "ts" -> ts = text == null ? null : Instant.parse(text);
                        case "position" -> position = text;
                        default -> tx = text;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (op == null || source == null) {
            return null;
        }
        ChangeEvent.Builder b = ChangeEvent.builder(op, source).key(key).before(before).after(after)
                .ts(ts).position(position).tx(tx);
        if (meta != null) {
            b.meta(meta);
        }
        return b.build();
    }

    private static Operation operation(String wireName) {
        for (Operation op : Operation.values()) {
            if (op.wireName().equals(wireName)) {
                return op;
            }
        }
        return null;
    }

    /** {@code source} with a string {@code format}; null for anything else. */
    private static SourceInfo source(JsonParser p) throws IOException {
        String format = null;
        String schema = null;
        String table = null;
        boolean valid = true;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            boolean text = t == JsonToken.VALUE_STRING;
            switch (name) {
                case "format" -> format = text ? p.getText() : null;
                case "schema" -> schema = text ? p.getText() : null;
                case "table" -> table = text ? p.getText() : null;
                default -> {
                }
            }
            boolean known = name.equals("format") || name.equals("schema") || name.equals("table");
            if (known && !text && t != JsonToken.VALUE_NULL) {
                valid = false;
            }
            p.skipChildren();
        }
        return valid && format != null ? new SourceInfo(format, schema, table) : null;
    }

    private static boolean isKnownField(String f) {
        switch (f) {
            case "op", "source", "key", "before", "after", "ts", "position", "tx", "meta":
                return true;
            default:
                return false;
        }
    }

    private static Row row(JsonNode node, String field, Position position) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ChangeReadException.unexpectedType(position, "$." + field, "an object or null", kind(v));
        }
        return JsonSupport.toRow(v);
    }

    private static String text(JsonNode node, String field, Position position, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ChangeReadException.missingField(position, "$." + field);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ChangeReadException.unexpectedType(position, "$." + field, "a string", kind(v));
        }
        return v.textValue();
    }

    private static String kind(JsonNode v) {
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The event as it reads back from its JSON form: binary values become their base64 strings and
     * sets become lists, everywhere in the rows and meta. {@code fromJson(toJson(e))} equals
     * {@code normalize(e)}.
     */
    public static ChangeEvent normalize(ChangeEvent event) {
        try {
            return fromJson(toJson(event));
        } catch (ChangeReadException e) {
            throw new IllegalStateException("an event that was just written cannot be read: " + e.detail());
        }
    }

}
