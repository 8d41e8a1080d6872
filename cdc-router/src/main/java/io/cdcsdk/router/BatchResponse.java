package io.cdcsdk.router;

import io.cdcsdk.router.FailedEvent.Stage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Lambda partial batch response ({@code ReportBatchItemFailures}) from a {@link RouteResult}, as
 * a plain map or JSON, so no Lambda library is needed:
 * {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}.
 *
 * <p>Every unhandled event (failed, or not attempted after a stop) is reported, in the order it was
 * seen. For DynamoDB Streams and Kinesis, Lambda resumes from the lowest reported sequence number,
 * so every unhandled event is re-delivered and nothing unhandled is skipped; handled events after
 * the first unhandled one are re-delivered too (at-least-once). For SQS, exactly the reported
 * messages return to the queue. An empty list means the whole batch succeeded.
 *
 * <p>Records that could not be decoded ({@link Stage#DECODE}) have no identifier; when there is
 * one, the response cannot be made precise and {@link RoutingException} is thrown, so the caller
 * can fail the whole invocation (Lambda then retries the whole batch).
 */
public final class BatchResponse {
    /** The meta entry that carries an SQS message id. */
    public static final String META_MESSAGE_ID = "messageId";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> itemIdentifiers;

    private BatchResponse(List<String> itemIdentifiers) {
        this.itemIdentifiers = List.copyOf(itemIdentifiers);
    }

    /**
     * The response for DynamoDB Streams and Kinesis: identifiers are the events' sequence numbers
     * ({@link ChangeEvent#position()}).
     *
     * @param result the run to report
     * @return the response
     * @throws RoutingException when an unhandled event has no identifier, or a record could not be
     *                          decoded; then its cause is the decode error
     */
    public static BatchResponse forStream(RouteResult result) {
        return of(result, ChangeEvent::position);
    }

    /**
     * The response for SQS: identifiers are the events' {@code messageId} meta entries
     * ({@link #META_MESSAGE_ID}).
     *
     * @param result the run to report
     * @return the response
     * @throws RoutingException when an unhandled event has no identifier, or a record could not be
     *                          decoded; then its cause is the decode error
     */
    public static BatchResponse forSqs(RouteResult result) {
        return of(result, e -> e.meta().get(META_MESSAGE_ID) instanceof String s ? s : null);
    }

    /**
     * The response with a user-supplied item identifier (sequence number for streams, message id
     * for SQS).
     *
     * @param result         the run to report
     * @param itemIdentifier an unhandled event's identifier; {@code null} or empty when it has none
     * @return the response; an identifier that several events share is reported once
     * @throws RoutingException when an unhandled event has no identifier, or a record could not be
     *                          decoded; then its cause is the decode error (a {@link ChangeReadException}
     *                          from the library's readers)
     */
    public static BatchResponse of(RouteResult result, Function<ChangeEvent, String> itemIdentifier) {
        Objects.requireNonNull(itemIdentifier, "itemIdentifier");
        for (FailedEvent f : result.failures()) {
            if (f.event() == null) {
                String what = f.error() instanceof ChangeReadException cre ? cre.kind().toString() : f.errorClass();
                String where = f.origin().describe();
                throw new RoutingException("a record could not be decoded (" + what
                        + (where.isEmpty() ? "" : " at " + where) + "), so it has no item identifier;"
                        + " fail the whole batch", f.error());
            }
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (ChangeEvent e : result.unhandled()) {
            String id = itemIdentifier.apply(e);
            if (id == null || id.isEmpty()) {
                throw new RoutingException("an unhandled event has no item identifier: " + e);
            }
            ids.add(id);
        }
        return new BatchResponse(new ArrayList<>(ids));
    }

    /** {@return the reported identifiers, unmodifiable, in the order their events were seen} */
    public List<String> itemIdentifiers() {
        return itemIdentifiers;
    }

    /** {@return whether nothing is reported (the whole batch succeeded)} */
    public boolean isEmpty() {
        return itemIdentifiers.isEmpty();
    }

    /**
     * {@return the response as {@code {"batchItemFailures": [{"itemIdentifier": id}, ...]}}} The
     * maps and the list are new, mutable copies, for a Lambda runtime that serializes the
     * handler's return value.
     */
    public Map<String, Object> asMap() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String id : itemIdentifiers) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("itemIdentifier", id);
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batchItemFailures", items);
        return out;
    }

    /**
     * {@return the response as JSON, in the shape of {@link #asMap()}} Write it to the output
     * stream of a {@code RequestStreamHandler}.
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(asMap());
        } catch (JsonProcessingException e) {
            throw new RoutingException("cannot write the batch response", e);
        }
    }

    /** {@return the reported identifiers, for logs: {@code BatchResponse[id, ...]}} */
    @Override
    public String toString() {
        return "BatchResponse" + itemIdentifiers;
    }
}
