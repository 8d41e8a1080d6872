package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.core.internal.RowLayouts;
import io.cdcsdk.dynamodb.internal.AttributeRules.At;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Items and attribute values read straight from parser tokens, by {@link AttributeRules}. A member
 * name that repeats is a syntax error, whether or not the parser looks for them. Each method starts
 * on the value's first token and leaves the parser on its last one. After a
 * {@link ChangeReadException} the parser is somewhere inside the value: a caller that reads on calls
 * {@link Tokens#finishValue} first (or reads with {@link #itemOrFailure}). Syntax errors and limits
 * are the parser's {@link IOException}s.
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

    /** An item that was read: its row, or why it is not one. */
    record Item(Row row, ChangeReadException failure) {
        /** The row, or the failure thrown. */
        Row get() {
            if (failure != null) {
                throw failure;
            }
            return row;
        }
    }

    /**
     * An item read from the parser: an object of attribute name to attribute value.
     *
     * @param path the item's JSON path, a String or an {@link At}; written out only for an error
     */
    Row item(JsonParser p, Object path, Position position) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            throw AttributeRules.notItem(position, path, Tokens.kind(t));
        }
        return members(p, path, position);
    }

    /**
     * {@link #item} that keeps a bad item as its failure rather than throwing it, the parser on the
     * item's last token either way: the error reported can then be the one of a member read later.
     */
    Item itemOrFailure(JsonParser p, Object path, Position position) throws IOException {
        JsonStreamContext enclosing = Tokens.enclosing(p);
        try {
            return new Item(item(p, path, position), null);
        } catch (ChangeReadException e) {
            Tokens.finishValue(p, enclosing);
            return new Item(null, e);
        }
    }

    /** One attribute value ({@code {"S":"x"}}, ...) at {@code path}, as a model value. */
    Object attribute(JsonParser p, Object path, Position position) throws IOException {
        return value(p, path, null, -1, position);
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
    // a value is at member name (or, when name is null, element index) of parent, or parent itself
    // when there is neither.
    private static Object at(Object parent, String name, int index) {
        return name != null ? new At(parent, name) : index >= 0 ? new At(parent, index) : parent;
    }

    private Object value(JsonParser p, Object parent, String name, int index, Position position) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            throw AttributeRules.notAttribute(position, at(parent, name, index), Tokens.kind(t));
        }
        JsonStreamContext attribute = p.getParsingContext();
        String tag = p.nextFieldName();
        if (tag == null) {
            throw AttributeRules.tagCount(position, at(parent, name, index), 0);
        }
        JsonToken v = p.nextToken();
        Object result = null;
        ChangeReadException failure = null;
        try {
            result = tagged(p, v, tag, parent, name, index, position);
        } catch (ChangeReadException e) {
            // A second member is reported before a bad first one: one tag is the first rule.
            failure = e;
            Tokens.finishValue(p, attribute);
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
            throw AttributeRules.tagCount(position, at(parent, name, index), members);
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
                if (v == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                break;
            case "N":
                if (v == JsonToken.VALUE_STRING) {
                    return number(p, parent, name, index, tag, -1, position);
                }
                break;
            case "B":
                if (v == JsonToken.VALUE_STRING) {
                    return binary(p.getText(), parent, name, index, tag, -1, position);
                }
                break;
            case "BOOL":
                if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                    return v == JsonToken.VALUE_TRUE ? Boolean.TRUE : Boolean.FALSE;
                }
                break;
            case "NULL":
                if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                    return null;
                }
                break;
            case "SS":
            case "NS":
            case "BS":
                if (v == JsonToken.START_ARRAY) {
                    return set(p, tag, parent, name, index, position);
                }
                break;
            case "L":
                if (v == JsonToken.START_ARRAY) {
                    return list(p, tag, parent, name, index, position);
                }
                break;
            case "M":
                if (v == JsonToken.START_OBJECT) {
                    return members(p, new At(at(parent, name, index), tag), position).asMap();
                }
                break;
            default:
                throw AttributeRules.unknownTag(position, at(parent, name, index), tag);
        }
        // The value under the tag is not what the tag says.
        throw AttributeRules.notA(position, tagAt(parent, name, index, tag, -1), AttributeRules.expected(tag), Tokens.kind(v));
    }

    private Object set(JsonParser p, String tag, Object parent, String name, int index, Position position)
            throws IOException {
        SetMembers set = setMembers;
        try {
            int i = 0;
            JsonToken m;
            while ((m = p.nextToken()) != JsonToken.END_ARRAY) {
                int member = i++;
                if (m != JsonToken.VALUE_STRING) {
                    throw AttributeRules.notA(position, tagAt(parent, name, index, tag, member),
                            AttributeRules.setMember(tag), Tokens.kind(m));
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

    private Object list(JsonParser p, String tag, Object parent, String name, int index, Position position)
            throws IOException {
        At here = new At(at(parent, name, index), tag);
        List<Object> list = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(p, here, null, i++, position));
        }
        return Values.of(list);
    }

    // The path of the value under type tag tag; with member >= 0, of that member of the set under it.
    private static At tagAt(Object parent, String name, int index, String tag, int member) {
        At at = new At(at(parent, name, index), tag);
        return member < 0 ? at : new At(at, member);
    }

    // The number of the current string token, read from the parser's characters without a String.
    // member is the index in an NS set, or -1 for an N value.
    private static BigDecimal number(JsonParser p, Object parent, String name, int index, String tag, int member,
            Position position) throws IOException {
        int length = p.getTextLength();
        BigDecimal d;
        if (length > p.streamReadConstraints().getMaxStringLength()) {
            d = AttributeRules.parseNumber(p.getText()); // the parser reports the limit
        } else {
            d = AttributeRules.parseNumber(p.getTextCharacters(), p.getTextOffset(), length);
        }
        if (d == null) {
            throw AttributeRules.notNumber(position, tagAt(parent, name, index, tag, member), length);
        }
        return d;
    }

    // member is the index in a BS set, or -1 for a B value
    private static Bytes binary(String s, Object parent, String name, int index, String tag, int member, Position position) {
        try {
            return Bytes.fromBase64(s);
        } catch (IllegalArgumentException e) {
            throw AttributeRules.notBase64(position, tagAt(parent, name, index, tag, member), s.length());
        }
    }
}
