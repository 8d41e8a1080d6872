package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.ReadContext;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Maps one DynamoDB stream record (or an element of an envelope) straight from parser tokens to a
 * {@link ChangeEvent}, without a JSON tree: the same events and the same errors as
 * {@link StreamRecords#element}, whatever the order of the members. The parser's own duplicate
 * detection may be off: a repeated member name anywhere in the element is rejected here, as a
 * syntax error.
 *
 * <p>Members are collected first and mapped when the object ends, because the meaning of one can
 * depend on another that comes later ({@code kinesis} beats {@code eventName}, {@code tableName}
 * changes how the timestamp reads). A bad attribute value is remembered rather than thrown at once,
 * so that the error reported is the one the tree path reports, and the parser always ends on the
 * element's last token: a bad element fails alone and the next one reads.
 */
public final class StreamingRecords {
    /** The table named by the envelope of the elements; looked up only when a record names none. */
    @FunctionalInterface
    public interface EnvelopeTable {
        /** The table, or null. */
        String get() throws IOException;
    }

    private static final EnvelopeTable NO_ENVELOPE = () -> null;

    private final StreamRecords records;
    private final String defaultTable;
    private final ItemTokens items = new ItemTokens();
    private String lastArn;
    private String lastTable;

    public StreamingRecords(StreamRecords records, String defaultTable) {
        this.records = records;
        this.defaultTable = defaultTable;
    }

    /**
     * Reads one element, starting on its first token; the parser ends on its last token, also when
     * this throws {@link ChangeReadException}. Syntax errors and limits are the parser's
     * {@link IOException}s, after which the parser cannot go on.
     *
     * @param envelope the table of the envelope, or null for a top-level record
     * @return the event, with its origin ({@code position}) in its meta
     */
    public ChangeEvent element(JsonParser p, String path, Position position, EnvelopeTable envelope) throws IOException {
        JsonToken t = p.currentToken();
        JsonStreamContext enclosing = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                ? p.getParsingContext().getParent() : p.getParsingContext();
        try {
            if (t != JsonToken.START_OBJECT) {
                throw ChangeReadException.unexpectedType(position, path, "a stream record object", AttrCodec.kind(t));
            }
            RecordFields el = fields(p, path, position, true);
            if (el.kinesis != null) {
                return kinesis(el, path, position);
            }
            if (el.detail != null && el.hasDetailType) {
                return record(el.detail, path + ".detail", position, envelope == null ? NO_ENVELOPE : envelope);
            }
            if (el.hasBatchItemFailures) {
                throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position, "at " + path
                        + ": a Lambda partial batch response (batchItemFailures) holds sequence numbers, not change records");
            }
            if (el.hasStreamBatchInfo) {
                throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position, "at " + path
                        + ": a Lambda on-failure destination record names a failed batch (shard and sequence numbers), "
                        + "not its change records; read them from the stream again");
            }
            return record(el, path, position, envelope == null ? NO_ENVELOPE : envelope);
        } catch (ChangeReadException e) {
            AttrCodec.finishValue(p, enclosing);
            throw e;
        }
    }

    /** The members of a record object that the mapping reads; the parser ends on the object's end. */
    private static final class RecordFields {
        JsonToken eventNameToken;
        String eventName;
        JsonToken dynamodbToken;
        DynamoDbFields dynamodb;
        String eventSourceArn;
        boolean hasTableName;
        String tableName;
        boolean hasRecordFormat;
        String eventId;
        String awsRegion;
        String precision;
        boolean ttlIdentity;
        // members only an element of an envelope has a use for
        KinesisFields kinesis;
        RecordFields detail;
        boolean hasDetailType;
        boolean hasBatchItemFailures;
        boolean hasStreamBatchInfo;
    }

    /** The members of {@code dynamodb}; a bad image is kept as its error. */
    private static final class DynamoDbFields {
        Part keys;
        Part newImage;
        Part oldImage;
        JsonToken timeToken;
        BigDecimal timeNumber;
        String timeText;
        String precision;
        String sequenceNumber;
        String streamViewType;
        BigDecimal sizeBytes;
    }

    /** An item that was present and not null: its row, or why it is not one. */
    private record Part(Row row, ChangeReadException failure) {
        Row get() {
            if (failure != null) {
                throw failure;
            }
            return row;
        }
    }

    private static final class KinesisFields {
        JsonToken dataToken;
        String data;
        String sequenceNumber;
        String partitionKey;
    }

    private RecordFields fields(JsonParser p, String path, Position position, boolean element) throws IOException {
        RecordFields r = new RecordFields();
        MemberNames names = new MemberNames();
        String name;
        while ((name = p.nextFieldName()) != null) {
            names.add(p, name);
            JsonToken v = p.nextToken();
            switch (name) {
                case "eventName" -> {
                    r.eventNameToken = v;
                    r.eventName = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    MemberNames.skipValue(p);
                }
                case "dynamodb" -> {
                    r.dynamodbToken = v;
                    if (v == JsonToken.START_OBJECT) {
                        r.dynamodb = dynamodb(p, AttrCodec.path(path, "dynamodb"), position);
                    } else {
                        MemberNames.skipValue(p);
                    }
                }
                case "eventSourceARN" -> r.eventSourceArn = text(p, v);
                case "tableName" -> {
                    r.hasTableName = true;
                    r.tableName = text(p, v);
                }
                case "recordFormat" -> {
                    r.hasRecordFormat = true;
                    MemberNames.skipValue(p);
                }
                case "eventID" -> r.eventId = text(p, v);
                case "awsRegion" -> r.awsRegion = text(p, v);
                case "ApproximateCreationDateTimePrecision" -> r.precision = text(p, v);
                case "userIdentity" -> r.ttlIdentity = v == JsonToken.START_OBJECT ? isTtl(p) : skip(p);
                default -> {
                    if (element) {
                        elementMember(p, name, v, r, path, position);
                    } else {
                        MemberNames.skipValue(p);
                    }
                }
            }
        }
        return r;
    }

    private void elementMember(JsonParser p, String name, JsonToken v, RecordFields r, String path, Position position)
            throws IOException {
        switch (name) {
            case "kinesis" -> {
                if (v == JsonToken.START_OBJECT) {
                    r.kinesis = kinesisFields(p);
                } else {
                    MemberNames.skipValue(p);
                }
            }
            case "detail" -> {
                if (v == JsonToken.START_OBJECT) {
                    r.detail = fields(p, path + ".detail", position, false);
                } else {
                    MemberNames.skipValue(p);
                }
            }
            case "detail-type" -> r.hasDetailType = skipPresent(p);
            case "batchItemFailures" -> r.hasBatchItemFailures = skipPresent(p);
            case "DDBStreamBatchInfo" -> r.hasStreamBatchInfo = skipPresent(p);
            default -> MemberNames.skipValue(p);
        }
    }

    private DynamoDbFields dynamodb(JsonParser p, Object dpath, Position position) throws IOException {
        DynamoDbFields d = new DynamoDbFields();
        MemberNames names = new MemberNames();
        String name;
        while ((name = p.nextFieldName()) != null) {
            names.add(p, name);
            JsonToken v = p.nextToken();
            switch (name) {
                case "Keys" -> d.keys = item(p, v, AttrCodec.path(dpath, "Keys"), position);
                case "NewImage" -> d.newImage = item(p, v, AttrCodec.path(dpath, "NewImage"), position);
                case "OldImage" -> d.oldImage = item(p, v, AttrCodec.path(dpath, "OldImage"), position);
                case "ApproximateCreationDateTime" -> {
                    d.timeToken = v;
                    d.timeNumber = v.isNumeric() ? decimal(p, v) : null;
                    d.timeText = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    MemberNames.skipValue(p);
                }
                case "ApproximateCreationDateTimePrecision" -> d.precision = text(p, v);
                case "SequenceNumber" -> d.sequenceNumber = text(p, v);
                case "StreamViewType" -> d.streamViewType = text(p, v);
                case "SizeBytes" -> d.sizeBytes = v.isNumeric() ? decimal(p, v) : skipNumber(p);
                default -> MemberNames.skipValue(p);
            }
        }
        return d;
    }

    /** An image or key member: null when null, else its row or its error; the parser ends on its end. */
    private Part item(JsonParser p, JsonToken v, Object path, Position position) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonStreamContext enclosing = p.getParsingContext();
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            enclosing = enclosing.getParent();
        }
        try {
            return new Part(items.item(p, path, position), null);
        } catch (ChangeReadException e) {
            AttrCodec.finishValue(p, enclosing);
            return new Part(null, e);
        }
    }

    private static KinesisFields kinesisFields(JsonParser p) throws IOException {
        KinesisFields k = new KinesisFields();
        MemberNames names = new MemberNames();
        String name;
        while ((name = p.nextFieldName()) != null) {
            names.add(p, name);
            JsonToken v = p.nextToken();
            switch (name) {
                case "data" -> {
                    k.dataToken = v;
                    k.data = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    MemberNames.skipValue(p);
                }
                case "sequenceNumber" -> k.sequenceNumber = text(p, v);
                case "partitionKey" -> k.partitionKey = text(p, v);
                default -> MemberNames.skipValue(p);
            }
        }
        return k;
    }

    /** Whether a {@code userIdentity} object names DynamoDB's TTL service (either spelling of the members). */
    private static boolean isTtl(JsonParser p) throws IOException {
        boolean hasType = false;
        boolean hasPrincipal = false;
        String type = null;
        String typeCapitalised = null;
        String principal = null;
        String principalCapitalised = null;
        MemberNames names = new MemberNames();
        String name;
        while ((name = p.nextFieldName()) != null) {
            names.add(p, name);
            JsonToken v = p.nextToken();
            switch (name) {
                case "type" -> {
                    hasType = true;
                    type = text(p, v);
                }
                case "Type" -> typeCapitalised = text(p, v);
                case "principalId" -> {
                    hasPrincipal = true;
                    principal = text(p, v);
                }
                case "PrincipalId" -> principalCapitalised = text(p, v);
                default -> MemberNames.skipValue(p);
            }
        }
        return "Service".equals(hasType ? type : typeCapitalised)
                && "dynamodb.amazonaws.com".equals(hasPrincipal ? principal : principalCapitalised);
    }

    private ChangeEvent kinesis(RecordFields el, String path, Position position) {
        String kpath = path + ".kinesis";
        KinesisFields k = el.kinesis;
        if (k.dataToken == null || k.dataToken == JsonToken.VALUE_NULL) {
            throw ChangeReadException.missingField(position, kpath + ".data");
        }
        if (k.dataToken != JsonToken.VALUE_STRING) {
            throw ChangeReadException.unexpectedType(position, kpath + ".data", "a base64 string", AttrCodec.kind(k.dataToken));
        }
        // The payload is rare and small: the tree path reads it.
        return records.kinesisPayload(k.data, kpath, position,
                new StreamRecords.KinesisInfo(k.sequenceNumber, k.partitionKey, el.eventSourceArn));
    }

    private ChangeEvent record(RecordFields r, String path, Position position, EnvelopeTable envelope)
            throws IOException {
        if (r.eventNameToken == null || r.eventNameToken == JsonToken.VALUE_NULL) {
            throw ChangeReadException.missingField(position, path + ".eventName");
        }
        if (r.eventNameToken != JsonToken.VALUE_STRING) {
            throw ChangeReadException.unexpectedType(position, path + ".eventName", "a string",
                    AttrCodec.kind(r.eventNameToken));
        }
        Operation op;
        switch (r.eventName) {
            case "INSERT" -> op = Operation.INSERT;
            case "MODIFY" -> op = Operation.UPDATE;
            case "REMOVE" -> op = Operation.DELETE;
            default -> throw ChangeReadException.unexpectedType(position, path + ".eventName",
                    "INSERT, MODIFY or REMOVE", "another string");
        }
        Object dpath = AttrCodec.path(path, "dynamodb");
        if (r.dynamodbToken == null || r.dynamodbToken == JsonToken.VALUE_NULL) {
            throw ChangeReadException.missingField(position, dpath.toString());
        }
        if (r.dynamodb == null) {
            throw ChangeReadException.unexpectedType(position, dpath.toString(), "an object", AttrCodec.kind(r.dynamodbToken));
        }
        DynamoDbFields d = r.dynamodb;
        boolean kds = r.hasTableName || r.hasRecordFormat;

        String arn = r.eventSourceArn;
        String table = tableFromArn(arn);
        if (table == null) {
            table = r.tableName;
        }
        if (table == null) {
            table = envelope.get();
        }
        if (table == null) {
            table = defaultTable;
        }
        ChangeEvent.Builder b = ChangeEvent.builder(op, SourceInfo.of(StreamRecords.FORMAT, table));
        if (d.keys != null) {
            b.key(d.keys.get());
        }
        if (d.newImage != null) {
            Row row = d.newImage.get();
            if (op != Operation.DELETE) {
                b.after(row);
            }
        }
        if (d.oldImage != null) {
            Row row = d.oldImage.get();
            if (op != Operation.INSERT) {
                b.before(row);
            }
        }
        b.ts(timestamp(r, d, dpath, position, kds));
        b.position(d.sequenceNumber);

        putText(b, "eventId", r.eventId);
        putText(b, "region", r.awsRegion);
        putText(b, "streamViewType", d.streamViewType);
        if (d.sizeBytes != null) {
            b.meta("sizeBytes", d.sizeBytes);
        }
        if (op == Operation.DELETE && r.ttlIdentity) {
            b.meta("ttl", true);
        }
        if (arn != null) {
            b.meta("eventSourceArn", arn);
        }
        // Stamped here, the reader does not copy the event again to add the origin.
        ReadContext.stampOrigin(b, position);
        return b.build();
    }

    private java.time.Instant timestamp(RecordFields r, DynamoDbFields d, Object dpath, Position position, boolean kds) {
        if (d.timeToken == null || d.timeToken == JsonToken.VALUE_NULL) {
            return null;
        }
        Object at = AttrCodec.path(dpath, "ApproximateCreationDateTime");
        BigDecimal value;
        if (d.timeNumber != null) {
            value = d.timeNumber;
        } else if (d.timeText != null) {
            value = StreamRecords.secondsText(d.timeText, at, position);
        } else {
            throw ChangeReadException.unexpectedType(position, at.toString(), "epoch seconds as a number",
                    AttrCodec.kind(d.timeToken));
        }
        String precision = null;
        if (kds) {
            precision = d.precision != null ? d.precision : r.precision;
        }
        return records.instant(value, at, position, kds, precision);
    }

    // The records of a batch share their ARN: the regular expression runs once for it.
    private String tableFromArn(String arn) {
        if (arn == null) {
            return null;
        }
        if (!arn.equals(lastArn)) {
            lastTable = StreamRecords.tableFromArn(arn);
            lastArn = arn;
        }
        return lastTable;
    }

    private static void putText(ChangeEvent.Builder b, String name, String value) {
        if (value != null) {
            b.meta(name, value);
        }
    }

    /**
     * The text of a scalar member as {@code JsonNode.asText()} gives it (numbers as the exact value
     * they parse to); null for null and for objects and arrays, which are skipped.
     */
    private static String text(JsonParser p, JsonToken v) throws IOException {
        switch (v) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return decimalOrInteger(p, v).toString();
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            default:
                MemberNames.skipValue(p);
                return null;
        }
    }

    private static Object decimalOrInteger(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
    }

    /** A number as {@code JsonSupport.decimal} reads a number node. */
    private static BigDecimal decimal(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? new BigDecimal(p.getBigIntegerValue()) : BigDecimal.valueOf(p.getLongValue());
    }

    private static BigDecimal skipNumber(JsonParser p) throws IOException {
        MemberNames.skipValue(p);
        return null;
    }

    private static boolean skip(JsonParser p) throws IOException {
        MemberNames.skipValue(p);
        return false;
    }

    private static boolean skipPresent(JsonParser p) throws IOException {
        MemberNames.skipValue(p);
        return true;
    }
}
