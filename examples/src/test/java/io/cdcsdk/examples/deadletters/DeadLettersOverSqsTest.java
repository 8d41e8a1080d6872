package io.cdcsdk.examples.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.json.DeadLetter;
import io.cdcsdk.examples.lambda.OrdersRedriveHandler;
import io.cdcsdk.examples.lambda.OrdersStreamHandler;
import io.cdcsdk.examples.s3.MotoServer;
import io.cdcsdk.router.Retry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The SQS sink and the redrive Lambda against moto's server on a loopback port (SQS and S3),
 * started and stopped here: a letter over 256 KB goes through S3, and redrive routes letters with
 * the Orders router and sends what fails again on as new letters. Skipped only off CI when moto
 * cannot be had ({@link MotoServer}).
 */
class DeadLettersOverSqsTest {
    private static final String BUCKET = "letters";
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000";

    private static MotoServer moto;
    private static String motoUnavailable;
    private static S3Client s3;
    private static SqsClient sqs;
    private int queues;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.startOrFailInCi(why -> motoUnavailable = why);
        if (moto == null) {
            return;
        }
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).forcePathStyle(true).build();
        sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @BeforeEach
    void needsMoto() {
        Assumptions.assumeTrue(moto != null, () -> motoUnavailable);
    }

    @AfterAll
    static void stop() throws IOException {
        if (sqs != null) {
            sqs.close();
            s3.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    private String queue() {
        String name = "letters-" + (++queues) + "-" + System.nanoTime();
        return sqs.createQueue(q -> q.queueName(name)).queueUrl();
    }

    private static List<Message> receive(String queueUrl, int expected) {
        List<Message> messages = new ArrayList<>();
        for (int tries = 0; tries < 20 && messages.size() < expected; tries++) {
            messages.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
        }
        assertEquals(expected, messages.size());
        return messages;
    }

    private static ChangeEvent order(String id, String note) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("orderId", id);
        after.put("total", new BigDecimal("12.50"));
        after.put("note", note);
        return ChangeEvent.builder(Operation.INSERT, SourceInfo.of("dynamodb-stream", "Orders"))
                .key(Row.of(Map.of("orderId", id))).after(Row.of(after))
                .meta(ChangeEvent.META_FILE, "lambda-event.json").meta(ChangeEvent.META_RECORD, BigDecimal.ONE).build();
    }

    private static DeadLetter handleLetter(ChangeEvent event, int attempts) {
        return DeadLetter.of(DeadLetter.Stage.HANDLE, event, new IllegalStateException("downstream unavailable"), attempts,
                event.origin());
    }

    private static DeadLetter decodeLetter(String raw) {
        return new DeadLetter(DeadLetter.Stage.DECODE, ChangeReadException.class.getName(), "bad record", 0,
                Instant.parse("2026-12-06T10:00:00.123Z"), "cdc-sdk test", "dynamodb-stream",
                new Position("lambda-event.json", 1, -1, 4), "4959", null, Bytes.of(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static String streamRecord(String id, String eventName) {
        return "{\"eventID\":\"e-" + id + "\",\"eventName\":\"" + eventName + "\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1700000000,\"Keys\":{\"orderId\":{\"S\":\"" + id + "\"}},"
                + "\"NewImage\":{\"orderId\":{\"S\":\"" + id + "\"},\"total\":{\"N\":\"3\"}},\"SequenceNumber\":\"777\","
                + "\"SizeBytes\":26,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},\"eventSourceARN\":\"" + ARN + "\"}";
    }

    @Test
    void aLetterIsTheMessageAndOneOver256KbGoesToS3WithAPointer() {
        String queueUrl = queue();
        SqsDeadLetterSink sink = new SqsDeadLetterSink(sqs, queueUrl, s3, BUCKET, "small-and-large/");
        DeadLetter small = handleLetter(order("o-1", "short"), 3);
        DeadLetter large = handleLetter(order("o-2", "x".repeat(300 * 1024)), 1);
        assertTrue(large.toJson().length() > SqsDeadLetterSink.MAX_MESSAGE_BYTES);

        sink.send(small);
        sink.send(large);

        List<Message> messages = receive(queueUrl, 2);
        Message first = messages.get(0).body().equals(small.toJson()) ? messages.get(0) : messages.get(1);
        Message second = first == messages.get(0) ? messages.get(1) : messages.get(0);
        assertEquals(small, SqsDeadLetterSink.letterOf(first.body(), s3));
        assertTrue(second.body().startsWith("[\"software.amazon.payloadoffloading.PayloadS3Pointer\","), second.body());
        assertEquals(Integer.toString(large.toJson().getBytes(StandardCharsets.UTF_8).length),
                second.messageAttributes().get("ExtendedPayloadSize").stringValue());
        assertEquals(large, SqsDeadLetterSink.letterOf(second.body(), s3));
        assertEquals(1, s3.listObjectsV2(l -> l.bucket(BUCKET).prefix("small-and-large/")).contents().size());
    }

    @Test
    void redriveRoutesLettersWithTheSameRouterAndSendsWhatFailsAgainOn() {
        String lettersUrl = queue();
        String againUrl = queue();
        SqsDeadLetterSink sink = new SqsDeadLetterSink(sqs, lettersUrl, s3, BUCKET, "redrive/");
        String stillBad = streamRecord("o-5", "FROBNICATE");
        sink.send(handleLetter(order("o-1", "fine now"), 3));
        sink.send(handleLetter(order("o-2", "x".repeat(300 * 1024)), 3)); // through S3
        sink.send(handleLetter(order("o-4", "still failing"), 3));
        sink.send(decodeLetter(streamRecord("o-3", "INSERT")));           // read again, now readable
        sink.send(decodeLetter(stillBad));
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : receive(lettersUrl, 5)) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setBody(m.body());
            records.add(record);
        }
        event.setRecords(records);
        List<String> written = new ArrayList<>();
        OrdersStreamHandler.OrderStore store = new OrdersStreamHandler.OrderStore() {
            @Override
            public void upsert(OrdersStreamHandler.Order order) {
                if (order.orderId().equals("o-4")) {
                    throw new IllegalStateException("downstream still unavailable");
                }
                written.add(order.orderId());
            }

            @Override
            public void delete(OrdersStreamHandler.Order order) {
            }
        };

        SQSBatchResponse response = new OrdersRedriveHandler(store, Retry.attempts(2, Duration.ZERO), s3, sqs, againUrl,
                BUCKET).handleRequest(event, null);

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(List.of("o-1", "o-2", "o-3"), written.stream().sorted().toList());
        List<DeadLetter> again = receive(againUrl, 2).stream().map(m -> SqsDeadLetterSink.letterOf(m.body(), s3)).toList();
        DeadLetter handle = again.get(0).stage() == DeadLetter.Stage.HANDLE ? again.get(0) : again.get(1);
        DeadLetter decode = handle == again.get(0) ? again.get(1) : again.get(0);
        assertEquals(5, handle.attempts()); // 3 before, 2 now
        assertEquals(ChangeEventJson.normalize(order("o-4", "still failing")), handle.event());
        assertEquals(new Position("lambda-event.json", -1, -1, 1), handle.origin());
        assertEquals(DeadLetter.Stage.DECODE, decode.stage());
        assertEquals(Bytes.of(stillBad.getBytes(StandardCharsets.UTF_8)), decode.raw());
        assertEquals("dynamodb-stream", decode.format());
        assertEquals(new Position("lambda-event.json", 1, -1, 4), decode.origin());
    }
}
