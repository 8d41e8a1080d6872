package io.cdcsdk.core.json;

import io.cdcsdk.core.internal.ChangeEventJsonConverter;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.internal.FramedValues;
import io.cdcsdk.core.internal.JsonFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
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
        JsonFrame frame = new JsonFrame(bytes, bytes.length, new Position("string", 1, 0, 1));
        return FramedValues.read(frame, Limits.DEFAULTS, new ChangeEventJsonConverter()::convert);
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
