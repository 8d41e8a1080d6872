package io.cdcsdk.core.json;

import io.cdcsdk.core.internal.ChangeEventJsonConverter;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.internal.FramedValues;
import io.cdcsdk.core.internal.IsoInstantFormat;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.RowLayout;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
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
    // The names of the form, quoted and encoded once.
    private static final SerializableString OP = new SerializedString("op");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString FORMAT = new SerializedString("format");
    private static final SerializableString SCHEMA = new SerializedString("schema");
    private static final SerializableString TABLE = new SerializedString("table");
    private static final SerializableString KEY = new SerializedString("key");
    private static final SerializableString BEFORE = new SerializedString("before");
    private static final SerializableString AFTER = new SerializedString("after");
    private static final SerializableString TS = new SerializedString("ts");
    private static final SerializableString POSITION = new SerializedString("position");
    private static final SerializableString TX = new SerializedString("tx");
    private static final SerializableString META = new SerializedString("meta");
    private static final SerializableString IMAGES = new SerializedString("images");
    private static final SerializableString UNAVAILABLE = new SerializedString("unavailable");
    private static final SerializableString[] OPS = Arrays.stream(Operation.values())
            .map(o -> new SerializedString(o.wireName())).toArray(SerializableString[]::new);
    private static final SerializableString[] COMPLETENESS = Arrays.stream(Completeness.values())
            .map(c -> new SerializedString(c.wireName())).toArray(SerializableString[]::new);

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
     * To write many events to one output, {@link #lineWriter(OutputStream)} is faster.
     *
     * @param event the event
     * @param out   where to write
     * @throws IOException when writing to {@code out} fails
     */
    public static void writeLine(ChangeEvent event, OutputStream out) throws IOException {
        try (LineWriter w = lineWriter(out)) {
            w.write(event);
        }
    }

    /**
     * A writer of events, one line of UTF-8 JSON each, to one output through one generator: the
     * bytes of {@link #writeLine(ChangeEvent, OutputStream)} for each event, without a generator
     * made per event. Buffers: {@link LineWriter#flush()} or {@link LineWriter#close()} passes what
     * it holds to {@code out}; neither closes {@code out}.
     *
     * @param out where to write
     * @return the writer; one thread at a time
     * @throws IOException when the generator cannot be made
     */
    public static LineWriter lineWriter(OutputStream out) throws IOException {
        return new LineWriter(out);
    }

    /**
     * Writes events as lines of UTF-8 JSON to one output; see {@link #lineWriter(OutputStream)}.
     * Not thread-safe.
     */
    public static final class LineWriter implements Closeable, Flushable {
        private final JsonGenerator g;

        private LineWriter(OutputStream out) throws IOException {
            g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
        }

        /**
         * Writes the event and a {@code \n}.
         *
         * @param event the event
         * @throws IOException when writing to the output fails
         */
        public void write(ChangeEvent event) throws IOException {
            ChangeEventJson.write(event, g);
            g.writeRaw('\n');
        }

        /** Passes what the writer holds to the output and flushes it. */
        @Override
        public void flush() throws IOException {
            g.flush();
        }

        /** Passes what the writer holds to the output and flushes it; does not close the output. */
        @Override
        public void close() throws IOException {
            g.close();
        }
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
        g.writeFieldName(OP);
        g.writeString(OPS[event.op().ordinal()]);
        g.writeFieldName(SOURCE);
        g.writeStartObject();
        g.writeFieldName(FORMAT);
        g.writeString(event.source().format());
        g.writeFieldName(SCHEMA);
        g.writeString(event.source().schema());
        g.writeFieldName(TABLE);
        g.writeString(event.source().table());
        g.writeEndObject();
        g.writeFieldName(KEY);
        writeRow(g, event.key());
        g.writeFieldName(BEFORE);
        writeRow(g, event.before());
        g.writeFieldName(AFTER);
        writeRow(g, event.after());
        g.writeFieldName(TS);
        writeInstant(g, event.ts());
        g.writeFieldName(POSITION);
        g.writeString(event.position());
        g.writeFieldName(TX);
        g.writeString(event.tx());
        g.writeFieldName(META);
        writeMap(g, event.meta());
        Images images = event.images();
        if (!images.isUnknown()) {
            g.writeFieldName(IMAGES);
            g.writeStartObject();
            g.writeFieldName(BEFORE);
            writeCompleteness(g, images.before());
            g.writeFieldName(AFTER);
            writeCompleteness(g, images.after());
            g.writeEndObject();
        }
        if (!event.unavailable().isEmpty()) {
            g.writeFieldName(UNAVAILABLE);
            g.writeStartArray();
            for (String column : event.unavailable()) {
                g.writeString(column);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeCompleteness(JsonGenerator g, Completeness completeness) throws IOException {
        if (completeness == null) {
            g.writeNull();
        } else {
            g.writeString(COMPLETENESS[completeness.ordinal()]);
        }
    }

    private static void writeRow(JsonGenerator g, Row row) throws IOException {
        if (row == null) {
            g.writeNull();
        } else {
            writeMap(g, row.asMap());
        }
    }

    private static void writeInstant(JsonGenerator g, Instant ts) throws IOException {
        if (ts == null) {
            g.writeNull();
            return;
        }
        // Instant.toString() of the common years, without the formatter
        char[] buffer = new char[IsoInstantFormat.MAX_LENGTH];
        int length = IsoInstantFormat.write(ts, buffer);
        if (length < 0) {
            g.writeString(ts.toString());
        } else {
            g.writeString(buffer, 0, length);
        }
    }

    private static void writeMap(JsonGenerator g, Map<?, ?> map) throws IOException {
        g.writeStartObject();
        if (map instanceof RowLayout.LayoutMap layout) {
            // a row of a shared layout: its names quoted and encoded once for all its rows
            SerializableString[] names = layout.encodedNames();
            for (int i = 0; i < names.length; i++) {
                if (names[i] != null) {
                    g.writeFieldName(names[i]);
                } else {
                    g.writeFieldName(layout.nameAt(i));
                }
                writeValue(g, layout.valueAt(i));
            }
        } else {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
        }
        g.writeEndObject();
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
            // standard base64 with padding, as Bytes.toBase64(), without the String
            g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, b.toByteArray(), 0, b.size());
        } else if (v instanceof Map<?, ?> m) {
            writeMap(g, m);
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
