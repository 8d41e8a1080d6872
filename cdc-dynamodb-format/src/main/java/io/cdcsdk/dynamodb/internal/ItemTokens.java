package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.core.spi.RowLayouts;
import io.cdcsdk.dynamodb.internal.AttrCodec.At;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Items read straight from parser tokens: the mapping and the errors of {@link AttrCodec}'s tree
 * methods, without a tree. A member name that repeats is a syntax error, whether or not the parser
 * looks for them. Each method starts on the value's first token and leaves the parser on its last
 * one. After a {@link ChangeReadException} the parser is somewhere inside the value: a caller that
 * reads on calls {@link AttrCodec#finishValue} first. Syntax errors and limits are the parser's
 * {@link IOException}s.
 *
 * <p>One of a reader: it keeps the layouts of the items it read ({@link RowLayouts}) and the
 * arrays it collects members in.
 */
final class ItemTokens {
    private final RowLayouts layouts = new RowLayouts();
    private final SetMembers setMembers = new SetMembers();
    // The names and values of the objects being read, one level for each object inside another.
    private Members[] levels = new Members[4];
    private int depth;

    /** The members of one object, collected before they become a row. */
    private static final class Members {
        private static final int INITIAL = 16;
        private static final int KEPT = 1024;
        String[] names = new String[INITIAL];
        Object[] values = new Object[INITIAL];

        void put(int i, String name, Object value) {
            if (i == names.length) {
                names = Arrays.copyOf(names, i * 2);
                values = Arrays.copyOf(values, i * 2);
            }
            names[i] = name;
            values[i] = value;
        }

        // The values are row data: they are not kept once their row is made.
        void clear(int count) {
            if (names.length > KEPT) {
                names = new String[INITIAL];
                values = new Object[INITIAL];
            } else {
                Arrays.fill(names, 0, count, null);
                Arrays.fill(values, 0, count, null);
            }
        }
    }

    /**
     * An item read from the parser: an object of attribute name to attribute value.
     *
     * @param path the item's JSON path, a String or {@link AttrCodec#path(Object, String)}; written
     *             out only for an error
     */
    Row item(JsonParser p, Object path, Position position) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(path), "an object of attribute values",
                    AttrCodec.kind(t));
        }
        return members(p, path, position);
    }

    /** The members of the object the parser is at the start of, as a row; its members are at {@code parent}. */
    private Row members(JsonParser p, Object parent, Position position) throws IOException {
        if (depth == levels.length) {
            levels = Arrays.copyOf(levels, depth * 2);
        }
        Members m = levels[depth];
        if (m == null) {
            m = new Members();
            levels[depth] = m;
        }
        depth++;
        int count = 0;
        try {
            String name;
            while ((name = p.nextFieldName()) != null) {
                p.nextToken();
                Object value = value(p, parent, name, -1, position);
                m.put(count++, name, value);
            }
            Row row = layouts.row(m.names, m.values, count);
            if (row == null) {
                throw MemberNames.duplicate(p);
            }
            return row;
        } finally {
            m.clear(count);
            depth--;
        }
    }

    // Paths of values are made only for errors and for containers, whose members need a parent:
    // a value is at member name (or, when name is null, element index) of parent.
    private static At at(Object parent, String name, int index) {
        return name != null ? new At(parent, name) : new At(parent, index);
    }

    private Object value(JsonParser p, Object parent, String name, int index, Position position) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(at(parent, name, index)),
                    "an attribute value object (" + AttrCodec.TAGS + ")", AttrCodec.kind(t));
        }
        JsonStreamContext attribute = p.getParsingContext();
        String tag = p.nextFieldName();
        if (tag == null) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(at(parent, name, index)),
                    "exactly one type tag (" + AttrCodec.TAGS + ")", "none");
        }
        JsonToken v = p.nextToken();
        Object result = null;
        ChangeReadException failure = null;
        try {
            result = tagged(p, v, tag, parent, name, index, position);
        } catch (ChangeReadException e) {
            // A second member is reported before a bad first one, as the tree path does.
            failure = e;
            AttrCodec.finishValue(p, attribute);
        }
        int members = 1;
        if (p.nextToken() == JsonToken.FIELD_NAME) {
            MemberNames names = new MemberNames();
            names.add(p, tag);
            do {
                names.add(p, p.currentName());
                members++;
                p.nextToken();
                MemberNames.skipValue(p);
            } while (p.nextToken() == JsonToken.FIELD_NAME);
        }
        if (members != 1) {
            throw ChangeReadException.unexpectedType(position, String.valueOf(at(parent, name, index)),
                    "exactly one type tag (" + AttrCodec.TAGS + ")", members + " members");
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private Object tagged(JsonParser p, JsonToken v, String tag, Object parent, String name, int index,
            Position position) throws IOException {
        // The scalars here, the containers in methods of their own: the common case stays small.
        switch (tag) {
            case "S":
                if (v != JsonToken.VALUE_STRING) {
                    throw notA(position, parent, name, index, tag, "a string", v);
                }
                return p.getText();
            case "N":
                if (v != JsonToken.VALUE_STRING) {
                    throw notA(position, parent, name, index, tag, "a number as a string", v);
                }
                return number(p, parent, name, index, tag, -1, position);
            case "B":
                if (v != JsonToken.VALUE_STRING) {
                    throw notA(position, parent, name, index, tag, "a base64 string", v);
                }
                return binary(p.getText(), parent, name, index, tag, -1, position);
            case "BOOL":
                if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                    throw notA(position, parent, name, index, tag, "true or false", v);
                }
                return v == JsonToken.VALUE_TRUE ? Boolean.TRUE : Boolean.FALSE;
            case "NULL":
                if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                    throw notA(position, parent, name, index, tag, "true", v);
                }
                return null;
            case "SS":
            case "NS":
            case "BS":
                return set(p, v, tag, parent, name, index, position);
            case "L":
                return list(p, v, tag, parent, name, index, position);
            case "M":
                if (v != JsonToken.START_OBJECT) {
                    throw notA(position, parent, name, index, tag, "an object", v);
                }
                return members(p, new At(at(parent, name, index), tag), position).asMap();
            default:
                throw ChangeReadException.unexpectedType(position, String.valueOf(at(parent, name, index)), AttrCodec.TAGS,
                        "type tag \"" + AttrCodec.safeTag(tag) + "\"");
        }
    }

    private Object set(JsonParser p, JsonToken v, String tag, Object parent, String name, int index, Position position)
            throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw notA(position, parent, name, index, tag, "an array", v);
        }
        SetMembers set = setMembers;
        try {
            int i = 0;
            JsonToken m;
            while ((m = p.nextToken()) != JsonToken.END_ARRAY) {
                int member = i++;
                if (m != JsonToken.VALUE_STRING) {
                    throw notA(position, new At(new At(at(parent, name, index), tag), member), tag.equals("SS")
                            ? "a string" : tag.equals("NS") ? "a number as a string" : "a base64 string", m);
                }
                if (tag.equals("SS")) {
                    set.addMember(p.getText());
                } else if (tag.equals("NS")) {
                    set.addMember(number(p, parent, name, index, tag, member, position));
                } else {
                    set.addMember(binary(p.getText(), parent, name, index, tag, member, position));
                }
            }
            return set.toValue();
        } finally {
            set.clear();
        }
    }

    private Object list(JsonParser p, JsonToken v, String tag, Object parent, String name, int index, Position position)
            throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw notA(position, parent, name, index, tag, "an array", v);
        }
        At here = new At(at(parent, name, index), tag);
        List<Object> list = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(p, here, null, i++, position));
        }
        return Values.of(list);
    }

    // The value under type tag tag is not what the tag says.
    private static ChangeReadException notA(Position position, Object parent, String name, int index, String tag,
            String expected, JsonToken found) {
        return notA(position, new At(at(parent, name, index), tag), expected, found);
    }

    private static ChangeReadException notA(Position position, At at, String expected, JsonToken found) {
        return ChangeReadException.unexpectedType(position, String.valueOf(at), expected, AttrCodec.kind(found));
    }

    // The number of the current string token, read from the parser's characters without a String.
    // member is the index in an NS set, or -1 for an N value.
    private static BigDecimal number(JsonParser p, Object parent, String name, int index, String tag, int member,
            Position position) throws IOException {
        int length = p.getTextLength();
        BigDecimal d;
        if (length > p.streamReadConstraints().getMaxStringLength()) {
            d = AttrCodec.parseNumber(p.getText()); // the parser reports the limit
        } else {
            d = AttrCodec.parseNumber(p.getTextCharacters(), p.getTextOffset(), length);
        }
        if (d == null) {
            At at = new At(at(parent, name, index), tag);
            throw ChangeReadException.unexpectedType(position, String.valueOf(member < 0 ? at : new At(at, member)),
                    "a DynamoDB number (up to 38 significant digits, magnitude 1E-130 to 9.99E+125)",
                    "a string of " + length + " characters that is not one");
        }
        return d;
    }

    // member is the index in a BS set, or -1 for a B value
    private static Bytes binary(String s, Object parent, String name, int index, String tag, int member, Position position) {
        try {
            return Bytes.fromBase64(s);
        } catch (IllegalArgumentException e) {
            At at = new At(at(parent, name, index), tag);
            throw ChangeReadException.unexpectedType(position, String.valueOf(member < 0 ? at : new At(at, member)),
                    "base64 binary", "a string of " + s.length() + " characters that is not base64");
        }
    }
}
