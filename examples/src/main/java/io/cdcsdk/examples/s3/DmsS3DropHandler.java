package io.cdcsdk.examples.s3;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.examples.ConfiguredTables;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.S3ObjectCreated;
import io.cdcsdk.router.BatchResponse;
import io.cdcsdk.dms.DmsObjectKey;
import io.cdcsdk.dms.TableDefinitions;
import io.cdcsdk.router.Router.EventHandler;
import io.cdcsdk.router.FailurePolicy;
import io.cdcsdk.router.Retry;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import io.cdcsdk.router.Tables;
import io.cdcsdk.router.Unrouted;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A Lambda handler for the objects a DMS S3 target writes, announced by S3 event notifications
 * directly, through an SQS queue (the notification, or an EventBridge {@code Object Created} event,
 * as the message body, also inside an SNS notification), or by EventBridge: each new object (CSV,
 * Parquet or DMS JSON, gzip or not) is streamed with the AWS SDK v2 S3 client, read with the DMS
 * adapter its name calls for, and its changes are routed to one {@link EventHandler}.
 *
 * <p>{@link S3ObjectCreated#read} gives bucket, URL-decoded key, size and version of each object.
 * Schema and table come from the DMS key layout
 * ({@code [bucketFolder/]schema/table/[date/]LOAD00000001.csv}). The object is never read whole:
 * CSV and JSON are read as they stream in; Parquet needs random access, so the adapter spools it
 * to a temporary file first. Header-less CSV needs the tables' columns: the handler's
 * configuration gives them as table definitions JSON, in the environment variable
 * {@value ConfiguredTables#ENV} or as the class-path resource {@value ConfiguredTables#RESOURCE}.
 *
 * <p>The answer is {@code {"batchItemFailures":[...],"objects":n,"changes":m}}. Fed by SQS (an event
 * source mapping with {@code FunctionResponseTypes: ReportBatchItemFailures}), a message whose
 * object cannot be read or whose change fails, or whose body is no S3 event, is reported by its
 * {@code messageId}: it alone returns to the queue (and to its dead-letter queue after
 * {@code maxReceiveCount}), while the other messages are done. Invoked by S3 or EventBridge directly
 * (asynchronously, no batch answer), the handler throws instead and Lambda retries the whole event
 * (twice by default; configure an on-failure destination). Handlers should therefore be idempotent.
 * Logs name objects and counts, never row values.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.s3.DmsS3DropHandler::handleRequest}, an S3 event
 * notification for {@code s3:ObjectCreated:*} (filter by prefix, the DMS bucket folder) to the
 * function or to an SQS queue the function reads, and a role that may {@code s3:GetObject}.
 */
public class DmsS3DropHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DmsS3DropHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final S3Client s3;
    private final ReadOptions options;
    private final Router router;
    private final FormatRegistry formats = FormatRegistry.discover();

    /** The handler Lambda instantiates: region and credentials from the Lambda environment. */
    public DmsS3DropHandler() {
        this(S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(), ConfiguredTables.read(),
                e -> LOG.info("{} {} at {}", e.op(), e.source().qualifiedTable(), e.position()),
                Retry.attempts(3, Duration.ofMillis(100)));
    }

    /** A handler reading with {@code s3}, passing every data change to {@code changes}. */
    public DmsS3DropHandler(S3Client s3, TableDefinitions tables, EventHandler changes, Retry retry) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.options = ReadOptions.defaults().withExtension(Objects.requireNonNull(tables, "tables"));
        this.router = Router.builder()
                .failurePolicy(FailurePolicy.STOP)
                .unrouted(Unrouted.IGNORE)
                .retry(retry)
                .on(Tables.any(), Operation.SNAPSHOT, Operation.INSERT, Operation.UPDATE, Operation.DELETE)
                .to(Objects.requireNonNull(changes, "changes"))
                .build();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        Set<String> failedMessages = new LinkedHashSet<>();
        List<S3ObjectCreated> objects = S3ObjectCreated.read(in, e -> {
            LOG.warn("SQS message {} holds no S3 event: {}", e.envelopeId().orElse("-"), e.detail());
            failedMessages.add(e.envelopeId().orElseThrow());
        });
        long changes = 0;
        long read = 0;
        for (S3ObjectCreated object : objects) {
            if (object.envelopeId() != null && failedMessages.contains(object.envelopeId())) {
                continue; // another object of the message failed: the whole message comes again
            }
            RouteResult result = process(object.bucket(), object.key());
            if (result.isSuccess()) {
                changes += result.handled();
                read++;
                continue;
            }
            String failure = "s3://" + object.bucket() + "/" + object.key() + ": " + result.failed()
                    + " change(s) failed, " + result.skipped() + " not attempted";
            if (object.envelopeId() == null) {
                throw new IllegalStateException(failure + "; the event will be retried");
            }
            LOG.warn("{}; SQS message {} will be retried", failure, object.envelopeId());
            failedMessages.add(object.envelopeId());
        }
        Map<String, Object> response = BatchResponse.reporting(failedMessages).asMap();
        response.put("objects", read);
        response.put("changes", changes);
        out.write(MAPPER.writeValueAsBytes(response));
    }

    /** Streams one object through its adapter and the router. */
    RouteResult process(String bucket, String key) throws IOException {
        DmsObjectKey parsed = DmsObjectKey.parse(key);
        String format = switch (parsed.extension()) {
            case "csv" -> "dms-csv";
            case "parquet" -> "dms-parquet";
            case "json" -> "dms-json";
            default -> null; // let the registry detect it from the first bytes
        };
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).build();
        RouteResult result;
        // The reader closes the S3 response stream.
        try (ChangeReader reader = formats.open(s3.getObject(get), key, format, options)) {
            result = router.route(reader);
        }
        LOG.info("s3://{}/{}: {}", bucket, key, result);
        return result;
    }
}
