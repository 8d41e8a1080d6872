package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.core.spi.JsonSupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** DynamoDB JSON attribute values to the value model and back, with JSON paths in errors. */
public final class AttrCodec {
    /** The node factory for DynamoDB JSON output: numbers stay exact. */
    @SuppressWarnings("deprecation") // the documented way to keep BigDecimal scale in trees, as cdc-core does
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    static final String TAGS = "one of S N B SS NS BS M L NULL BOOL";
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** DynamoDB keeps at most 38 significant digits. */
    public static final int MAX_PRECISION = 38;

    private AttrCodec() {
    }

    /** Appends an object member to a JSON path. */
    public static String member(String path, String name) {
        if (IDENT.matcher(name).matches()) {
            return path + "." + name;
        }
        StringBuilder sb = new StringBuilder(path).append("['");
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            sb.append(c == '\'' || c == '\\' ? "\\" + c : c < 0x20 ? "?" : String.valueOf(c));
        }
        return sb.append(name.length() > 64 ? "...']" : "']").toString();
    }

    /**
     * A JSON path, written out only when an error names it: building the path string of every
     * attribute read costs more than reading the value.
     */
    static final class At {
        private final Object parent;
        private final String member;
        private final int index;

        At(Object parent, String member) {
            this.parent = parent;
            this.member = member;
            this.index = -1;
        }

        At(Object parent, int index) {
            this.parent = parent;
            this.member = null;
            this.index = index;
        }

        @Override
        public String toString() {
            String p = parent.toString();
            return member != null ? member(p, member) : p + "[" + index + "]";
        }
    }

    /** An item: an object of attribute name to attribute value. */
    public static Row item(JsonNode node, String path, Position position) {
        if (node == null || !node.isObject()) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(path), "an object of attribute values", kind(node));
        }
        Row.Builder b = Row.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.put(e.getKey(), value(e.getValue(), new At(path, e.getKey()), position));
        }
        return b.build();
    }

    /** One attribute value ({@code {"S":"x"}}, ...) as a model value. */
    public static Object value(JsonNode node, String path, Position position) {
        return value(node, (Object) path, position);
    }

    private static Object value(JsonNode node, Object path, Position position) {
        if (node == null || !node.isObject()) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(path), "an attribute value object (" + TAGS + ")",
                    kind(node));
        }
        if (node.size() != 1) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(path), "exactly one type tag (" + TAGS + ")",
                    node.size() == 0 ? "none" : node.size() + " members");
        }
        Map.Entry<String, JsonNode> e = node.properties().iterator().next();
        String tag = e.getKey();
        JsonNode v = e.getValue();
        At at = new At(path, tag);
        switch (tag) {
            case "S":
                return text(v, at, position, "a string");
            case "N":
                return number(text(v, at, position, "a number as a string"), at, position);
            case "B":
                return binary(text(v, at, position, "a base64 string"), at, position);
            case "BOOL":
                if (!v.isBoolean()) {
                    throw ChangeReadException.unexpectedType(position, String.valueOf(at), "true or false", kind(v));
                }
                return v.booleanValue();
            case "NULL":
                if (!v.isBoolean()) {
                    throw ChangeReadException.unexpectedType(position, String.valueOf(at), "true", kind(v));
                }
                return null;
            case "SS":
            case "NS":
            case "BS": {
                array(v, at, position);
                LinkedHashSet<Object> set = new LinkedHashSet<>();
                int i = 0;
                for (JsonNode m : v) {
                    At p = new At(at, i++);
                    String s = text(m, p, position, tag.equals("SS") ? "a string" : tag.equals("NS")
                            ? "a number as a string" : "a base64 string");
                    set.add(tag.equals("SS") ? s : tag.equals("NS") ? number(s, p, position) : binary(s, p, position));
                }
                return Values.of(set);
            }
            case "L": {
                array(v, at, position);
                List<Object> list = new ArrayList<>(v.size());
                int i = 0;
                for (JsonNode m : v) {
                    list.add(value(m, new At(at, i++), position));
                }
                return Values.of(list);
            }
            case "M": {
                if (!v.isObject()) {
                    throw ChangeReadException.unexpectedType(position, String.valueOf(at), "an object", kind(v));
                }
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = it.next();
                    map.put(m.getKey(), value(m.getValue(), new At(at, m.getKey()), position));
                }
                return Values.of(map);
            }
            default:
                throw ChangeReadException.unexpectedType(position, String.valueOf(path), TAGS, "type tag \"" + safeTag(tag) + "\"");
        }
    }

    static String safeTag(String tag) {
        String t = tag.length() > 16 ? tag.substring(0, 16) + "..." : tag;
        return t.replaceAll("[^A-Za-z0-9_]", "?");
    }

    private static void array(JsonNode v, Object at, Position position) {
        if (!v.isArray()) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(at), "an array", kind(v));
        }
    }

    private static String text(JsonNode v, Object at, Position position, String expected) {
        if (!v.isTextual()) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(at), expected, kind(v));
        }
        return v.textValue();
    }

    /** A DynamoDB number string as an exact decimal, with the scale as written. */
    public static BigDecimal number(String s, String at, Position position) {
        return number(s, (Object) at, position);
    }

    private static BigDecimal number(String s, Object at, Position position) {
        BigDecimal d = parseNumber(s);
        if (d == null) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(at), "a DynamoDB number (up to 38 significant digits, "
                    + "magnitude 1E-130 to 9.99E+125)", "a string of " + s.length() + " characters that is not one");
        }
        return d;
    }

    /** The exact decimal of a DynamoDB number string, or null when it is not one. */
    public static BigDecimal parseNumber(String s) {
        if (s.isEmpty() || s.length() > 2000) {
            return null;
        }
        char[] chars = s.toCharArray();
        return parseNumber(chars, 0, chars.length);
    }

    /** {@link #parseNumber(String)} of the characters {@code chars[offset, offset + length)}. */
    static BigDecimal parseNumber(char[] chars, int offset, int length) {
        // Plain decimals of up to 18 digits are always within DynamoDB's range.
        BigDecimal plain = JsonSupport.plainDecimal(chars, offset, length);
        if (plain != null) {
            return plain;
        }
        if (length == 0 || length > 2000 || !isNumberSyntax(chars, offset, length)) {
            return null;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(chars, offset, length);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
        return isInRange(d) ? d : null;
    }

    /** {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,9})?}, without a regex: this runs for every number read. */
    static boolean isNumberSyntax(String s) {
        return isNumberSyntax(s.toCharArray(), 0, s.length());
    }

    private static boolean isNumberSyntax(char[] s, int offset, int length) {
        int n = offset + length;
        int i = offset;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s[i])) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s[i] == '.') {
            i++;
            while (i < n && isDigit(s[i])) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s[i])) {
                i++;
                expDigits++;
            }
            if (expDigits == 0 || expDigits > 9) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether DynamoDB can store the number: 38 significant digits, magnitude within 1E-130 .. 1E+126. */
    public static boolean isInRange(BigDecimal d) {
        if (d.signum() == 0) {
            return true;
        }
        // precision - scale does not change when trailing zeros are stripped
        BigDecimal stripped = d.precision() > MAX_PRECISION ? d.stripTrailingZeros() : d;
        if (stripped.precision() > MAX_PRECISION) {
            return false;
        }
        // magnitude: the exponent of the leading digit, precision - scale - 1
        long leading = (long) stripped.precision() - stripped.scale() - 1;
        return leading <= 125 && leading >= -130;
    }

    private static Bytes binary(String s, Object at, Position position) {
        try {
            return Bytes.fromBase64(s);
        } catch (IllegalArgumentException e) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(at), "base64 binary",
                    "a string of " + s.length() + " characters that is not base64");
        }
    }

    // ---------------------------------------------------------------- decoding from a parser: ItemTokens

    /** The path of member {@code name} of {@code parent}, written out only when an error names it. */
    public static Object path(Object parent, String name) {
        return new At(parent, name);
    }

    /**
     * Moves the parser to the last token of the value it is inside of, whose enclosing container
     * is {@code enclosing}: the end of an object or array, or a scalar value itself.
     */
    public static void finishValue(JsonParser p, JsonStreamContext enclosing) throws IOException {
        while (p.getParsingContext() != enclosing) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (p.nextToken() == null) {
                return;
            }
        }
    }

    /** The JSON type of a token, named as {@link #kind(JsonNode)} names node types. */
    public static String kind(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case VALUE_EMBEDDED_OBJECT -> "binary";
            default -> "nothing";
        };
    }

    /** The JSON node type for messages, never the value. */
    public static String kind(JsonNode v) {
        return v == null || v.isMissingNode() ? "nothing" : v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
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
        if (!isInRange(d)) {
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
