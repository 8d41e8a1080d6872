package io.cdcsdk.examples.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.json.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends dead letters to an SQS queue, one letter a message, in the dead-letter JSON form. A letter
 * larger than an SQS message can be (256 KB) goes to S3 instead, and the message carries a pointer
 * to it: the claim-check pattern, in the pointer form of the Amazon SQS Extended Client Library
 * ({@code ["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":...,"s3Key":...}]}
 * with the {@code ExtendedPayloadSize} attribute), so that its readers can read these messages too.
 * {@link #letterOf} reads either kind of message back.
 *
 * <pre>{@code
 * SqsDeadLetterSink letters = new SqsDeadLetterSink(sqs, queueUrl, s3, "my-letters-bucket", "letters/");
 * Router router = Router.builder()
 *     ...
 *     .deadLetter(failed -> letters.send(failed.toDeadLetter()))
 *     .build();
 * }</pre>
 *
 * Thread-safe as the SDK clients are.
 */
public final class SqsDeadLetterSink {
    /** The most an SQS message may hold, body and attributes: 256 KiB. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** What is kept free of a message for its attributes. */
    private static final int ATTRIBUTE_ROOM = 1024;
    private static final String POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";
    private static final String SIZE_ATTRIBUTE = "ExtendedPayloadSize";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;

    /**
     * A sink to a queue, with a bucket for large letters.
     *
     * @param sqs       the SQS client
     * @param queueUrl  the queue letters go to
     * @param s3        the S3 client
     * @param bucket    the bucket that holds letters over {@link #MAX_MESSAGE_BYTES}
     * @param keyPrefix the prefix of their object keys, for example {@code letters/}
     */
    public SqsDeadLetterSink(SqsClient sqs, String queueUrl, S3Client s3, String bucket, String keyPrefix) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /**
     * Sends one letter: as the message body, or when it is too large for a message, to S3 under a
     * new key with a pointer to it as the body.
     *
     * @param letter the letter
     * @return the id of the message sent
     */
    public String send(DeadLetter letter) {
        String body = letter.toJson();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_MESSAGE_BYTES - ATTRIBUTE_ROOM) {
            return sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body)).messageId();
        }
        String key = keyPrefix + UUID.randomUUID() + ".json";
        s3.putObject(p -> p.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(bytes));
        String pointer = JSON.createArrayNode().add(POINTER_CLASS)
                .add(JSON.createObjectNode().put("s3BucketName", bucket).put("s3Key", key)).toString();
        return sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(pointer).messageAttributes(Map.of(SIZE_ATTRIBUTE,
                MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(bytes.length)).build())))
                .messageId();
    }

    /**
     * {@return the letter a message holds}, fetching it from S3 when the message holds a pointer.
     *
     * @param body the message body
     * @param s3   the client to fetch a large letter with
     * @throws io.cdcsdk.core.ChangeReadException when the body or the object is not a letter
     */
    public static DeadLetter letterOf(String body, S3Client s3) {
        return DeadLetter.fromJson(letterText(body, s3));
    }

    /**
     * {@return the letter's JSON text a message holds}, fetched from S3 when the message holds a
     * pointer; for reading it through the {@code dead-letter} format.
     *
     * @param body the message body
     * @param s3   the client to fetch a large letter with
     */
    public static String letterText(String body, S3Client s3) {
        if (!body.startsWith("[\"" + POINTER_CLASS + "\"")) {
            return body;
        }
        JsonNode pointer;
        try {
            pointer = JSON.readTree(body).get(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s3.getObjectAsBytes(g -> g.bucket(pointer.path("s3BucketName").asText()).key(pointer.path("s3Key").asText()))
                .asUtf8String();
    }
}
