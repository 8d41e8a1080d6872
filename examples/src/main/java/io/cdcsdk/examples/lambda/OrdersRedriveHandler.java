package io.cdcsdk.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.DeadLetter;
import io.cdcsdk.examples.deadletters.SqsDeadLetterSink;
import io.cdcsdk.examples.lambda.OrdersStreamHandler.OrderStore;
import io.cdcsdk.router.FailedEvent;
import io.cdcsdk.router.Retry;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Redrive: an SQS-triggered Lambda that routes dead letters with the same router as
 * {@link OrdersStreamHandler}, once what made them fail is fixed. Each message holds one letter
 * ({@link SqsDeadLetterSink}, large ones through S3); the letter is read with the
 * {@code dead-letter} format, which gives its event again (or reads the record of a decode failure
 * again through its format), and routed. What fails again becomes a new letter, sent to the
 * letters queue with its attempts carried over; a record that still cannot be decoded becomes a
 * decode letter again. Only when that sending fails is the message reported as a batch item
 * failure, so SQS gives it again: nothing is lost, nothing dropped without a letter.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.lambda.OrdersRedriveHandler::handleRequest}, an SQS
 * event source mapping on the letters queue with {@code FunctionResponseTypes:
 * ReportBatchItemFailures}, enabled when the fix is deployed. Environment: {@code LETTERS_QUEUE_URL}
 * (where letters that fail again go: a second queue, or the same one with a delivery delay) and
 * {@code LETTERS_BUCKET} (for letters over 256 KB).
 */
public class OrdersRedriveHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Router router;
    private final SqsDeadLetterSink letters;
    private final S3Client s3;

    /** The handler Lambda instantiates, configured from its environment. */
    public OrdersRedriveHandler() {
        this(new OrdersStreamHandler.InMemoryOrderStore(), Retry.attempts(3, Duration.ofMillis(100)),
                S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                System.getenv("LETTERS_QUEUE_URL"), System.getenv("LETTERS_BUCKET"));
    }

    /**
     * A handler writing to {@code store}, with the routing of {@link OrdersStreamHandler}.
     *
     * @param store       where orders go
     * @param retry       how often a handler is called for one event
     * @param s3          the client that reads and writes large letters
     * @param sqs         the client that sends letters
     * @param lettersUrl  the queue that letters failing again go to
     * @param bucket      the bucket of large letters
     */
    public OrdersRedriveHandler(OrderStore store, Retry retry, S3Client s3, SqsClient sqs, String lettersUrl,
                                String bucket) {
        this.router = OrdersStreamHandler.router(store, retry);
        this.s3 = s3;
        this.letters = new SqsDeadLetterSink(sqs, lettersUrl, s3, bucket, "letters/");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                redrive(message);
            } catch (RuntimeException e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Routes the message's letter; what fails again is sent on as a new letter. */
    private void redrive(SQSEvent.SQSMessage message) {
        byte[] letter = SqsDeadLetterSink.letterText(message.getBody(), s3).getBytes(StandardCharsets.UTF_8);
        ReadOptions options = ReadOptions.defaults().skipOnError(e -> letters.send(DeadLetter.ofDecodeFailure(e)));
        RouteResult result;
        try (ChangeReader reader = ChangeReaders.open(new ByteArrayInputStream(letter), "sqs:" + message.getMessageId(),
                "dead-letter", options)) {
            result = router.route(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!result.notAttempted().isEmpty()) {
            // A record that gave several events stopped part way (the routing stops at a failure):
            // the message comes back whole, and the events before the failure are handled again.
            throw new IllegalStateException("events not attempted after a failure");
        }
        for (FailedEvent failed : result.failures()) {
            letters.send(failed.toDeadLetter());
        }
    }
}
