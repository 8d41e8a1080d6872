package io.cdcsdk.dynamodb.internal;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import io.cdcsdk.dynamodb.internal.AttributeRules.At;
import io.cdcsdk.dynamodb.internal.ItemTokens.Item;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The records of aws-lambda-java-events' {@link DynamodbEvent} as change events, converted object
 * by object ({@link ObjectValues}, {@link RecordMapping}): the rules and errors of the JSON readers.
 * Loaded only by {@code DynamoDbLambdaEvents}, whose callers have that library.
 */
public final class LambdaEventObjects {
    private static final String SOURCE = "DynamodbEvent";
    private static final ObjectValues<AttributeValue> VALUES = new ObjectValues<>() {
        @Override
        int typeCount(AttributeValue v) {
            int n = 0;
            for (Object member : new Object[] {v.getS(), v.getN(), v.getB(), v.getSS(), v.getNS(), v.getBS(), v.getM(),
                v.getL(), v.getNULL(), v.getBOOL()}) {
                if (member != null) {
                    n++;
                }
            }
            return n;
        }

        @Override
        String tag(AttributeValue v) {
            return v.getS() != null ? "S" : v.getN() != null ? "N" : v.getB() != null ? "B" : v.getSS() != null ? "SS"
                    : v.getNS() != null ? "NS" : v.getBS() != null ? "BS" : v.getM() != null ? "M"
                    : v.getL() != null ? "L" : v.getNULL() != null ? "NULL" : "BOOL";
        }

        @Override
        Object member(AttributeValue v, String tag) {
            return switch (tag) {
                case "S" -> v.getS();
                case "N" -> v.getN();
                case "B" -> bytes(v.getB());
                case "SS" -> v.getSS();
                case "NS" -> v.getNS();
                case "BS" -> {
                    List<byte[]> members = new ArrayList<>(v.getBS().size());
                    v.getBS().forEach(b -> members.add(b == null ? null : bytes(b)));
                    yield members;
                }
                case "M" -> v.getM();
                case "L" -> v.getL();
                case "NULL" -> v.getNULL();
                default -> v.getBOOL();
            };
        }
    };

    private LambdaEventObjects() {
    }

    /** The events of all records, in order; a record that cannot be mapped goes to {@code onBadRecord}. */
    public static List<ChangeEvent> events(DynamodbEvent event, Consumer<ChangeReadException> onBadRecord) {
        List<ChangeEvent> events = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
        if (records == null) {
            return events;
        }
        RecordMapping mapping = new RecordMapping(null, false);
        for (int i = 0; i < records.size(); i++) {
            try {
                events.add(event(records.get(i), i, mapping));
            } catch (ChangeReadException e) {
                onBadRecord.accept(e);
            }
        }
        return events;
    }

    /** The event of one record, as the first of a batch. */
    public static ChangeEvent event(DynamodbEvent.DynamodbStreamRecord record) {
        return event(record, 0, new RecordMapping(null, false));
    }

    private static ChangeEvent event(DynamodbEvent.DynamodbStreamRecord r, int index, RecordMapping mapping) {
        Position position = new Position(SOURCE, -1, -1, index + 1);
        String path = "$.Records[" + index + "]";
        RecordFields f = new RecordFields();
        f.eventName(r.getEventName());
        f.eventId = r.getEventID();
        f.awsRegion = r.getAwsRegion();
        f.eventSourceArn = r.getEventSourceARN();
        Identity id = r.getUserIdentity();
        f.ttlIdentity = id != null && RecordMapping.isTtl(id.getType(), id.getPrincipalId());
        StreamRecord d = r.getDynamodb();
        if (d != null) {
            RecordFields.DynamoDb fd = f.dynamodb();
            if (d.getApproximateCreationDateTime() != null) {
                fd.seconds(BigDecimal.valueOf(d.getApproximateCreationDateTime().getTime(), 3));
            }
            At dpath = new At(path, "dynamodb");
            fd.keys = image(d.getKeys(), dpath, "Keys", position);
            fd.newImage = image(d.getNewImage(), dpath, "NewImage", position);
            fd.oldImage = image(d.getOldImage(), dpath, "OldImage", position);
            fd.sequenceNumber = d.getSequenceNumber();
            fd.sizeBytes = d.getSizeBytes() == null ? null : BigDecimal.valueOf(d.getSizeBytes());
            fd.streamViewType = d.getStreamViewType();
        }
        return mapping.event(f, path, position, () -> null);
    }

    private static Item image(Map<String, AttributeValue> item, At dpath, String name, Position position) {
        return RecordFields.image(item != null, () -> VALUES.item(item, new At(dpath, name), position));
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return bytes;
    }
}
