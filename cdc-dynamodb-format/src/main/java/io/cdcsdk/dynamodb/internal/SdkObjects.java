package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.dynamodb.internal.AttributeRules.At;
import io.cdcsdk.dynamodb.internal.ItemTokens.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * AWS SDK for Java v2 attribute values and DynamoDB Streams records to the value model and change
 * events, converted object by object ({@link ObjectValues}, {@link RecordMapping}): the rules and
 * errors of the JSON readers. Loaded only by {@code DynamoDbSdkValues}, whose callers have the SDK.
 */
public final class SdkObjects {
    private static final ObjectValues<AttributeValue> VALUES = new ObjectValues<>() {
        @Override
        int typeCount(AttributeValue v) {
            // The SDK knows no type when none or several were set.
            return v.type() == null || v.type() == AttributeValue.Type.UNKNOWN_TO_SDK_VERSION ? 0 : 1;
        }

        @Override
        String tag(AttributeValue v) {
            return v.type() == AttributeValue.Type.NUL ? "NULL" : v.type().name();
        }

        @Override
        Object member(AttributeValue v, String tag) {
            return switch (tag) {
                case "S" -> v.s();
                case "N" -> v.n();
                case "B" -> v.b().asByteArrayUnsafe();
                case "SS" -> v.ss();
                case "NS" -> v.ns();
                case "BS" -> {
                    List<byte[]> members = new ArrayList<>(v.bs().size());
                    v.bs().forEach(b -> members.add(b == null ? null : b.asByteArrayUnsafe()));
                    yield members;
                }
                case "M" -> v.m();
                case "L" -> v.l();
                case "NULL" -> v.nul();
                default -> v.bool();
            };
        }
    };

    private SdkObjects() {
    }

    /** An attribute value as a model value; errors name the path {@code $}. */
    public static Object value(AttributeValue value) {
        return VALUES.value(value, "$", Position.of("attribute value"));
    }

    /** An item as a row; errors name the path {@code $}. */
    public static Row item(Map<String, AttributeValue> item) {
        return VALUES.item(item, "$", Position.of("item"));
    }

    /** The event of a stream record of the table {@code tableName} (or null), which SDK records do not name. */
    public static ChangeEvent event(Record record, String tableName) {
        Position position = new Position("Record", -1, -1, 1);
        RecordFields f = new RecordFields();
        f.eventName(record.eventNameAsString());
        f.eventId = record.eventID();
        f.awsRegion = record.awsRegion();
        Identity id = record.userIdentity();
        f.ttlIdentity = id != null && RecordMapping.isTtl(id.type(), id.principalId());
        StreamRecord d = record.dynamodb();
        if (d != null) {
            RecordFields.DynamoDb fd = f.dynamodb();
            Instant t = d.approximateCreationDateTime();
            if (t != null) {
                fd.seconds(BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).stripTrailingZeros());
            }
            At dpath = new At("$", "dynamodb");
            fd.keys = image(d.hasKeys(), d.keys(), dpath, "Keys", position);
            fd.newImage = image(d.hasNewImage(), d.newImage(), dpath, "NewImage", position);
            fd.oldImage = image(d.hasOldImage(), d.oldImage(), dpath, "OldImage", position);
            fd.sequenceNumber = d.sequenceNumber();
            fd.sizeBytes = d.sizeBytes() == null ? null : BigDecimal.valueOf(d.sizeBytes());
            fd.streamViewType = d.streamViewTypeAsString();
        }
        return new RecordMapping(null, false).event(f, "$", position, () -> tableName);
    }

    private static Item image(boolean present, Map<String, AttributeValue> item, At dpath, String name, Position position) {
        return RecordFields.image(present, () -> VALUES.item(item, new At(dpath, name), position));
    }
}
