package io.cdcsdk.core.json;

import io.cdcsdk.core.internal.ChangeEventJsonConverter;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Images;
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
 * {@code tx}, {@code meta} in that order; absent values are written as {@code null}. The optional
 * fields of version 1.1 follow: {@code images} when something is known of the images' completeness,
 * {@code unavailable} when columns were not supplied. It is what
 * the command-line tool's {@code cat} prints and what the {@code cdc-json} format reads:
 *
 * <pre>{@code
 * {"op":"insert","source":{"format":"dms-json","schema":"shop","table":"orders"},"key":{"id":7},"before":null,"after":{"id":7,"total":12.50},"ts":"2024-05-01T10:15:30.123456Z","position":null,"tx":null,"meta":{"file":"orders.json","line":1}}
 * }</pre>
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

    /**
     * {@return the event as one line of JSON, without a line break}
     *
     * @param event the event
     */
    public static String toJson(ChangeEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes the event as one line of JSON followed by {@code \n}. Does not close {@code out}.
     *
     * @param event the event
     * @param out   where to write
     * @throws IOException when writing to {@code out} fails
     */
    public static void writeLine(ChangeEvent event, Writer out) throws IOException {
        // Through the UTF-8 generator, as the other methods: it escapes unpaired surrogates
        // (\uD800), which a character generator would pass to the Writer to be lost in encoding.
        out.write(toJson(event));
        out.write('\n');
    }

    /**
     * Writes the event as one line of UTF-8 JSON followed by {@code \n}. Does not close {@code out}.
     *
     * @param event the event
     * @param out   where to write
     * @throws IOException when writing to {@code out} fails
     */
    public static void writeLine(ChangeEvent event, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(event, g);
        }
        out.write('\n');
    }

    /**
     * Writes the event as one JSON object to a generator the caller owns, for example as an
     * element of an array the caller writes. Neither flushes nor closes the generator.
     *
     * @param event the event
     * @param g     the generator, where a value may be written
     * @throws IOException when the generator fails to write
     */
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
        Images images = event.images();
        if (!images.isUnknown()) {
            g.writeObjectFieldStart("images");
            g.writeStringField("before", images.before() == null ? null : images.before().wireName());
            g.writeStringField("after", images.after() == null ? null : images.after().wireName());
            g.writeEndObject();
        }
        if (!event.unavailable().isEmpty()) {
            g.writeArrayFieldStart("unavailable");
            for (String column : event.unavailable()) {
                g.writeString(column);
            }
            g.writeEndArray();
        }
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
     * Reads one event from its JSON form, with {@link Limits#DEFAULTS}.
     *
     * @param json one JSON object of the form, as {@link #toJson(ChangeEvent)} writes it
     * @return the event; numbers are {@code BigDecimal}, binary values base64 strings, sets lists
     *         (see {@link #normalize(ChangeEvent)})
     * @throws ChangeReadException when the text is not one event of the form (malformed JSON, a
     *                             field missing or of the wrong type, a field the form does not
     *                             have); its position names the source {@code string}, with the
     *                             line and column inside the text, never the text itself
     */
    public static ChangeEvent fromJson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonFrame frame = new JsonFrame(bytes, bytes.length, new Position("string", 1, 0, 1));
        return FramedValues.read(frame, Limits.DEFAULTS, new ChangeEventJsonConverter()::convert);
    }

    /**
     * The event as it reads back from its JSON form: binary values become their base64 strings and
     * sets become lists, everywhere in the rows and meta. {@code fromJson(toJson(e))} equals
     * {@code normalize(e)}; to compare an event read from the form with one read from its source,
     * normalize the second.
     *
     * @param event the event
     * @return the event as {@code fromJson(toJson(event))} gives it
     */
    public static ChangeEvent normalize(ChangeEvent event) {
        try {
            return fromJson(toJson(event));
        } catch (ChangeReadException e) {
            throw new IllegalStateException("an event that was just written cannot be read: " + e.detail());
        }
    }

}
