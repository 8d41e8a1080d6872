package io.cdcsdk.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Row;
import io.cdcsdk.dynamodb.internal.AttributeJson;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Exact conversion between DynamoDB JSON attribute values and plain values of the
 * {@link io.cdcsdk.core.Values} model.
 *
 * <table>
 * <caption>Type mapping</caption>
 * <tr><th>DynamoDB</th><th>value</th></tr>
 * <tr><td>{@code S}</td><td>{@link String}</td></tr>
 * <tr><td>{@code N}</td><td>{@link BigDecimal}, exact, with the digits and scale as written (never through a double)</td></tr>
 * <tr><td>{@code B}</td><td>{@link io.cdcsdk.core.Bytes}, decoded from base64</td></tr>
 * <tr><td>{@code SS}, {@code NS}, {@code BS}</td><td>{@link java.util.Set} of strings, decimals or bytes, in the order given</td></tr>
 * <tr><td>{@code L}</td><td>{@link java.util.List}</td></tr>
 * <tr><td>{@code M}</td><td>{@link Map} with string keys, in the order given</td></tr>
 * <tr><td>{@code NULL}</td><td>{@code null}</td></tr>
 * <tr><td>{@code BOOL}</td><td>{@link Boolean}</td></tr>
 * </table>
 *
 * <p>{@link #toDynamoDbJson(Object)} is the reverse, so items read from a stream or export can be
 * written back: {@code toValue(toDynamoDbJson(v))} equals {@code v} for every value DynamoDB can
 * hold. Errors name the JSON path and what was expected, never the value.
 */
public final class AttributeValues {
    private AttributeValues() {
    }

    /**
     * One attribute value, such as {@code {"N":"1.5"}}, as a plain value.
     *
     * @param attributeValue an object with exactly one type tag
     * @return the value as the table above maps it; {@code null} for {@code NULL}; containers are
     *         unmodifiable
     * @throws ChangeReadException UNEXPECTED_TYPE when the node is not a valid attribute value (an
     *                             unknown or second type tag, an {@code N} that is not a DynamoDB
     *                             number, bad base64) or is {@code null}; the message names the
     *                             path, not the value
     */
    public static Object toValue(JsonNode attributeValue) {
        return AttributeJson.value(attributeValue);
    }

    /**
     * One attribute value in the form a generic JSON library gives it ({@code Map} of tag to
     * {@code String}, {@code Boolean}, {@code List} or {@code Map}) as a plain value.
     *
     * @param attributeValue a map with exactly one type tag, such as {@code Map.of("N", "1.5")}
     * @return the value as the table above maps it; {@code null} for {@code NULL}
     * @throws ChangeReadException UNEXPECTED_TYPE as for {@link #toValue(JsonNode)}
     */
    public static Object toValue(Map<String, ?> attributeValue) {
        return AttributeJson.value(attributeValue);
    }

    /**
     * An item, an object of attribute name to attribute value (as in {@code NewImage} or an export's
     * {@code Item}), as a {@link Row}.
     *
     * @param item an object of attribute name to attribute value
     * @return the row, with the attributes in the item's order
     * @throws ChangeReadException UNEXPECTED_TYPE when {@code item} is not an object or holds an
     *                             invalid attribute value, as for {@link #toValue(JsonNode)}
     */
    public static Row toRow(JsonNode item) {
        return AttributeJson.item(item);
    }

    /**
     * An item in generic-map form as a {@link Row}; see {@link #toRow(JsonNode)}.
     *
     * @param item a map of attribute name to attribute value in generic-map form
     * @return the row, with the attributes in the map's iteration order
     * @throws ChangeReadException UNEXPECTED_TYPE as for {@link #toValue(JsonNode)}
     */
    public static Row toRow(Map<String, ?> item) {
        return AttributeJson.item(item);
    }

    /**
     * Parses DynamoDB JSON text of one item (an object of attribute values) into a {@link Row},
     * keeping every number exact. The text is read within {@link io.cdcsdk.core.Limits#DEFAULTS},
     * except that values may nest up to 200 levels.
     *
     * @param json the text of exactly one JSON object
     * @return the row, with the attributes in the text's order
     * @throws ChangeReadException MALFORMED for bad JSON, no value or text after the object (checked
     *                             before the attribute values); UNEXPECTED_TYPE for bad attribute
     *                             values; LIMIT_EXCEEDED beyond the limits
     */
    public static Row parseItem(String json) {
        return AttributeJson.parseItem(json);
    }

    /**
     * A plain value as a DynamoDB JSON attribute value: strings to {@code S}, numbers (decimals and
     * integral types) to {@code N}, booleans to {@code BOOL}, {@code null} to {@code NULL},
     * {@link io.cdcsdk.core.Bytes} or {@code byte[]} to base64 {@code B}, sets to {@code SS},
     * {@code NS} or {@code BS} by their members' type, lists to {@code L}, maps to {@code M}.
     *
     * @param value a value of the {@link io.cdcsdk.core.Values} model, or one
     *              {@link io.cdcsdk.core.Values#of(Object)} converts (integral numbers,
     *              {@code byte[]}), or {@code null}
     * @return a new object with one type tag, numbers written exactly
     * @throws IllegalArgumentException for a value DynamoDB cannot hold: an empty or mixed set,
     *                                  a {@code double}, a number beyond 38 digits or the exponent
     *                                  range, nesting deeper than 64 levels, a type outside the
     *                                  model; the message names the type, never the value
     */
    public static ObjectNode toDynamoDbJson(Object value) {
        return AttributeJson.encode(value);
    }

    /**
     * An item (a {@link Row}'s map, or any map of attribute name to plain value) as a DynamoDB JSON
     * object of attribute values, ready for {@code PutItem}'s {@code Item}.
     *
     * @param item attribute names and plain values, as {@link #toDynamoDbJson(Object)} takes them
     * @return a new object of attribute name to attribute value, in the map's iteration order
     * @throws IllegalArgumentException as for {@link #toDynamoDbJson(Object)}
     */
    public static ObjectNode toDynamoDbItem(Map<String, ?> item) {
        return AttributeJson.encodeItem(item);
    }

    /**
     * A row as a DynamoDB JSON item; see {@link #toDynamoDbItem(Map)}.
     *
     * @param row the item's attributes, for example an event's {@code after}
     * @return a new object of attribute name to attribute value, in the row's column order
     * @throws IllegalArgumentException for a value DynamoDB cannot hold, as for
     *                                  {@link #toDynamoDbJson(Object)}
     */
    public static ObjectNode toDynamoDbItem(Row row) {
        return AttributeJson.encodeItem(row.asMap());
    }

    /**
     * {@return whether {@code number} is a DynamoDB number} That is at most 38 significant digits
     * and, unless zero, a magnitude from 1E-130 to below 1E+126; {@link #toDynamoDbJson(Object)}
     * refuses the others.
     *
     * @param number any decimal; not {@code null}
     */
    public static boolean isDynamoDbNumber(BigDecimal number) {
        return AttributeJson.isInRange(number);
    }
}
