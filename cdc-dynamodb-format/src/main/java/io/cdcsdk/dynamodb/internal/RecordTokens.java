package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.JsonParsing;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.dynamodb.internal.AttributeRules.At;
import io.cdcsdk.dynamodb.internal.ItemTokens.Item;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one DynamoDB stream record (or an element of an envelope: an EventBridge event whose detail
 * is one) straight from parser tokens into {@link RecordFields},
 * which {@link RecordMapping} makes an event of, whatever the order of the members. The parser's own
 * duplicate detection may be off: a repeated member name anywhere in the element is rejected here,
 * as a syntax error.
 *
 * <p>A bad attribute value is remembered rather than thrown at once, so that the error reported is
 * the first by the mapping's rules, and the parser always ends on the element's last token: a bad
 * element fails alone and the next one reads.
 */
final class RecordTokens {
    private static final RecordMapping.EnvelopeTable<IOException> NO_ENVELOPE = () -> null;
    private static final RecordMapping.EnvelopeTable<RuntimeException> NO_TABLE = () -> null;

    private final Limits limits;
    private final RecordMapping mapping;
    private final ItemTokens items = new ItemTokens();

    RecordTokens(Limits limits, String defaultTable, boolean kinesisMicros) {
        this.limits = limits;
        this.mapping = new RecordMapping(defaultTable, kinesisMicros);
    }

    /**
     * Reads one element, starting on its first token; the parser ends on its last token, also when
     * this throws {@link ChangeReadException}. Syntax errors and limits are the parser's
     * {@link IOException}s, after which the parser cannot go on.
     *
     * @param envelope the table of the envelope, or null for a top-level record
     * @return the event, with its origin ({@code position}) in its meta
     * @throws ChangeReadException for a bad record; it names the record's {@code SequenceNumber}
     *                             ({@link ChangeReadException#envelopeId()}) when that could be read
     */
    ChangeEvent element(JsonParser p, String path, Position position, RecordMapping.EnvelopeTable<IOException> envelope)
            throws IOException {
        JsonToken t = p.currentToken();
        JsonStreamContext enclosing = Tokens.enclosing(p);
        RecordFields el = null;
        try {
            if (t != JsonToken.START_OBJECT) {
                throw ChangeReadException.unexpectedType(position, path, "a stream record object", Tokens.kind(t));
            }
            el = fields(p, path, position, true);
            RecordMapping.EnvelopeTable<IOException> table = envelope == null ? NO_ENVELOPE : envelope;
            if (el.detail != null && el.hasDetailType) {
                return mapping.event(el.detail, path + ".detail", position, table);
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
            return mapping.event(el, path, position, table);
        } catch (ChangeReadException e) {
            Tokens.finishValue(p, enclosing);
            // A record whose SequenceNumber could be read is named by it, so that a partial batch
            // response reports that record alone.
            String sequence = el == null ? null : el.dynamodb != null ? el.dynamodb.sequenceNumber
                    : el.detail != null && el.detail.dynamodb != null ? el.detail.dynamodb.sequenceNumber : null;
            throw sequence == null || e.envelopeId().isPresent() ? e : e.withEnvelopeId(sequence);
        }
    }

    private RecordFields fields(JsonParser p, String path, Position position, boolean element) throws IOException {
        RecordFields r = new RecordFields();
        MemberNames.readObject(p, (name, v) -> {
            switch (name) {
                case "eventName" -> {
                    r.eventNameToken = v;
                    r.eventName = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    MemberNames.skipValue(p);
                }
                case "dynamodb" -> {
                    r.dynamodbToken = v;
                    if (v == JsonToken.START_OBJECT) {
                        r.dynamodb = dynamodb(p, new At(path, "dynamodb"), position);
                    } else {
                        MemberNames.skipValue(p);
                    }
                }
                case "eventSourceARN" -> r.eventSourceArn = Tokens.text(p, v);
                case "tableName" -> {
                    r.hasTableName = true;
                    r.tableName = Tokens.text(p, v);
                }
                case "recordFormat" -> {
                    r.hasRecordFormat = true;
                    MemberNames.skipValue(p);
                }
                case "eventID" -> r.eventId = Tokens.text(p, v);
                case "awsRegion" -> r.awsRegion = Tokens.text(p, v);
                case "ApproximateCreationDateTimePrecision" -> r.precision = Tokens.text(p, v);
                case "userIdentity" -> r.ttlIdentity = v == JsonToken.START_OBJECT ? isTtl(p) : skip(p);
                default -> {
                    if (element) {
                        elementMember(p, name, v, r, path, position);
                    } else {
                        MemberNames.skipValue(p);
                    }
                }
            }
        });
        return r;
    }

    private void elementMember(JsonParser p, String name, JsonToken v, RecordFields r, String path, Position position)
            throws IOException {
        switch (name) {
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

    private RecordFields.DynamoDb dynamodb(JsonParser p, At dpath, Position position) throws IOException {
        RecordFields.DynamoDb d = new RecordFields.DynamoDb();
        MemberNames.readObject(p, (name, v) -> {
            switch (name) {
                case "Keys" -> d.keys = image(p, v, new At(dpath, "Keys"), position);
                case "NewImage" -> d.newImage = image(p, v, new At(dpath, "NewImage"), position);
                case "OldImage" -> d.oldImage = image(p, v, new At(dpath, "OldImage"), position);
                case "ApproximateCreationDateTime" -> {
                    d.timeToken = v;
                    d.timeNumber = v.isNumeric() ? Tokens.decimal(p, v) : null;
                    d.timeText = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    MemberNames.skipValue(p);
                }
                case "ApproximateCreationDateTimePrecision" -> d.precision = Tokens.text(p, v);
                case "SequenceNumber" -> d.sequenceNumber = Tokens.text(p, v);
                case "StreamViewType" -> d.streamViewType = Tokens.text(p, v);
                case "SizeBytes" -> d.sizeBytes = v.isNumeric() ? Tokens.decimal(p, v) : skipNumber(p);
                default -> MemberNames.skipValue(p);
            }
        });
        return d;
    }

    /** An image or key member: null when null, else its row or its failure; the parser ends on its end. */
    private Item image(JsonParser p, JsonToken v, At path, Position position) throws IOException {
        return v == JsonToken.VALUE_NULL ? null : items.itemOrFailure(p, path, position);
    }

    /** Whether a {@code userIdentity} object names DynamoDB's TTL service (either spelling of the members). */
    private static boolean isTtl(JsonParser p) throws IOException {
        Map<String, String> id = new HashMap<>();
        MemberNames.readObject(p, (name, v) -> {
            switch (name) {
                case "type", "Type", "principalId", "PrincipalId" -> id.put(name, Tokens.text(p, v));
                default -> MemberNames.skipValue(p);
            }
        });
        return RecordMapping.isTtl(id.containsKey("type") ? id.get("type") : id.get("Type"),
                id.containsKey("principalId") ? id.get("principalId") : id.get("PrincipalId"));
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
