package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.JsonParsing;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.dynamodb.internal.ItemTokens.Item;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB JSON attribute values to the value model, read from parser tokens by the readers'
 * {@link ItemTokens} (a tree or a map by its tokens), and back to DynamoDB JSON trees.
 */
public final class AttributeJson {
    /** The node factory for DynamoDB JSON output: numbers stay exact. */
    @SuppressWarnings("deprecation") // the documented way to keep BigDecimal scale in trees, as cdc-core does
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Items given as text or trees by a program may nest deeper than a stream record: up to 200 levels. */
    private static final Limits LIMITS = Limits.DEFAULTS.withMaxNestingDepth(200);

    private AttributeJson() {
    }

    /** One attribute value ({@code {"S":"x"}}, ...) as a model value; errors name the path {@code $}. */
    public static Object value(JsonNode node) {
        return read(node == null ? null : node.traverse(), false, "attribute value");
    }

    /** An item, an object of attribute name to attribute value, as a row; errors name the path {@code $}. */
    public static Row item(JsonNode node) {
        return (Row) read(node == null ? null : node.traverse(), true, "item");
    }

    /** An attribute value in the form a generic JSON library gives it (maps, lists, strings, booleans). */
    public static Object value(Map<String, ?> attributeValue) {
        return read(tokens(attributeValue), false, "attribute value");
    }

    /** An item in generic-map form as a row. */
    public static Row item(Map<String, ?> item) {
        return (Row) read(tokens(item), true, "item");
    }

    // The tokens Jackson writes for a map, without a tree.
    private static JsonParser tokens(Map<String, ?> map) {
        ObjectMapper mapper = JsonParsing.mapper(LIMITS);
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        try {
            mapper.writeValue(buffer, map);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the map as JSON (" + e.getClass().getSimpleName() + ")");
        }
        return buffer.asParser();
    }

    // An item or an attribute value from the tokens of a value held in memory (null for none).
    private static Object read(JsonParser tokens, boolean item, String source) {
        Position position = Position.of(source);
        if (tokens == null) {
            throw item ? AttributeRules.notItem(position, "$", "nothing") : AttributeRules.notAttribute(position, "$", "nothing");
        }
        try (JsonParser p = tokens) {
            p.nextToken();
            ItemTokens reader = new ItemTokens();
            return item ? reader.item(p, "$", position) : reader.attribute(p, "$", position);
        } catch (IOException e) {
            throw JsonParsing.failure(e, position);
        }
    }

    /**
     * DynamoDB JSON text of one item as a row. A bad attribute value is reported only when the text
     * is valid JSON to its end: syntax errors come first.
     */
    public static Row parseItem(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Position position = new Position("item", 1, 0, 1);
        try (JsonParser p = Tokens.parser(bytes, bytes.length, LIMITS)) {
            if (p.nextToken() == null) {
                throw ChangeReadException.malformed(position, "no JSON value");
            }
            Item item = new ItemTokens().itemOrFailure(p, "$", position);
            if (p.nextToken() != null) {
                throw ChangeReadException.malformed(position, JsonParsing.TRAILING);
            }
            return item.get();
        } catch (IOException | NumberFormatException e) {
            throw JsonParsing.failure(e, position);
        }
    }

    /** Whether DynamoDB can store the number: 38 significant digits, magnitude within 1E-130 .. 1E+126. */
    public static boolean isInRange(BigDecimal d) {
        return AttributeRules.isInRange(d);
    }

    // ---------------------------------------------------------------- encoding

    /** A model value (or a value {@link Values#of} accepts) as a DynamoDB JSON attribute value. */
    public static ObjectNode encode(Object value) {
        return encode(Values.of(value), 0);
    }

    /** An item as a DynamoDB JSON object of attribute values. */
    public static ObjectNode encodeItem(Map<String, ?> item) {
        ObjectNode o = NODES.objectNode();
        for (Map.Entry<String, ?> e : item.entrySet()) {
            o.set(e.getKey(), encode(Values.of(e.getValue()), 1));
        }
        return o;
    }

    private static ObjectNode encode(Object v, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("value nests deeper than 64 levels");
        }
        ObjectNode o = NODES.objectNode();
        if (v == null) {
            o.put("NULL", true);
        } else if (v instanceof String s) {
            o.put("S", s);
        } else if (v instanceof BigDecimal d) {
            o.put("N", numberText(d));
        } else if (v instanceof Boolean b) {
            o.put("BOOL", b);
        } else if (v instanceof Bytes b) {
            o.put("B", b.toBase64());
        } else if (v instanceof Set<?> set) {
            encodeSet(o, set);
        } else if (v instanceof List<?> list) {
            ArrayNode a = o.putArray("L");
            for (Object m : list) {
                a.add(encode(m, depth + 1));
            }
        } else if (v instanceof Map<?, ?> map) {
            ObjectNode m = o.putObject("M");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                m.set((String) e.getKey(), encode(e.getValue(), depth + 1));
            }
        } else {
            throw new IllegalArgumentException("unsupported value type " + v.getClass().getName());
        }
        return o;
    }

    private static String numberText(BigDecimal d) {
        if (!AttributeRules.isInRange(d)) {
            throw new IllegalArgumentException("number outside DynamoDB's range (38 significant digits, "
                    + "magnitude 1E-130 to 9.99E+125)");
        }
        return d.toString();
    }

    private static void encodeSet(ObjectNode o, Collection<?> set) {
        if (set.isEmpty()) {
            throw new IllegalArgumentException("DynamoDB has no empty sets; use an empty list or leave the attribute out");
        }
        Object first = set.iterator().next();
        String tag = first instanceof String ? "SS" : first instanceof BigDecimal ? "NS" : first instanceof Bytes ? "BS" : null;
        if (tag == null) {
            throw new IllegalArgumentException("set members must be strings, numbers or binary, found "
                    + Values.kind(first));
        }
        ArrayNode a = o.putArray(tag);
        for (Object m : set) {
            if (m == null || m.getClass() != first.getClass()) {
                throw new IllegalArgumentException("all members of a set must have one type; found "
                        + Values.kind(first) + " and " + Values.kind(m));
            }
            if (m instanceof String s) {
                a.add(s);
            } else if (m instanceof BigDecimal d) {
                a.add(numberText(d));
            } else {
                a.add(((Bytes) m).toBase64());
            }
        }
    }
}
