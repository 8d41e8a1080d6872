package io.cdcsdk.kafka.examples;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.kafka.RecordCoordinates;
import io.cdcsdk.router.DeadLetterHandler;
import io.cdcsdk.router.FailedEvent;
import io.cdcsdk.router.FailurePolicy;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * A consumer-group worker that routes DMS changes with the router, one partition's batch at a time,
 * and commits offsets only up to the last event that is handled or dead-lettered, never past one
 * that is neither. The consumer reads values with {@code ChangeEventDeserializer} and
 * {@code enable.auto.commit=false}; run one worker per consumer, each on its own thread.
 *
 * <p>The router runs with {@link FailurePolicy#PER_KEY}: after an event fails (after its retries),
 * the later events of its key are not handled and go to the dead-letter handler too, so a key's
 * order holds while other keys go on. An event is done when it was handled, ignored as unrouted, or
 * accepted by the dead-letter handler. After each batch the worker commits, per partition, the
 * offset after the longest run of done events; when an event is not done (its dead-letter handler
 * threw), it seeks back to it, so it and everything after it in the partition come again: delivery
 * is at least once, in order per partition. A message no reader could read under
 * {@code cdc.on-error=fail} reaches the worker as a {@link RecordDeserializationException}, which
 * names the topic, partition and offset; its raw record goes to {@code rawDeadLetter} and the worker
 * moves past it.
 */
public final class RoutingWorker implements Runnable {
    /** Where messages that could not be read go. */
    public interface RawDeadLetter {
        /**
         * Takes a message that could not be read.
         *
         * @param error names the topic, partition and offset, and holds the raw key and value
         * @throws Exception when the message could not be kept; the worker then stops
         */
        void accept(RecordDeserializationException error) throws Exception;
    }

    private final Consumer<String, ChangeEvent> consumer;
    private final String topic;
    private final Router router;
    private final RawDeadLetter rawDeadLetter;
    private final Set<Object> deadLettered = ConcurrentHashMap.newKeySet();
    private volatile boolean stop;
    private volatile boolean abandon;

    /**
     * A worker for one consumer.
     *
     * @param consumer      a consumer of the group, not subscribed yet, without auto-commit
     * @param topic         the topic to read
     * @param routes        the routes; the worker sets the failure policy and the dead-letter handler
     * @param deadLetter    takes failed events (and the events of their key after them)
     * @param rawDeadLetter takes messages that could not be read
     */
    public RoutingWorker(Consumer<String, ChangeEvent> consumer, String topic, Router.Builder routes,
                         DeadLetterHandler deadLetter, RawDeadLetter rawDeadLetter) {
        this.consumer = consumer;
        this.topic = topic;
        this.rawDeadLetter = rawDeadLetter;
        this.router = routes.failurePolicy(FailurePolicy.PER_KEY)
                .deadLetter(failure -> {
                    deadLetter.accept(failure);
                    deadLettered.add(offsetOf(failure.event())); // only when the handler did not throw
                })
                .build();
    }

    /** Asks the worker to stop after its current batch, which it commits; then it closes the consumer. */
    public void stop() {
        stop = true;
    }

    /**
     * Asks the worker to stop after handling its current batch without committing it, as a process
     * that dies would; the group then gives the batch to another consumer.
     */
    public void abandon() {
        abandon = true;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!stop) {
                ConsumerRecords<String, ChangeEvent> records;
                try {
                    records = consumer.poll(Duration.ofMillis(100));
                } catch (RecordDeserializationException unreadable) {
                    rawDeadLetter.accept(unreadable);
                    long next = unreadable.offset() + 1;
                    consumer.seek(unreadable.topicPartition(), next);
                    consumer.commitSync(Map.of(unreadable.topicPartition(), new OffsetAndMetadata(next)));
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    long next = route(records.records(partition));
                    commits.put(partition, new OffsetAndMetadata(next));
                    long last = records.records(partition).get(records.records(partition).size() - 1).offset();
                    if (next <= last) {
                        consumer.seek(partition, next); // not done: comes again, and what follows it
                    }
                }
                if (abandon) {
                    return; // finally closes without committing
                }
                if (!commits.isEmpty()) {
                    consumer.commitSync(commits);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("worker stopped", e);
        } finally {
            consumer.close();
        }
    }

    /** Routes one partition's records; {@return the offset after the longest run of done events} */
    private long route(List<ConsumerRecord<String, ChangeEvent>> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, ChangeEvent> record : records) {
            ChangeEvent event = RecordCoordinates.locate(record);
            if (event != null) { // null: a tombstone, or a message skipped under cdc.on-error=skip
                events.add(event);
            }
        }
        deadLettered.clear();
        RouteResult result = router.route(events);
        long firstNotDone = Long.MAX_VALUE;
        for (FailedEvent failure : result.failures()) {
            Object offset = offsetOf(failure.event());
            if (!deadLettered.contains(offset)) {
                firstNotDone = Math.min(firstNotDone, ((BigDecimal) offset).longValueExact());
            }
        }
        for (ChangeEvent notAttempted : result.notAttempted()) {
            firstNotDone = Math.min(firstNotDone, ((BigDecimal) offsetOf(notAttempted)).longValueExact());
        }
        return firstNotDone != Long.MAX_VALUE ? firstNotDone : records.get(records.size() - 1).offset() + 1;
    }

    private static Object offsetOf(ChangeEvent event) {
        return event.meta().get(RecordCoordinates.META_OFFSET);
    }
}
