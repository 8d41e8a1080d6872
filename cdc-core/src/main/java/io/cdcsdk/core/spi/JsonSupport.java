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
 * Reads JSON values into the library's value model ({@link Values}), as every JSON adapter should:
 * exact numbers ({@link BigDecimal}, never {@code double}: {@code 1E-130} and 38-digit numbers
 * survive), objects as {@link Row}s and ordered maps, arrays as lists, JSON {@code null} as
 * {@code null}. Two ways in: from parser tokens ({@link #readRow(JsonParser)},
 * {@link #readValue(JsonParser)}), the faster, or from a tree ({@link #toRow(JsonNode)},
 * {@link #toValue(JsonNode)}).
 *
 * <p>The parser a {@link JsonChangeReader} hands to a converter already enforces the
 * {@link Limits} (sizes, depth, repeated names), and what it throws is reported with the value's
 * position, never with its text.
 */
public final class JsonSupport {
    private JsonSupport() {
    }

    /**
     * Converts a JSON tree into the value model: numbers to exact {@link BigDecimal}, arrays to
     * lists, objects to ordered maps. Binary nodes become {@link Bytes}.
     *
     * @param node a tree, or {@code null}
     * @return the value: a string, {@code BigDecimal}, {@code Boolean}, {@code Bytes}, unmodifiable
     *         list or map; {@code null} for a {@code null} node, a JSON null or a missing node
     * @throws IllegalArgumentException for a node that is not JSON (a POJO node)
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

    /**
     * {@return an object node as a row} Columns in the object's order, values converted as
     * {@link #toValue(JsonNode)} does.
     *
     * @param object an object node; a node of another type gives an empty row
     */
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
     * tree: objects become ordered maps, arrays lists, numbers exact {@link BigDecimal}s. When the
     * parser has no current token, its next token is taken. The parser is left on the value's last
     * token.
     *
     * @param p the parser, on the value's first token or before it
     * @return the value, as {@link #toValue(JsonNode)} gives it; {@code null} for JSON null
     * @throws IOException from the parser, and a {@link com.fasterxml.jackson.core.JsonParseException}
     *                     for the end of the input or an unexpected token, or a number with an
     *                     exponent beyond the range of {@code BigDecimal}; the messages do not quote
     *                     the input
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
     *
     * @param p the parser, on the object's {@code START_OBJECT}
     * @return the row, columns in the object's order, values as {@link #readValue(JsonParser)}
     *         reads them
     * @throws IOException from the parser, or as {@link #readValue(JsonParser)} throws
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
     * The exact decimal value of a number node: all its digits and its scale, never through
     * {@code double}.
     *
     * @param number a node for which {@code isNumber()} is true
     * @return its value
     */
    public static BigDecimal decimal(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? BigDecimal.valueOf(number.longValue())
                    : new BigDecimal(number.bigIntegerValue());
        }
        return number.decimalValue();
    }
}
