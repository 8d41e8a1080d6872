package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.JsonFrame;
import io.cdcsdk.core.spi.JsonSupport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps one DynamoDB stream record (in any envelope) to a {@link ChangeEvent}. */
public final class StreamRecords {
    /** The adapter name. */
    public static final String FORMAT = "dynamodb-stream";
    private static final Pattern TABLE_ARN = Pattern.compile("^arn:[^:]*:dynamodb:[^:]*:[^:]*:table/([^/]+)(/.*)?$");

    private final Limits limits;
    private final String defaultTable;
    private final boolean kinesisMicros;

    public StreamRecords(Limits limits, String defaultTable, boolean kinesisMicros) {
        this.limits = limits;
        this.defaultTable = defaultTable;
        this.kinesisMicros = kinesisMicros;
    }

    /** The JSON nesting depth DynamoDB JSON needs: two levels per attribute level (32) plus envelopes. */
    public static Limits effective(Limits limits) {
        return limits.equals(Limits.DEFAULTS) ? limits.withMaxNestingDepth(96) : limits;
    }

    /** The table name of a DynamoDB table or stream ARN, or null when it is not one. */
    public static String tableFromArn(String arn) {
        if (arn == null) {
            return null;
        }
        Matcher m = TABLE_ARN.matcher(arn);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * One element of an envelope: a stream record, a Kinesis record carrying one, or an
     * EventBridge event whose detail is one.
     *
     * @param envelopeTable the table named by the envelope (a tumbling-window event's ARN), or null
     */
    public ChangeEvent element(JsonNode el, String path, Position position, String envelopeTable) {
        if (el == null || !el.isObject()) {
            throw ChangeReadException.unexpectedType(position, path, "a stream record object", AttrCodec.kind(el));
        }
        JsonNode kinesis = el.get("kinesis");
        if (kinesis != null && kinesis.isObject()) {
            return kinesis(el, kinesis, path, position);
        }
        JsonNode detail = el.get("detail");
        if (detail != null && detail.isObject() && el.has("detail-type")) {
            return record(detail, path + ".detail", position, envelopeTable, null);
        }
        if (el.has("batchItemFailures")) {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position, "at " + path
                    + ": a Lambda partial batch response (batchItemFailures) holds sequence numbers, not change records");
        }
        if (el.has("DDBStreamBatchInfo")) {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position, "at " + path
                    + ": a Lambda on-failure destination record names a failed batch (shard and sequence numbers), "
                    + "not its change records; read them from the stream again");
        }
        return record(el, path, position, envelopeTable, null);
    }

    private ChangeEvent kinesis(JsonNode el, JsonNode kinesis, String path, Position position) {
        String kpath = path + ".kinesis";
        JsonNode data = kinesis.get("data");
        if (data == null || data.isNull()) {
            throw ChangeReadException.missingField(position, kpath + ".data");
        }
        if (!data.isTextual()) {
            throw ChangeReadException.unexpectedType(position, kpath + ".data", "a base64 string", AttrCodec.kind(data));
        }
        return kinesisPayload(data.textValue(), kpath, position, new KinesisInfo(text(kinesis.get("sequenceNumber")),
                text(kinesis.get("partitionKey")), text(el.get("eventSourceARN"))));
    }

