package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.Origins;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dynamodb.internal.AttributeRules.At;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the members of one DynamoDB stream record ({@link RecordFields}) to a {@link ChangeEvent}:
 * the operation, the table, the images, the time, the position and the meta. One of a reader (or
 * of one batch of objects): it remembers the table of the last ARN.
 */
final class RecordMapping {
    /** The adapter name. */
    private static final String FORMAT = DynamoDbStreamAdapter.NAME;
    private static final Pattern TABLE_ARN = Pattern.compile("^arn:[^:]*:dynamodb:[^:]*:[^:]*:table/([^/]+)(/.*)?$");

    /** The table named by the envelope of a record, looked up only when the record names none. */
    @FunctionalInterface
    interface EnvelopeTable<X extends Exception> {
        /** The table, or null. */
        String get() throws X;
    }

    private final String defaultTable;
    private final boolean kinesisMicros;
    private String lastArn;
    private String lastTable;

    /**
     * @param defaultTable  the table of records that name none, or null
     * @param kinesisMicros whether Kinesis payloads that do not state their precision are in microseconds
     */
    RecordMapping(String defaultTable, boolean kinesisMicros) {
        this.defaultTable = defaultTable;
        this.kinesisMicros = kinesisMicros;
    }

    /** The table name of a DynamoDB table or stream ARN, or null when it is not one. */
    static String tableFromArn(String arn) {
        if (arn == null) {
            return null;
        }
        Matcher m = TABLE_ARN.matcher(arn);
        return m.matches() ? m.group(1) : null;
    }

    /** Whether a {@code userIdentity} names DynamoDB's Time to Live service. */
    static boolean isTtl(String type, String principalId) {
        return "Service".equals(type) && "dynamodb.amazonaws.com".equals(principalId);
    }

    /**
     * The event of a record at {@code path}, with its origin ({@code position}) in its meta.
     */
    <X extends Exception> ChangeEvent event(RecordFields r, String path, Position position, EnvelopeTable<X> envelope)
            throws X {
        if (r.eventNameToken == null || r.eventNameToken == JsonToken.VALUE_NULL) {
            throw ChangeReadException.missingField(position, path + ".eventName");
        }
        if (r.eventNameToken != JsonToken.VALUE_STRING) {
            throw ChangeReadException.unexpectedType(position, path + ".eventName", "a string",
                    Tokens.kind(r.eventNameToken));
        }
        Operation op;
        switch (r.eventName) {
            case "INSERT" -> op = Operation.INSERT;
            case "MODIFY" -> op = Operation.UPDATE;
            case "REMOVE" -> op = Operation.DELETE;
            default -> throw ChangeReadException.unexpectedType(position, path + ".eventName",
                    "INSERT, MODIFY or REMOVE", "another string");
        }
        At dpath = new At(path, "dynamodb");
        if (r.dynamodbToken == null || r.dynamodbToken == JsonToken.VALUE_NULL) {
            throw ChangeReadException.missingField(position, dpath.toString());
        }
        if (r.dynamodb == null) {
            throw ChangeReadException.unexpectedType(position, dpath.toString(), "an object", Tokens.kind(r.dynamodbToken));
        }
        RecordFields.DynamoDb d = r.dynamodb;
        boolean kds = r.hasTableName || r.hasRecordFormat;

        String arn = r.eventSourceArn;
        String table = cachedTableFromArn(arn);
        if (table == null) {
            table = r.tableName;
        }
        if (table == null) {
            table = envelope.get();
        }
        if (table == null) {
            table = defaultTable;
        }
        ChangeEvent.Builder b = ChangeEvent.builder(op, SourceInfo.of(FORMAT, table));
        if (d.keys != null) {
            b.key(d.keys.get());
        }
        boolean hasAfter = false;
        if (d.newImage != null) {
            Row row = d.newImage.get();
            if (op != Operation.DELETE) {
                b.after(row);
                hasAfter = row != null;
            }
        }
        Row before = null;
        if (d.oldImage != null) {
            Row row = d.oldImage.get();
            if (op != Operation.INSERT) {
                b.before(row);
                before = row;
            }
        }
        b.images(images(op, d.streamViewType, before != null, hasAfter));
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
        Origins.stampOrigin(b, position);
        return b.build();
    }

    /**
     * How complete the images of a record are, from its {@code StreamViewType} and the images it
     * has. A DynamoDB image is always the whole item: an image the record has is
     * {@link Completeness#FULL}. An image the view type leaves out is {@link Completeness#KEYS}
     * under {@code KEYS_ONLY} (the key columns are the event's {@code key}; {@code before} and
     * {@code after} stay null) and {@link Completeness#ABSENT} under {@code NEW_IMAGE} and
     * {@code OLD_IMAGE}; an image the view type includes but the record lacks is unknown. The
     * before image of an insert and the after image of a delete are absent by nature and get no
     * entry; without a view type, or with one this library does not know, nothing is said.
     */
    static Images images(Operation op, String viewType, boolean hasBefore, boolean hasAfter) {
        if (viewType == null) {
            return Images.UNKNOWN;
        }
        Completeness noBefore;
        Completeness noAfter;
        switch (viewType) {
            case "KEYS_ONLY" -> noBefore = noAfter = Completeness.KEYS;
            case "NEW_IMAGE" -> {
                noBefore = Completeness.ABSENT;
                noAfter = null;
            }
            case "OLD_IMAGE" -> {
                noBefore = null;
                noAfter = Completeness.ABSENT;
            }
            case "NEW_AND_OLD_IMAGES" -> noBefore = noAfter = null;
            default -> {
                return Images.UNKNOWN;
            }
        }
        Completeness before = op == Operation.INSERT ? null : hasBefore ? Completeness.FULL : noBefore;
        Completeness after = op == Operation.DELETE ? null : hasAfter ? Completeness.FULL : noAfter;
        return new Images(before, after);
    }

    /**
     * The instant of an {@code ApproximateCreationDateTime}: epoch seconds in DynamoDB Streams, milli-
     * or microseconds in Kinesis Data Streams records (by their precision, else by this mapping's).
     */
    private Instant timestamp(RecordFields r, RecordFields.DynamoDb d, At dpath, Position position, boolean kds) {
        if (d.timeToken == null || d.timeToken == JsonToken.VALUE_NULL) {
            return null;
        }
        At at = new At(dpath, "ApproximateCreationDateTime"); // written out only for an error
        BigDecimal value;
        if (d.timeNumber != null) {
            value = d.timeNumber;
        } else if (d.timeText != null) {
            // The botocore documentation example writes it as a string ("1.46480646E9").
            try {
                value = new BigDecimal(d.timeText.trim());
            } catch (NumberFormatException e) {
                throw ChangeReadException.unexpectedType(position, at.toString(), "epoch seconds as a number",
                        "a string that is not a number");
            }
        } else {
            throw ChangeReadException.unexpectedType(position, at.toString(), "epoch seconds as a number",
                    Tokens.kind(d.timeToken));
        }
        Instant instant;
        if (kds) {
            String precision = d.precision != null ? d.precision : r.precision;
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

    // The records of a batch share their ARN: the regular expression runs once for it.
    private String cachedTableFromArn(String arn) {
        if (arn == null) {
            return null;
        }
        if (!arn.equals(lastArn)) {
            lastTable = tableFromArn(arn);
            lastArn = arn;
        }
        return lastTable;
    }

    private static void putText(ChangeEvent.Builder b, String name, String value) {
        if (value != null) {
            b.meta(name, value);
        }
    }
}
