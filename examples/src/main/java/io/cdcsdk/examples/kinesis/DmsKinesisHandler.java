package io.cdcsdk.examples.kinesis;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.router.BatchResponse;
import io.cdcsdk.router.FailurePolicy;
import io.cdcsdk.router.Retry;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import io.cdcsdk.router.Router.EventHandler;
import io.cdcsdk.router.Tables;
import io.cdcsdk.router.Unrouted;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda handler for Kinesis events whose records carry AWS DMS changes (a DMS task with a
 * Kinesis target, {@code MessageFormat: json}), answering with partial batch failures.
 *
 * <p>The registry recognizes the Kinesis event and reads each record's base64 {@code data} with the
 * {@code dms-json} adapter; every event carries its record's sequence number
 * ({@link ChangeEvent#META_ENVELOPE_ID}), and keeps DMS's own position. Data changes of every table go
 * to one {@link EventHandler}; control records (create table, drop...) are ignored. The router stops
 * at the first failure (a shard is ordered); a record that cannot be decoded ends the read there.
 * Either way {@link BatchResponse#forStream} names the record, and Lambda resumes from it.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.kinesis.DmsKinesisHandler::handleRequest}, a Kinesis
 * event source mapping with {@code FunctionResponseTypes: ReportBatchItemFailures}, plus
 * {@code BisectBatchOnFunctionError}, a {@code MaximumRetryAttempts} and an on-failure destination,
 * so that a poison record is moved aside while the rest of the shard flows. Logs name records by
 * sequence number, never by their values.
 */
public class DmsKinesisHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DmsKinesisHandler.class);

    private final Router router;

    /** The handler Lambda instantiates: logs each change's table, operation and sequence number. */
    public DmsKinesisHandler() {
        this(e -> LOG.info("{} {} at {}", e.op(), e.source().qualifiedTable(), e.meta().get(ChangeEvent.META_ENVELOPE_ID)),
                Retry.attempts(3, Duration.ofMillis(100)));
    }

    /** A handler passing every data change to {@code changes}, retrying each as {@code retry} says. */
    public DmsKinesisHandler(EventHandler changes, Retry retry) {
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
        try (ChangeReader events = ChangeReaders.open(in, "kinesis-event.json", "dms-json", ReadOptions.defaults())) {
            RouteResult result = router.route(events);
            out.write(BatchResponse.forStream(result).toJson().getBytes(StandardCharsets.UTF_8));
        }
    }
}