    /** The change record a Kinesis record carries as base64 {@code data}, at {@code kpath}. */
    ChangeEvent kinesisPayload(String base64, String kpath, Position position, KinesisInfo info) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ChangeReadException.unexpectedType(position, kpath + ".data", "base64", "a string that is not base64");
        }
        JsonNode payload = JsonSupport.parse(new JsonFrame(bytes, bytes.length, position), limits);
        if (!payload.isObject()) {
            throw ChangeReadException.unexpectedType(position, kpath + ".data", "a DynamoDB change record object",
                    AttrCodec.kind(payload));
        }
        return record(payload, kpath + ".data", position, null, info);
    }

    record KinesisInfo(String sequenceNumber, String partitionKey, String streamArn) {
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.isValueNode() ? n.asText() : null;
    }

    private ChangeEvent record(JsonNode r, String path, Position position, String envelopeTable, KinesisInfo kinesis) {
        JsonNode nameNode = r.get("eventName");
        if (nameNode == null || nameNode.isNull()) {
            throw ChangeReadException.missingField(position, path + ".eventName");
        }
        if (!nameNode.isTextual()) {
            throw ChangeReadException.unexpectedType(position, path + ".eventName", "a string", AttrCodec.kind(nameNode));
        }
        Operation op;
        switch (nameNode.textValue()) {
            case "INSERT" -> op = Operation.INSERT;
            case "MODIFY" -> op = Operation.UPDATE;
            case "REMOVE" -> op = Operation.DELETE;
            default -> throw ChangeReadException.unexpectedType(position, path + ".eventName",
                    "INSERT, MODIFY or REMOVE", "another string");
        }
        String dpath = path + ".dynamodb";
        JsonNode d = r.get("dynamodb");
        if (d == null || d.isNull()) {
            throw ChangeReadException.missingField(position, dpath);
        }
        if (!d.isObject()) {
            throw ChangeReadException.unexpectedType(position, dpath, "an object", AttrCodec.kind(d));
        }
        boolean kds = kinesis != null || r.has("tableName") || r.has("recordFormat");

        String arn = text(r.get("eventSourceARN"));
        String table = tableFromArn(arn);
        if (table == null) {
            table = text(r.get("tableName"));
        }
        if (table == null) {
            table = envelopeTable;
        }
        if (table == null) {
            table = defaultTable;
        }
        ChangeEvent.Builder b = ChangeEvent.builder(op, SourceInfo.of(FORMAT, table));
        JsonNode keys = d.get("Keys");
        if (keys != null && !keys.isNull()) {
            b.key(AttrCodec.item(keys, dpath + ".Keys", position));
        }
        JsonNode newImage = d.get("NewImage");
        if (newImage != null && !newImage.isNull()) {
            var row = AttrCodec.item(newImage, dpath + ".NewImage", position);
            if (op != Operation.DELETE) {
                b.after(row);
            }
        }
        JsonNode oldImage = d.get("OldImage");
        if (oldImage != null && !oldImage.isNull()) {
            var row = AttrCodec.item(oldImage, dpath + ".OldImage", position);
            if (op != Operation.INSERT) {
                b.before(row);
            }
        }
        b.ts(timestamp(r, d, dpath, position, kds));
        String seq = text(d.get("SequenceNumber"));
        b.position(seq != null ? seq : kinesis != null ? kinesis.sequenceNumber() : null);

        putText(b, "eventId", r.get("eventID"));
        putText(b, "region", r.get("awsRegion"));
        putText(b, "streamViewType", d.get("StreamViewType"));
        JsonNode size = d.get("SizeBytes");
        if (size != null && size.isNumber()) {
            b.meta("sizeBytes", JsonSupport.decimal(size));
        }
        if (op == Operation.DELETE && isTtl(r.get("userIdentity"))) {
            b.meta("ttl", true);
        }
        if (arn != null) {
            b.meta("eventSourceArn", arn);
        }
        if (kinesis != null) {
            if (kinesis.partitionKey() != null) {
                b.meta("kinesisPartitionKey", kinesis.partitionKey());
            }
            if (kinesis.streamArn() != null) {
                b.meta("kinesisStreamArn", kinesis.streamArn());
            }
        }
        return b.build();
    }

    private static void putText(ChangeEvent.Builder b, String name, JsonNode v) {
        String s = text(v);
        if (s != null) {
            b.meta(name, s);
        }
    }

    static boolean isTtl(JsonNode id) {
        if (id == null || !id.isObject()) {
            return false;
        }
        String type = text(id.has("type") ? id.get("type") : id.get("Type"));
        String principal = text(id.has("principalId") ? id.get("principalId") : id.get("PrincipalId"));
        return "Service".equals(type) && "dynamodb.amazonaws.com".equals(principal);
    }

    private Instant timestamp(JsonNode r, JsonNode d, String dpath, Position position, boolean kds) {
        JsonNode t = d.get("ApproximateCreationDateTime");
        if (t == null || t.isNull()) {
            return null;
        }
        String at = dpath + ".ApproximateCreationDateTime";
        BigDecimal value;
        if (t.isNumber()) {
            value = JsonSupport.decimal(t);
        } else if (t.isTextual()) {
            value = secondsText(t.textValue(), at, position);
        } else {
            throw ChangeReadException.unexpectedType(position, at, "epoch seconds as a number", AttrCodec.kind(t));
        }
        String precision = null;
        if (kds) {
            precision = text(d.get("ApproximateCreationDateTimePrecision"));
            if (precision == null) {
                precision = text(r.get("ApproximateCreationDateTimePrecision"));
            }
        }
        return instant(value, at, position, kds, precision);
    }

    /** Epoch seconds written as a string. */
    static BigDecimal secondsText(String text, Object at, Position position) {
        // The botocore documentation example writes it as a string ("1.46480646E9").
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw ChangeReadException.unexpectedType(position, at.toString(), "epoch seconds as a number",
                    "a string that is not a number");
        }
    }

    /**
     * The instant of an {@code ApproximateCreationDateTime}: seconds in DynamoDB Streams, milli- or
     * microseconds ({@code precision}) in Kinesis Data Streams records.
     */
    Instant instant(BigDecimal value, Object at, Position position, boolean kds, String precision) {
        Instant instant;
        if (kds) {
            boolean micros = precision == null ? kinesisMicros : "MICROSECOND".equals(precision);
            instant = Timestamps.ofScaled(value, micros ? 6 : 3);
        } else {
            instant = Timestamps.ofSeconds(value);
        }
        if (instant == null) {
            throw ChangeReadException.unexpectedType(position, at.toString(), "an epoch time within the range of java.time.Instant",
                    "a number outside it");
        }
        return instant;
    }
}
