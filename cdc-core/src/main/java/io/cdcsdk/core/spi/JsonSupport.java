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
import io.cdcsdk.core.internal.JsonParsing;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON values into the library's value model, as every JSON adapter should: exact numbers
 * ({@code BigDecimal}, never {@code double}), objects as {@link Row}s and maps, arrays as lists. The
 * parser a {@link JsonChangeReader} hands to a converter already enforces the {@link Limits}
 * (sizes, depth, duplicate names) and its failures are reported with the value's position.
 */
public final class JsonSupport {
    private JsonSupport() {
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
                BigDecimal plain = JsonParsing.plainDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                return plain != null ? plain : p.getDecimalValue();
            }
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new BigDecimal(p.getBigIntegerValue()) : BigDecimal.valueOf(p.getLongValue());
        } catch (NumberFormatException e) {
            // Jackson's message quotes the digits (an exponent beyond int range); this one does not.
            throw new com.fasterxml.jackson.core.JsonParseException(p, JsonParsing.NUMBER_OUT_OF_RANGE);
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


    /** The exact decimal value of a number node: all its digits and its scale, never through {@code double}.
     *
     * @param number a node for which {@code isNumber()} is true
     * @return its value */
    public static BigDecimal decimal(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? BigDecimal.valueOf(number.longValue())
                    : new BigDecimal(number.bigIntegerValue());
        }
        return number.decimalValue();
    }
}
