package io.cdcsdk.examples.kinesis;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.router.BatchResponse;
import io.cdcsdk.router.Router.EventHandler;
import io.cdcsdk.router.FailurePolicy;
import io.cdcsdk.router.Retry;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import io.cdcsdk.router.Tables;
import io.cdcsdk.router.Unrouted;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda handler for Kinesis events whose records carry AWS DMS changes (a DMS task with a
 * Kinesis target, {@code MessageFormat: json}), answering with partial batch failures.
 *
 * <p>Each Kinesis record's {@code data} is base64; decoded, it is the DMS JSON envelope
 * ({@code {"data": {...}, "metadata": {...}}}), read with the {@code dms-json} adapter. Every event
 * gets the Kinesis sequence number as its position, so {@link BatchResponse#forStream} names the
 * records to re-deliver. Data changes of every table go to one {@link EventHandler}; control records
 * (create table, drop...) are ignored. The router stops at the first failure (a shard is ordered),
 * and a record that cannot be decoded is reported with everything after it: Lambda resumes from the
 * lowest reported sequence number.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.kinesis.DmsKinesisHandler::handleRequest}, a Kinesis
 * event source mapping with {@code FunctionResponseTypes: ReportBatchItemFailures} (add
 * {@code BisectBatchOnFunctionError} and a {@code MaximumRetryAttempts} so a poison record cannot
 * block the shard for ever). Logs name records by sequence number, never by their values.
 */
public class DmsKinesisHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DmsKinesisHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FormatRegistry FORMATS = FormatRegistry.discover();

    private final Router router;

    /** The handler Lambda instantiates: logs each change's table, operation and position. */
    public DmsKinesisHandler() {
        this(e -> LOG.info("{} {} at {}", e.op(), e.source().qualifiedTable(), e.position()),
                Retry.attempts(3, Duration.ofMillis(100)));
    }

    /** A handler passing every data change to {@code changes}, retrying each as {@code retry} says. */
    public DmsKinesisHandler(EventHandler changes, Retry retry) {
        Objects.requireNonNull(changes, "changes");
        this.router = Router.builder()
                .failurePolicy(FailurePolicy.STOP)
                .unrouted(Unrouted.IGNORE)
                .retry(retry)
                .on(Tables.any(), Operation.SNAPSHOT, Operation.INSERT, Operation.UPDATE, Operation.DELETE).to(changes)
                .build();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode records = MAPPER.readTree(in).path("Records");
        List<ChangeEvent> events = new ArrayList<>();
        Set<String> undecoded = new LinkedHashSet<>();
        for (JsonNode record : records) {
            String sequence = record.path("kinesis").path("sequenceNumber").asText();
            if (!undecoded.isEmpty()) {
                undecoded.add(sequence); // after an undecodable record: re-delivered anyway
                continue;
            }
            try {
                events.addAll(decode(record, sequence));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Kinesis record {} could not be decoded: {}", sequence, e.getClass().getSimpleName());
                undecoded.add(sequence);
            }
        }
        RouteResult result = router.route(events);
        // One Kinesis record may hold several events: report each sequence number once.
        Set<String> failures = new LinkedHashSet<>(BatchResponse.forStream(result).itemIdentifiers());
        failures.addAll(undecoded);
        ObjectNode response = MAPPER.createObjectNode();
        ArrayNode items = response.putArray("batchItemFailures");
        failures.forEach(id -> items.addObject().put("itemIdentifier", id));
        MAPPER.writeValue(out, response);
    }

    /** The events of one Kinesis record, positioned at its sequence number. */
    private static List<ChangeEvent> decode(JsonNode record, String sequence) throws IOException {
        byte[] payload = Base64.getDecoder().decode(record.path("kinesis").path("data").asText());
        List<ChangeEvent> events = new ArrayList<>();
        try (ChangeReader reader = FORMATS.open(new ByteArrayInputStream(payload), "kinesis:" + sequence, "dms-json",
                ReadOptions.defaults())) {
            while (reader.hasNext()) {
                events.add(reader.next().toBuilder().position(sequence).build());
            }
        }
        return events;
    }
}
