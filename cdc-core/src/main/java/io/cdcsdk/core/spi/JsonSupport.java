package io.cdcsdk.core.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.core.internal.FramedValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON parsing as every adapter should do it: exact numbers, duplicate keys rejected, the
 * {@link Limits} enforced, and errors that name the position but never quote the input.
 */
public final class JsonSupport {
    private static final int CACHED_MAPPERS = 8;
    // What readValue throws for a number BigDecimal cannot hold, and translate reports.
    private static final String NUMBER_OUT_OF_RANGE = "number out of the range of an exact decimal";
    private static final ObjectMapper DEFAULT_MAPPER = newMapper(Limits.DEFAULTS);
    // The mappers of the last few other limits, least recently used first: a program that builds
    // Limits per input cannot make this grow without bound.
    private static final Map<Limits, ObjectMapper> MAPPERS =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Limits, ObjectMapper> eldest) {
                    return size() > CACHED_MAPPERS;
                }
            };

    private JsonSupport() {
    }

    /** A mapper configured for {@code limits}: exact decimals, strict duplicates, no source in locations. */
    public static ObjectMapper mapper(Limits limits) {
        if (limits.equals(Limits.DEFAULTS)) {
            return DEFAULT_MAPPER;
        }
        synchronized (MAPPERS) {
            ObjectMapper m = MAPPERS.get(limits);
            if (m == null) {
                m = newMapper(limits);
                MAPPERS.put(limits, m);
            }
            return m;
        }
    }

    /** How many mappers for limits other than the defaults are cached (at most a few). */
    static int cachedMappers() {
        synchronized (MAPPERS) {
            return MAPPERS.size();
        }
    }

    private static ObjectMapper newMapper(Limits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxDocumentLength(limits.maxRecordBytes() + 1L)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /**
     * Parses one framed value into a tree.
     *
     * @throws ChangeReadException MALFORMED or LIMIT_EXCEEDED at the frame's position, with the line
     *                             and column inside the value, never its text
     */
    public static JsonNode parse(JsonFrame frame, Limits limits) {
        return FramedValues.read(frame, limits, (p, position) -> {
            JsonNode node = p.readValueAsTree();
            if (node == null || node.isMissingNode()) {
                throw ChangeReadException.malformed(position, "no JSON value");
            }
            return node;
        });
    }

    /**
     * A {@link ChangeReadException} for a Jackson failure at {@code base}, describing the kind of
     * failure and where, without the parser's message (which can quote input).
     */
    public static ChangeReadException translate(JsonProcessingException e, Position base) {
        JsonLocation loc = e.getLocation();
        String where = "";
        Position position = base;
        if (loc != null && loc.getLineNr() > 0) {
            if (base.line() > 0) {
                position = base.withLine(base.line() + loc.getLineNr() - 1);
            }
            where = " at column " + loc.getColumnNr();
        }
        if (e instanceof StreamConstraintsException) {
            return new ChangeReadException(ChangeReadException.Kind.LIMIT_EXCEEDED, position,
                    "JSON value exceeds a limit" + where + " (" + safeConstraintMessage(e) + ")", null);
        }
        if (e instanceof JsonEOFException) {
            return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position,
                    "unexpected end of JSON value" + where, null);
        }
        String msg = e.getOriginalMessage();
        if (msg != null && msg.startsWith("Duplicate field")) {
            return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position,
                    "duplicate field in JSON object" + where, null);
        }
        if (NUMBER_OUT_OF_RANGE.equals(msg)) {
            return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position, NUMBER_OUT_OF_RANGE + where, null);
        }
        return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position,
                "invalid JSON syntax" + where, null);
    }

    // Jackson's constraint messages give lengths and limits only; keep the first sentence.
    private static String safeConstraintMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "limit";
        }
        int cut = m.indexOf(" (");
        String first = cut > 0 ? m.substring(0, cut) : m;
        return first.replaceAll("\"[^\"]*\"", "").trim();
    }

    /**
     * Converts a JSON tree into the value model: numbers to exact {@link BigDecimal}, arrays to
     * lists, objects to ordered maps. Binary nodes become {@link Bytes}.
     */
    public static Object toValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        switch (node.getNodeType()) {
            case STRING:
                return node.textValue();
            case NUMBER:
                return decimal(node);
            case BOOLEAN:
                return node.booleanValue();
            case BINARY:
                try {
                    return Bytes.of(node.binaryValue());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toValue(element));
                }
                return Values.of(list);
            }
            case OBJECT:
                return toRow(node).asMap();
            default:
                throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
        }
    }

    /** An object node as a {@link Row}. */
    public static Row toRow(JsonNode object) {
        Row.Builder b = Row.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.put(e.getKey(), toValue(e.getValue()));
        }
        return b.build();
    }

    /**
     * Reads the value at the parser's current token straight into the value model, without a
     * tree: objects become ordered maps, arrays lists, numbers exact {@link BigDecimal}s. The
     * parser is left on the value's last token.
     */
    public static Object readValue(JsonParser p) throws IOException {
        com.fasterxml.jackson.core.JsonToken t = p.currentToken();
        if (t == null) {
            t = p.nextToken();
        }
        if (t == null) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "no JSON value");
        }
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(p, t);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                return Values.of(list);
            }
            case START_OBJECT:
                return readRow(p).asMap();
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
        }
    }

    private static BigDecimal number(JsonParser p, com.fasterxml.jackson.core.JsonToken t) throws IOException {
        try {
            if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal plain = plainDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                return plain != null ? plain : p.getDecimalValue();
            }
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new BigDecimal(p.getBigIntegerValue()) : BigDecimal.valueOf(p.getLongValue());
        } catch (NumberFormatException e) {
            // Jackson's message quotes the digits (an exponent beyond int range); this one does not.
            throw new com.fasterxml.jackson.core.JsonParseException(p, NUMBER_OUT_OF_RANGE);
        }
    }

    /**
     * Reads the object at the parser's current token ({@code START_OBJECT}) into a {@link Row},
     * without a tree. The parser is left on the object's {@code END_OBJECT}.
     */
    public static Row readRow(JsonParser p) throws IOException {
        Row.Builder b = Row.builder();
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            b.put(name, readValue(p));
        }
        return b.build();
    }

    /**
     * The decimal of {@code chars[offset, offset + length)} when it is a plain decimal of at most 18
     * digits ({@code [+-]?\d*(\.\d*)?}, at least one digit), else {@code null}. Equal, scale
     * included, to {@code new BigDecimal} of the same characters, but made from a long: most numbers
     * of change records are such, and BigDecimal's general parser is the slower way to them.
     */
    public static BigDecimal plainDecimal(char[] chars, int offset, int length) {
        int n = offset + length;
        int i = offset;
        boolean negative = false;
        if (i < n && (chars[i] == '+' || chars[i] == '-')) {
            negative = chars[i] == '-';
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (point) {
                    scale++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /** The exact decimal value of a number node. */
    public static BigDecimal decimal(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? BigDecimal.valueOf(number.longValue())
                    : new BigDecimal(number.bigIntegerValue());
        }
        return number.decimalValue();
    }
}
