package io.cdcsdk.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The items of a Lambda event, one at a time, each with its identity and its payload: Kinesis
 * ({@code Records[].kinesis.data}), SQS ({@code Records[].body}), MSK and self-managed Kafka
 * ({@code records.<topic-partition>[].value}), Firehose data transformation ({@code records[].data}
 * or {@code kafkaRecordValue}) and EventBridge Pipes batches (a top-level array of Kinesis, SQS or
 * Kafka records). The event is read as it streams in, one item in memory at a time; several events
 * may follow each other in one input. Not API.
 *
 * <p>An item whose payload cannot be had (not base64, over the record size limit) comes with its
 * failure, which names the item's identity; an item without an identity fails without one. A
 * syntax error in the event itself breaks the input: nothing after it can be answered for.
 */
public final class EnvelopeItems implements Closeable {
    /** The Lambda event kinds, as {@link ChangeEvent#META_ENVELOPE} names them. */
    public static final String KINESIS = "kinesis";
    /** SQS. */
    public static final String SQS = "sqs";
    /** MSK and self-managed Kafka. */
    public static final String KAFKA = "kafka";
    /** Firehose data transformation. */
    public static final String FIREHOSE = "firehose";
    /** EventBridge Pipes batches. */
    public static final String PIPES = "eventbridge-pipes";

    private static final Pattern KINESIS_EVENT = Pattern.compile("\"eventSource\"\\s*:\\s*\"aws:kinesis\""
            + "|\"kinesis\"\\s*:\\s*\\{[^{}]*\"sequenceNumber\"\\s*:");
    private static final Pattern SQS_EVENT = Pattern.compile("\"eventSource\"\\s*:\\s*\"aws:sqs\"");
    private static final Pattern KAFKA_EVENT = Pattern.compile("\"eventSource\"\\s*:\\s*\"(aws:kafka|SelfManagedKafka)\"");
    private static final Pattern FIREHOSE_EVENT = Pattern.compile("\"(invocationId|deliveryStreamArn)\"\\s*:");
    private static final Pattern RECORD_ID = Pattern.compile("\"recordId\"\\s*:");

    /**
     * One item: where it is, who it is, and its payload or why there is none.
     *
     * @param kind           the kind of record it is ({@link #KINESIS}, {@link #SQS}, {@link #KAFKA},
     *                       {@link #FIREHOSE})
     * @param envelope       the kind of event it came in: its kind, or {@link #PIPES}
     * @param id             its identity, or null when it has none
     * @param position       where it starts in the input; its record is the item's ordinal
     * @param payload        the payload, decoded; null when it cannot be had
     * @param failure        why there is no payload, or null
     * @param meta           what the item says about its source, for the events' meta
     * @param payloadField   the member that holds the payload
     * @param encodedPayload the payload as the item holds it, when that is base64
     */
    public record Item(String kind, String envelope, @Nullable String id, Position position, byte @Nullable [] payload,
                       @Nullable ChangeReadException failure, Map<String, Object> meta,
                       @Nullable String payloadField, @Nullable String encodedPayload) {
    }

    private enum State { TOP, OBJECT, TOPICS, ITEMS }

    private final JsonParser parser;
    private final String sourceName;
    private final Limits limits;
    private State state = State.TOP;
    private State itemsParent;
    private boolean topArray;
    private long ordinal;

    private EnvelopeItems(JsonParser parser, String sourceName, Limits limits) {
        this.parser = parser;
        this.sourceName = sourceName;
        this.limits = limits;
    }

    /**
     * {@return the kind of Lambda event the head starts, or null when it is none of those read here}
     * DynamoDB Streams events are not among them: the {@code dynamodb-stream} format reads them.
     *
     * @param head the first bytes of the input
     */
    public static @Nullable String detect(Head head) {
        char first = head.firstSignificantChar();
        if (first != '{' && first != '[') {
            return null;
        }
        String text = head.text();
        String kind = null;
        if (KINESIS_EVENT.matcher(text).find()) {
            kind = KINESIS;
        } else if (SQS_EVENT.matcher(text).find()) {
            kind = SQS;
        } else if (KAFKA_EVENT.matcher(text).find()) {
            kind = KAFKA;
        } else if (first == '{' && FIREHOSE_EVENT.matcher(text).find() && RECORD_ID.matcher(text).find()) {
            kind = FIREHOSE;
        }
        return kind != null && first == '[' ? PIPES : kind;
    }

