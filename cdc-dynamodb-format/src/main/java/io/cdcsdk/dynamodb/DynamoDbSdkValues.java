package io.cdcsdk.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Row;
import io.cdcsdk.dynamodb.internal.SdkObjects;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Conversion between AWS SDK for Java v2 {@link AttributeValue}s and plain values, and change
 * events from the SDK's DynamoDB Streams {@link Record}s. Needs
 * {@code software.amazon.awssdk:dynamodb} on the class path (an optional dependency of this
 * library); nothing else in the library loads this class.
 *
 * <p>Values map as in {@link AttributeValues}: numbers exact, binary as
 * {@link io.cdcsdk.core.Bytes}, sets as sets.
 */
public final class DynamoDbSdkValues {
    private DynamoDbSdkValues() {
    }

    /**
     * An SDK attribute value as a plain value.
     *
     * @param value an attribute value with exactly one type set
     * @return the value as {@link AttributeValues} maps it; {@code null} for {@code NUL}
     * @throws ChangeReadException UNEXPECTED_TYPE for a value without a type (or with several, or
     *                             one this SDK version does not know) or an invalid number; the
     *                             message names the path, not the value
     */
    public static Object toValue(AttributeValue value) {
        return SdkObjects.value(value);
    }

    /**
     * An SDK item ({@code GetItem}, {@code Scan}, stream images) as a {@link Row}.
     *
     * @param item attribute names and SDK attribute values
     * @return the row, with the attributes in the map's iteration order
     * @throws ChangeReadException UNEXPECTED_TYPE as for {@link #toValue(AttributeValue)}
     */
    public static Row toRow(Map<String, AttributeValue> item) {
        return SdkObjects.item(item);
    }

    /**
     * A plain value as an SDK attribute value, by the rules of {@link AttributeValues#toDynamoDbJson}.
     *
     * @param value a value of the {@link io.cdcsdk.core.Values} model or one it converts, or
     *              {@code null}
     * @return the attribute value; {@code NUL} for {@code null}, numbers written exactly
     * @throws IllegalArgumentException for a value DynamoDB cannot hold, as for
     *                                  {@link AttributeValues#toDynamoDbJson}
     */
    public static AttributeValue toAttributeValue(@Nullable Object value) {
        return sdk(AttributeValues.toDynamoDbJson(value));
    }

    /**
     * An item of plain values as an SDK item, for {@code PutItem}.
     *
     * @param item attribute names and plain values, for example a {@link Row}'s {@code asMap()}
     * @return a new map of attribute name to SDK attribute value, in the item's iteration order
     * @throws IllegalArgumentException for a value DynamoDB cannot hold, as for
     *                                  {@link AttributeValues#toDynamoDbJson}
     */
    public static Map<String, AttributeValue> toItem(Map<String, ?> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        ObjectNode json = AttributeValues.toDynamoDbItem(item);
        for (Iterator<Map.Entry<String, JsonNode>> it = json.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), sdk(e.getValue()));
        }
        return out;
    }

    /**
     * The change event of a stream record read with the SDK's {@code DynamoDbStreamsClient},
     * mapped as the {@code dynamodb-stream} format maps records; {@code ts} keeps the precision of
     * the SDK's {@code approximateCreationDateTime}.
     *
     * @param record    a record of a {@code GetRecords} response
     * @param tableName the table of the stream (SDK records do not name it), or {@code null}
     * @return the record's event
     * @throws ChangeReadException when the record cannot be mapped (MISSING_FIELD or
     *                             UNEXPECTED_TYPE with its path, never its values)
     */
    public static ChangeEvent toChangeEvent(Record record, @Nullable String tableName) {
        return SdkObjects.event(record, tableName);
    }

    private static AttributeValue sdk(JsonNode av) {
        Map.Entry<String, JsonNode> e = av.properties().iterator().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(v.textValue());
            case "N" -> AttributeValue.fromN(v.textValue());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(v.textValue())));
            case "BOOL" -> AttributeValue.fromBool(v.booleanValue());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(strings(v));
            case "NS" -> AttributeValue.fromNs(strings(v));
            case "BS" -> AttributeValue.fromBs(strings(v).stream()
                    .map(s -> SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(s))).toList());
            case "L" -> {
                java.util.List<AttributeValue> l = new java.util.ArrayList<>();
                v.forEach(m -> l.add(sdk(m)));
                yield AttributeValue.fromL(l);
            }
            case "M" -> {
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    m.put(f.getKey(), sdk(f.getValue()));
                }
                yield AttributeValue.fromM(m);
            }
            default -> throw new IllegalStateException("unexpected tag");
        };
    }

    private static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(s -> out.add(s.textValue()));
        return out;
    }
}
