package io.cdcsdk.core.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.json.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and reads the dead-letter JSON form ({@link DeadLetter}); the event inside a letter is
 * written by {@link ChangeEventJson} and read by {@link ChangeEventJsonConverter}, from its own bytes.
 */
public final class DeadLetterForm {
    /** The name and version of this library, as letters name their writer. */
    public static final String LIBRARY = "cdc-sdk " + version();
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private DeadLetterForm() {
    }

    private static String version() {
        try (InputStream in = DeadLetterForm.class.getResourceAsStream("library-version.txt")) {
            String version = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return version.isEmpty() ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The letter as one line of JSON, without a line break. */
    public static String toJson(DeadLetter letter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(letter, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void write(DeadLetter letter, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("deadLetter", DeadLetter.VERSION);
        g.writeStringField("stage", letter.stage().wireName());
        g.writeObjectFieldStart("error");
        g.writeStringField("class", letter.errorClass());
        g.writeStringField("message", letter.errorMessage());
        g.writeEndObject();
        g.writeNumberField("attempts", letter.attempts());
        g.writeStringField("failedAt", letter.failedAt().toString());
        g.writeStringField("library", letter.library());
        g.writeStringField("format", letter.format());
        Position o = letter.origin();
        g.writeObjectFieldStart("origin");
        g.writeStringField("source", o.sourceName());
        if (o.line() >= 0) {
            g.writeNumberField("line", o.line());
        }
        if (o.record() >= 0) {
            g.writeNumberField("record", o.record());
        }
        if (o.byteOffset() >= 0) {
            g.writeNumberField("offset", o.byteOffset());
        }
        g.writeEndObject();
        g.writeStringField("id", letter.id());
        g.writeFieldName("event");
        if (letter.event() == null) {
            g.writeNull();
        } else {
            ChangeEventJson.write(letter.event(), g);
        }
        g.writeStringField("raw", letter.raw() == null ? null : letter.raw().toBase64());
        g.writeEndObject();
    }

    /** One letter from its JSON text; the position names the source {@code string}. */
    public static DeadLetter fromJson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return read(new JsonFrame(bytes, bytes.length, new Position("string", 1, 0, 1)), Limits.DEFAULTS);
    }

    /**
     * One letter from a frame.
     *
     * @throws ChangeReadException for JSON that is not a letter of version 1, at the frame's position
     */
    public static DeadLetter read(JsonFrame frame, Limits limits) {
        return FramedValues.read(frame, limits, (p, position) -> read(p, position, frame, limits));
    }

    private static DeadLetter read(JsonParser p, Position position, JsonFrame frame, Limits limits) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw ChangeReadException.malformed(position, "no JSON value");
        }
        if (first != JsonToken.START_OBJECT) {
            p.skipChildren();
            throw ChangeReadException.unexpectedType(position, "$", "a dead-letter object", ChangeEventJsonConverter.kind(first));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        ChangeEvent event = null;
        ChangeReadException eventFailure = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "error", "origin" -> fields.put(name, object(p, t, "$." + name, position));
                case "event" -> {
                    if (t == JsonToken.START_OBJECT) {
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getByteOffset();
                        byte[] bytes = Arrays.copyOfRange(frame.data(), start, end);
                        try {
                            event = FramedValues.read(new JsonFrame(bytes, bytes.length, position), limits,
                                    new ChangeEventJsonConverter()::convert);
                        } catch (ChangeReadException e) {
                            eventFailure = e; // reported once the letter is read to its end
                        }
                        fields.put(name, Boolean.TRUE);
                    } else {
                        fields.put(name, scalar(p, t, "$.event", "an object or null", position));
                    }
                }
                default -> fields.put(name, scalar(p, t, "$." + name, "a string, number or null", position));
            }
        }
        if (eventFailure != null) {
            throw new ChangeReadException(eventFailure.kind(), position, "in $.event: " + eventFailure.detail());
        }
        return letter(fields, event, position);
    }

