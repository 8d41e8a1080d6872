package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.dynamodb.DynamoDbStreamOptions;
import io.cdcsdk.dynamodb.AttributeValues;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * The {@code dynamodb-stream} adapter: DynamoDB Streams change records in every envelope they come
 * in, detected by content.
 *
 * <ul>
 * <li>the Lambda event ({@code {"Records":[...]}}), including tumbling-window events;</li>
 * <li>a single stream record, or several as NDJSON or concatenated JSON;</li>
 * <li>the DynamoDB Streams {@code GetRecords} response ({@code Records} and
 *     {@code NextShardIterator}; its records name no table, see {@link DynamoDbStreamOptions});</li>
 * <li>EventBridge Pipes: a JSON array of records, or events whose {@code detail} is a record;</li>
 * <li>Kinesis Data Streams for DynamoDB payloads ({@code tableName}; {@code ApproximateCreationDateTime}
 *     in milliseconds, or microseconds when its precision says so). The Lambda Kinesis event around
 *     them is read by the registry's envelope layer, which gives each payload to this adapter.</li>
 * </ul>
 *
 * <p>{@code INSERT}/{@code MODIFY}/{@code REMOVE} become insert/update/delete; {@code Keys} the key;
 * {@code NewImage}/{@code OldImage} after/before (a delete has no after, an insert no before;
 * {@code KEYS_ONLY} records give only the key); the table comes from {@code eventSourceARN} or
 * {@code tableName}; {@code ts} from {@code ApproximateCreationDateTime} (epoch seconds, exact
 * fraction); {@code position} is the {@code SequenceNumber}. Meta holds {@code eventId},
 * {@code region}, {@code streamViewType}, {@code sizeBytes}, {@code eventSourceArn}, and
 * {@code ttl: true} for deletions made by Time to Live. Attribute values are
 * read exactly as {@link AttributeValues} describes. {@code images} follows the
 * {@code StreamViewType}: an image the record has is full; one the view type leaves out is keys
 * ({@code KEYS_ONLY}, with {@code before}/{@code after} left null: the key columns are the key) or
 * absent ({@code NEW_IMAGE}, {@code OLD_IMAGE}); without a view type nothing is said.
 *
 * <p>Each element of {@code Records} is a record of its own: under
 * {@link io.cdcsdk.core.OnError#SKIP} a bad element is reported and reading goes on with the next.
 */
public final class DynamoDbStreamAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "dynamodb-stream";
    private static final Pattern DDB_SOURCE = Pattern.compile("\"eventSource\"\\s*:\\s*\"aws:dynamodb\"");
    private static final Pattern STREAM_FIELD = Pattern.compile(
            "\"(StreamViewType|ApproximateCreationDateTime|SequenceNumber)\"\\s*:");
    private static final Pattern EVENT_NAME = Pattern.compile("\"eventName\"\\s*:\\s*\"(INSERT|MODIFY|REMOVE)\"");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection detect(Head head) {
        try {
            String text = head.text();
            char first = head.firstSignificantChar();
            if (first != '{' && first != '[') {
                return Detection.NO;
            }
            boolean names = EVENT_NAME.matcher(text).find();
            if (DDB_SOURCE.matcher(text).find() && (names || text.contains("\"dynamodb\""))) {
                return Detection.CERTAIN;
            }
            if (names && text.contains("\"dynamodb\"") && STREAM_FIELD.matcher(text).find()) {
                return Detection.CERTAIN;
            }
            if (names && text.contains("\"dynamodb\"")) {
                return Detection.CONTENT;
            }
        } catch (RuntimeException e) {
            return Detection.NO;
        }
        return Detection.NO;
    }

    @Override
    public ChangeReader open(InputStream in, ReadContext context) {
        DynamoDbStreamOptions options = context.options().extension(DynamoDbStreamOptions.class)
                .orElse(DynamoDbStreamOptions.defaults());
        return new StreamReader(in, context, options.tableName(), options.kinesisMicroseconds());
    }
}
