package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.dynamodb.internal.AttributeRules.At;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute values of an AWS library's object model ({@code V}) to the value model, by
 * {@link AttributeRules}, with no JSON in between: a subclass says which type member a value has
 * set and hands it over. Errors name the JSON path the value would have in DynamoDB JSON.
 *
 * @param <V> the library's attribute value type
 */
abstract class ObjectValues<V> {
    /** How many type members {@code v} has set (the rules want one). */
    abstract int typeCount(V v);

    /** The tag of the one type member {@code v} has set: S, N, B, SS, NS, BS, M, L, NULL or BOOL. */
    abstract String tag(V v);

    /**
     * The member under {@code tag}: a String (S, N), byte[] (B), Boolean (BOOL, NULL), a List of
     * String (SS, NS) or of byte[] (BS), a List of V (L), a Map of String to V (M).
     */
    abstract Object member(V v, String tag);

    /** An item at {@code path}. */
    final Row item(Map<String, V> item, Object path, Position position) {
        Row.Builder b = Row.builder();
        item.forEach((name, v) -> b.put(name, value(v, new At(path, name), position)));
        return b.build();
    }

    /** One attribute value at {@code path}. */
    final Object value(V v, Object path, Position position) {
        int types = v == null ? 0 : typeCount(v);
        if (types != 1) {
            throw AttributeRules.tagCount(position, path, types);
        }
        String tag = tag(v);
        Object m = member(v, tag);
        At at = new At(path, tag);
        switch (tag) {
            case "S":
            case "BOOL":
                return m;
            case "N":
                return AttributeRules.number((String) m, at, position);
            case "B":
                return Bytes.of((byte[]) m);
            case "NULL":
                return null;
            case "SS":
            case "NS":
            case "BS": {
                SetMembers set = new SetMembers();
                int i = 0;
                for (Object member : (List<?>) m) {
                    At memberAt = new At(at, i++);
                    if (member == null) {
                        throw AttributeRules.notA(position, memberAt, AttributeRules.setMember(tag), "null");
                    }
                    set.addMember(tag.equals("SS") ? member : tag.equals("NS")
                            ? AttributeRules.number((String) member, memberAt, position) : Bytes.of((byte[]) member));
                }
                return set.toValue();
            }
            case "L": {
                List<?> elements = (List<?>) m;
                List<Object> list = new ArrayList<>(elements.size());
                int i = 0;
                for (Object e : elements) {
                    list.add(value(cast(e), new At(at, i++), position));
                }
                return Values.of(list);
            }
            case "M": {
                Map<String, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) m).forEach((name, e) -> map.put((String) name, value(cast(e), new At(at, (String) name), position)));
                return Values.of(map);
            }
            default:
                throw AttributeRules.unknownTag(position, path, tag);
        }
    }

    @SuppressWarnings("unchecked")
    private V cast(Object element) {
        return (V) element;
    }
}