    private static DeadLetter letter(Map<String, Object> f, @Nullable ChangeEvent event, Position position) {
        Object version = require(f, "deadLetter", "$.deadLetter", position);
        if (!(version instanceof BigDecimal v) || v.compareTo(BigDecimal.valueOf(DeadLetter.VERSION)) != 0) {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position,
                    "dead-letter form version " + (version instanceof BigDecimal ? version : "?") + "; this library reads version "
                            + DeadLetter.VERSION);
        }
        DeadLetter.Stage stage;
        try {
            stage = DeadLetter.Stage.fromWireName(string(f, "stage", "$.stage", position, true));
        } catch (IllegalArgumentException e) {
            throw ChangeReadException.unexpectedType(position, "$.stage", "decode, route, bind or handle",
                    "another string");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) require(f, "error", "$.error", position);
        String errorClass = string(error, "class", "$.error.class", position, true);
        String message = string(error, "message", "$.error.message", position, false);
        int attempts = number(f, "attempts", "$.attempts", position).intValueExact();
        Instant failedAt;
        try {
            failedAt = Instant.parse(string(f, "failedAt", "$.failedAt", position, true));
        } catch (DateTimeParseException e) {
            throw ChangeReadException.unexpectedType(position, "$.failedAt", "an ISO-8601 UTC time", "another string");
        }
        String library = string(f, "library", "$.library", position, true);
        String format = string(f, "format", "$.format", position, false);
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) require(f, "origin", "$.origin", position);
        Position origin = new Position(string(o, "source", "$.origin.source", position, true),
                optionalLong(o, "line", position), optionalLong(o, "offset", position), optionalLong(o, "record", position));
        String id = string(f, "id", "$.id", position, false);
        String raw = string(f, "raw", "$.raw", position, false);
        Bytes rawBytes;
        try {
            rawBytes = raw == null ? null : Bytes.fromBase64(raw);
        } catch (IllegalArgumentException e) {
            throw ChangeReadException.unexpectedType(position, "$.raw", "base64", "another string");
        }
        return new DeadLetter(stage, errorClass, message, attempts, failedAt, library, format, origin, id, event, rawBytes);
    }

    private static Object object(JsonParser p, JsonToken t, String path, Position position) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            throw ChangeReadException.unexpectedType(position, path, "an object", ChangeEventJsonConverter.kind(t));
        }
        Map<String, Object> members = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            members.put(name, scalar(p, p.nextToken(), path + "." + name, "a string, number or null", position));
        }
        return members;
    }

    private static Object scalar(JsonParser p, JsonToken t, String path, String expected, Position position)
            throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_NULL -> NULL;
            default -> {
                p.skipChildren();
                throw ChangeReadException.unexpectedType(position, path, expected, ChangeEventJsonConverter.kind(t));
            }
        };
    }

    // A member given as null, told apart from one that is absent.
    private static final Object NULL = new Object();

    private static Object require(Map<String, Object> f, String name, String path, Position position) {
        Object v = f.get(name);
        if (v == null) {
            throw ChangeReadException.missingField(position, path);
        }
        return v;
    }

    private static String string(Map<String, Object> f, String name, String path, Position position, boolean required) {
        Object v = required ? require(f, name, path, position) : f.get(name);
        if (v == null || v == NULL && !required) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ChangeReadException.unexpectedType(position, path, required ? "a string" : "a string or null",
                    v == NULL ? "null" : "number");
        }
        return s;
    }

    private static BigDecimal number(Map<String, Object> f, String name, String path, Position position) {
        Object v = require(f, name, path, position);
        if (!(v instanceof BigDecimal d) || d.signum() < 0 || d.stripTrailingZeros().scale() > 0
                || d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw ChangeReadException.unexpectedType(position, path, "a whole number from 0", v == NULL ? "null" : "another value");
        }
        return d.setScale(0);
    }

    private static long optionalLong(Map<String, Object> f, String name, Position position) {
        Object v = f.get(name);
        if (v == null || v == NULL) {
            return -1;
        }
        if (!(v instanceof BigDecimal d) || d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw ChangeReadException.unexpectedType(position, "$.origin." + name, "a whole number", "another value");
        }
        return d.longValue();
    }

    /**
     * The meta entry {@link DeadLetter#META} of an event read from a letter: its stage, attempts
     * and id.
     */
    public static Map<String, Object> metaOf(DeadLetter letter) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("stage", letter.stage().wireName());
        entry.put("attempts", BigDecimal.valueOf(letter.attempts()));
        entry.put("id", letter.id());
        return entry;
    }
}
