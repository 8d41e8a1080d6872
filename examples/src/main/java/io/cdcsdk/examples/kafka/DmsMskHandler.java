package io.cdcsdk.examples.kafka;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.router.FailedEvent;
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
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda handler for DMS's Kafka target through an Amazon MSK (or self-managed Kafka) event source:
 * each record's base64 {@code value} is a DMS JSON message, read with the {@code dms-json} adapter,
 * and every event carries its record's {@code topic-partition@offset}
 * ({@link ChangeEvent#META_ENVELOPE_ID}). The records of one partition are in order, so the router
 * keys each change by its topic-partition: a failed change blocks the rest of its partition, and the
 * other partitions go on ({@link FailurePolicy#PER_KEY}).
 *
 * <p>Lambda's Kafka event sources take no partial batch answer: when a change fails or a record
 * cannot be decoded (the rest are still read), the handler throws an exception naming the records
 * by {@code topic-partition@offset}, never by their values, and Lambda retries the batch; give the
 * event source mapping a retry limit and an on-failure destination so that a poison record is moved
 * aside. Handlers should therefore be idempotent.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.kafka.DmsMskHandler::handleRequest}, an MSK (or
 * self-managed Kafka) event source mapping on the DMS target's topic.
 */
public class DmsMskHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DmsMskHandler.class);

    private final Router router;

    /** The handler Lambda instantiates: logs each change's table, operation and record. */
    public DmsMskHandler() {
        this(e -> LOG.info("{} {} at {}", e.op(), e.source().qualifiedTable(), e.meta().get(ChangeEvent.META_ENVELOPE_ID)),
                Retry.attempts(3, Duration.ofMillis(100)));
    }

    /** A handler passing every data change to {@code changes}, retrying each as {@code retry} says. */
    public DmsMskHandler(EventHandler changes, Retry retry) {
        this.router = Router.builder()
                .failurePolicy(FailurePolicy.PER_KEY)
                .key(DmsMskHandler::partition)
                .unrouted(Unrouted.IGNORE)
                .retry(retry)
                .on(Tables.any(), Operation.SNAPSHOT, Operation.INSERT, Operation.UPDATE, Operation.DELETE)
                .to(Objects.requireNonNull(changes, "changes"))
                .build();
    }

    /** The topic-partition of a change's record: its {@code topic-partition@offset} up to the offset. */
    static Object partition(ChangeEvent e) {
        String id = (String) e.meta().get(ChangeEvent.META_ENVELOPE_ID);
        return id.substring(0, id.lastIndexOf('@'));
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        RouteResult result = router.route(skipped -> ChangeReaders.open(in, "kafka-event.json", "dms-json",
                ReadOptions.defaults().skipOnError(skipped)));
        if (!result.isSuccess()) {
            Set<String> records = new LinkedHashSet<>();
            for (FailedEvent f : result.failures()) {
                records.add(f.event() != null ? String.valueOf(f.event().meta().get(ChangeEvent.META_ENVELOPE_ID))
                        : f.error() instanceof io.cdcsdk.core.ChangeReadException e ? e.envelopeId().orElse("?") : "?");
            }
            throw new IllegalStateException(result.failed() + " change(s) failed, in records " + records
                    + "; the batch will be retried");
        }
        out.write(("{\"changes\":" + result.handled() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