    /**
     * The items of the Lambda events in {@code in}.
     *
     * @param in         the input, decompressed; closed by {@link #close()}
     * @param sourceName the input's name, for positions
     * @param limits     the string, number and nesting limits of the event; each payload is held to
     *                   the record size limit
     */
    public static EnvelopeItems of(InputStream in, String sourceName, Limits limits) throws IOException {
        return new EnvelopeItems(mapper(limits).createParser(in), sourceName, limits);
    }

    private static ObjectMapper mapper(Limits limits) {
        // No document length limit: an event holds many records. A string may hold a whole payload,
        // base64: each payload is held to the limits when it is read.
        long payloadChars = limits.maxRecordBytes() / 3 * 4 + 4;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE - 8,
                                Math.max(limits.maxStringLength(), payloadChars)))
                        .maxNumberLength(limits.maxNumberLength())
                        .build())
                .build();
        return JsonMapper.builder(factory).build();
    }

    /**
     * {@return the next item, or null at the end of the input}
     *
     * @throws ChangeReadException that breaks the input, when the event is not JSON or not of the
     *                             shape of a Lambda event
     */
    public @Nullable Item next() {
        try {
            while (true) {
                switch (state) {
                    case TOP -> {
                        JsonToken t = parser.nextToken();
                        if (t == null) {
                            return null;
                        }
                        if (t == JsonToken.START_OBJECT) {
                            state = State.OBJECT;
                            topArray = false;
                        } else if (t == JsonToken.START_ARRAY) {
                            state = State.ITEMS;
                            itemsParent = State.TOP;
                            topArray = true;
                        } else {
                            throw broken("expected a Lambda event (an object or an array)");
                        }
                    }
                    case OBJECT -> {
                        if (parser.nextToken() == JsonToken.END_OBJECT) {
                            state = State.TOP;
                            continue;
                        }
                        String name = parser.currentName();
                        JsonToken v = parser.nextToken();
                        if (("Records".equals(name) || "records".equals(name)) && v == JsonToken.START_ARRAY) {
                            state = State.ITEMS;
                            itemsParent = State.OBJECT;
                        } else if ("records".equals(name) && v == JsonToken.START_OBJECT) {
                            state = State.TOPICS;
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case TOPICS -> {
                        if (parser.nextToken() == JsonToken.END_OBJECT) {
                            state = State.OBJECT;
                            continue;
                        }
                        if (parser.nextToken() == JsonToken.START_ARRAY) {
                            state = State.ITEMS;
                            itemsParent = State.TOPICS;
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case ITEMS -> {
                        if (parser.nextToken() == JsonToken.END_ARRAY) {
                            state = itemsParent;
                            continue;
                        }
                        JsonLocation at = parser.currentTokenLocation();
                        Position position = new Position(sourceName, at.getLineNr(), at.getByteOffset(), ++ordinal);
                        JsonNode node = parser.readValueAsTree();
                        return item(node, position);
                    }
                    default -> throw new IllegalStateException(state.toString());
                }
            }
        } catch (JsonProcessingException e) {
            ChangeReadException t = JsonParsing.translate(e, Position.of(sourceName).withRecord(ordinal + 1));
            throw ChangeReadException.inputBroken(t.kind(), t.position(), "the Lambda event cannot be read: "
                    + t.detail(), null);
        } catch (IOException e) {
            throw ChangeReadException.inputBroken(ChangeReadException.Kind.IO, Position.of(sourceName),
                    "cannot read input (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private ChangeReadException broken(String detail) {
        JsonLocation at = parser.currentTokenLocation();
        return ChangeReadException.inputBroken(ChangeReadException.Kind.MALFORMED,
                new Position(sourceName, at.getLineNr(), at.getByteOffset(), -1), detail, null);
    }

    /** The identity and payload of one item, by its shape. */
    private Item item(JsonNode node, Position position) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (!node.isObject()) {
            return failed(topArray ? PIPES : KINESIS, position, meta, ChangeReadException.unexpectedType(position,
                    "the item", "an object", node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        String kind;
        String id;
        String field;
        JsonNode data;
        boolean base64 = true;
        JsonNode kinesis = node.get("kinesis");
        if (kinesis != null && kinesis.isObject()) {
            kind = KINESIS;
            id = text(kinesis, "sequenceNumber");
            field = "kinesis.data";
            data = kinesis.get("data");
            putText(meta, "kinesisPartitionKey", text(kinesis, "partitionKey"));
            putText(meta, "kinesisStreamArn", text(node, "eventSourceARN"));
        } else if (node.has("recordId")) {
            kind = FIREHOSE;
            id = text(node, "recordId");
            field = node.has("kafkaRecordValue") ? "kafkaRecordValue" : "data";
            data = node.get(field);
        } else if (node.has("messageId")) {
            kind = SQS;
            id = text(node, "messageId");
            field = "body";
            data = node.get("body");
            base64 = false;
        } else if (node.has("topic") && node.has("offset")) {
            kind = KAFKA;
            String topic = text(node, "topic");
            String partition = text(node, "partition");
            String offset = text(node, "offset");
            id = topic == null || partition == null || offset == null ? null : topic + "-" + partition + "@" + offset;
            field = "value";
            data = node.get("value");
        } else if (node.has("sequenceNumber") && node.has("data")) {
            kind = KINESIS; // a Kinesis record of an EventBridge Pipes batch: no "kinesis" object around it
            id = text(node, "sequenceNumber");
            field = "data";
            data = node.get("data");
            putText(meta, "kinesisPartitionKey", text(node, "partitionKey"));
            putText(meta, "kinesisStreamArn", text(node, "eventSourceARN"));
        } else {
            return failed(topArray ? PIPES : KINESIS, position, meta, new ChangeReadException(
                    ChangeReadException.Kind.UNSUPPORTED, position,
                    "an item of no Lambda event read here (no kinesis, recordId, messageId or topic and offset)"));
        }
        String envelope = topArray ? PIPES : kind;
        if (id == null || id.isEmpty()) {
            return failed(envelope, position, meta, ChangeReadException.missingField(position, "the item's identity ("
                    + (kind.equals(KAFKA) ? "topic, partition and offset" : kind.equals(SQS) ? "messageId"
                    : kind.equals(FIREHOSE) ? "recordId" : "sequenceNumber") + ")"));
        }
        if (data == null || data.isNull()) {
            // A Kafka tombstone, or an empty message: an item without events.
            return new Item(kind, envelope, id, position, new byte[0], null, meta, field, null);
        }
        if (!data.isTextual()) {
            return new Item(kind, envelope, id, position, null, ChangeReadException.unexpectedType(position, field,
                    base64 ? "a base64 string" : "a string", data.getNodeType().toString().toLowerCase(Locale.ROOT))
                    .withEnvelopeId(id), meta, field, null);
        }
        String text = data.textValue();
        byte[] payload;
        if (base64) {
            try {
                payload = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return new Item(kind, envelope, id, position, null, ChangeReadException.unexpectedType(position, field,
                        "base64", "a string that is not base64").withEnvelopeId(id), meta, field, text);
            }
        } else {
            payload = text.getBytes(StandardCharsets.UTF_8);
        }
        if (payload.length > limits.maxRecordBytes()) {
            return new Item(kind, envelope, id, position, null, ChangeReadException.limitExceeded(position, "payload size",
                    limits.maxRecordBytes()).withEnvelopeId(id), meta, field, base64 ? text : null);
        }
        return new Item(kind, envelope, id, position, payload, null, meta, field, base64 ? text : null);
    }

    private static Item failed(String envelope, Position position, Map<String, Object> meta, ChangeReadException e) {
        return new Item(envelope, envelope, null, position, null, e, meta, null, null);
    }

    private static @Nullable String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static void putText(Map<String, Object> meta, String name, @Nullable String value) {
        if (value != null) {
            meta.put(name, value);
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
