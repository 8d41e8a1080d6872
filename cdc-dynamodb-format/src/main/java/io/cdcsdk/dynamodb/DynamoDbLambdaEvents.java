package io.cdcsdk.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import io.cdcsdk.dynamodb.internal.RecordNodes;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Change events from the aws-lambda-java-events {@link DynamodbEvent} a Lambda handler receives.
 * Needs {@code com.amazonaws:aws-lambda-java-events} on the class path (an optional dependency of
 * this library); nothing else in the library loads this class.
 *
 * <p>Records map as in {@link DynamoDbStreamAdapter}. The Lambda Java runtime has already turned
 * {@code ApproximateCreationDateTime} into a {@link java.util.Date}, so {@code ts} has millisecond
 * precision at best; read the raw event JSON with the adapter to keep every digit.
 */
public final class DynamoDbLambdaEvents {
    private static final String SOURCE = "DynamodbEvent";

    private DynamoDbLambdaEvents() {
    }

    /**
     * The events of all records, in order.
     *
     * @throws ChangeReadException for the first record that cannot be mapped (UNEXPECTED_TYPE with
     *                             its path, {@code $.Records[i]...}, never its values)
     */
    public static List<ChangeEvent> toChangeEvents(DynamodbEvent event) {
        return toChangeEvents(event, e -> {
            throw e;
        });
    }

    /**
     * The events of all records; a record that cannot be mapped goes to {@code onBadRecord} and
     * the next one is read.
     */
    public static List<ChangeEvent> toChangeEvents(DynamodbEvent event, Consumer<ChangeReadException> onBadRecord) {
        List<ChangeEvent> events = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
        if (records == null) {
            return events;
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                events.add(map(records.get(i), i));
            } catch (ChangeReadException e) {
                onBadRecord.accept(e);
            }
        }
        return events;
    }

    /** The event of one record. */
    public static ChangeEvent toChangeEvent(DynamodbEvent.DynamodbStreamRecord record) {
        return map(record, 0);
    }

    private static ChangeEvent map(DynamodbEvent.DynamodbStreamRecord r, int index) {
        ObjectNode n = RecordNodes.object();
        put(n, "eventID", r.getEventID());
        put(n, "eventName", r.getEventName());
        put(n, "awsRegion", r.getAwsRegion());
        put(n, "eventSourceARN", r.getEventSourceARN());
        Identity id = r.getUserIdentity();
        if (id != null) {
            ObjectNode u = n.putObject("userIdentity");
            put(u, "type", id.getType());
            put(u, "principalId", id.getPrincipalId());
        }
        StreamRecord d = r.getDynamodb();
        if (d != null) {
            ObjectNode dn = n.putObject("dynamodb");
            if (d.getApproximateCreationDateTime() != null) {
                dn.put("ApproximateCreationDateTime", BigDecimal.valueOf(d.getApproximateCreationDateTime().getTime(), 3));
            }
            item(dn, "Keys", d.getKeys());
            item(dn, "NewImage", d.getNewImage());
            item(dn, "OldImage", d.getOldImage());
            put(dn, "SequenceNumber", d.getSequenceNumber());
            if (d.getSizeBytes() != null) {
                dn.put("SizeBytes", d.getSizeBytes());
            }
            put(dn, "StreamViewType", d.getStreamViewType());
        }
        Position position = new Position(SOURCE, -1, -1, index + 1);
        return RecordNodes.map(n, "$.Records[" + index + "]", position, null);
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void item(ObjectNode n, String field, Map<String, AttributeValue> item) {
        if (item != null) {
            ObjectNode o = n.putObject(field);
            item.forEach((k, v) -> o.set(k, value(v)));
        }
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode o = RecordNodes.object();
        if (v == null) {
            return o; // no type: reported with its path
        }
        if (v.getS() != null) {
            o.put("S", v.getS());
        }
        if (v.getN() != null) {
            o.put("N", v.getN());
        }
        if (v.getB() != null) {
            o.put("B", base64(v.getB()));
        }
        if (v.getSS() != null) {
            ArrayNode a = o.putArray("SS");
            v.getSS().forEach(a::add);
        }
        if (v.getNS() != null) {
            ArrayNode a = o.putArray("NS");
            v.getNS().forEach(a::add);
        }
        if (v.getBS() != null) {
            ArrayNode a = o.putArray("BS");
            v.getBS().forEach(b -> a.add(base64(b)));
        }
        if (v.getM() != null) {
            ObjectNode m = o.putObject("M");
            v.getM().forEach((k, e) -> m.set(k, value(e)));
        }
        if (v.getL() != null) {
            ArrayNode a = o.putArray("L");
            v.getL().forEach(e -> a.add(value(e)));
        }
        if (v.getNULL() != null) {
            o.put("NULL", v.getNULL());
        }
        if (v.getBOOL() != null) {
            o.put("BOOL", v.getBOOL());
        }
        return o;
    }

    private static String base64(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
