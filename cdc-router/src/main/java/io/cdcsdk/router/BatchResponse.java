package io.cdcsdk.router;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Lambda partial batch response ({@code ReportBatchItemFailures}) from a {@link RouteResult}, as
 * a plain map or JSON, so no Lambda library is needed:
 * {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}.
 *
 * <p>Items are named by identity: an event read from a Lambda event carries its item's identity
 * ({@link ChangeEvent#META_ENVELOPE_ID}: the Kinesis sequence number, the SQS {@code messageId}),
 * and so does a record whose payload could not be decoded
 * ({@link ChangeReadException#envelopeId()}), so a poison record is reported alone and never fails
 * the whole batch. Every item with an unhandled event (failed, or not attempted after a stop) or an
 * undecodable payload is reported once, in the order it was seen. For DynamoDB Streams and Kinesis,
 * Lambda resumes from the lowest reported sequence number, so nothing unhandled is skipped and
 * handled items after the first unhandled one come again (at-least-once); with
 * {@code BisectBatchOnFunctionError}, {@code MaximumRetryAttempts} and an on-failure destination,
 * Lambda moves a poison record aside while the rest of the shard flows. For SQS, exactly the
 * reported messages return to the queue. An empty list means the whole batch succeeded.
 *
 * <p>For SQS, route the event with {@link Router#route(Router.Input)}, so that a message that cannot
 * be decoded is reported and the messages after it are still read; a reader under
 * {@link io.cdcsdk.core.OnError#FAIL} ends at the first bad record, which is enough for a stream
 * (Lambda resumes from it) but would leave the messages after it unseen.
 *
 * <p>Only a record without an identity (a Lambda event that cannot be read at all, an input that is
 * not a Lambda event) makes the response impossible: {@link RoutingException} is thrown, so the
 * caller can fail the whole invocation (Lambda then retries the whole batch).
 */
public final class BatchResponse {
    // jackson-core only: answering a batch must not load a data binder the handler may never need
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String FAILURES = "batchItemFailures";
    private static final String ITEM = "itemIdentifier";

    private final List<String> itemIdentifiers;

    private BatchResponse(List<String> itemIdentifiers) {
        this.itemIdentifiers = List.copyOf(itemIdentifiers);
    }

    /**
     * The response for DynamoDB Streams and Kinesis: an event's identifier is its item's identity
     * ({@link ChangeEvent#META_ENVELOPE_ID}), or else its {@link ChangeEvent#position()}, which is
     * the sequence number of a DynamoDB stream record.
     *
     * @param result the run to report
     * @return the response
     * @throws RoutingException when an unhandled event or an undecodable record has no identifier;
     *                          for a record, its cause is the decode error
     */
    public static BatchResponse forStream(RouteResult result) {
        return of(result, e -> e.meta().get(ChangeEvent.META_ENVELOPE_ID) instanceof String s ? s : e.position());
    }

    /**
     * The response for SQS: an event's identifier is its message's {@code messageId}
     * ({@link ChangeEvent#META_ENVELOPE_ID}).
     *
     * @param result the run to report
     * @return the response
     * @throws RoutingException when an unhandled event or an undecodable record has no identifier;
     *                          for a record, its cause is the decode error
     */
    public static BatchResponse forSqs(RouteResult result) {
        return of(result, e -> e.meta().get(ChangeEvent.META_ENVELOPE_ID) instanceof String s ? s : null);
    }

    /**
     * The response with a user-supplied identifier for events; a record that could not be decoded
     * is named by its {@link ChangeReadException#envelopeId()}.
     *
     * @param result         the run to report
     * @param itemIdentifier an unhandled event's identifier; {@code null} or empty when it has none
     * @return the response; an identifier that several events share is reported once
     * @throws RoutingException when an unhandled event has no identifier, or a record could not be
     *                          decoded and has no envelope identity; then its cause is the decode
     *                          error (a {@link ChangeReadException} from the library's readers)
     */
    public static BatchResponse of(RouteResult result, Function<ChangeEvent, String> itemIdentifier) {
        Objects.requireNonNull(itemIdentifier, "itemIdentifier");
        TreeMap<Long, String> byIndex = new TreeMap<>();
        for (FailedEvent f : result.failures()) {
            if (f.event() == null) {
                byIndex.put(f.index(), decodeFailureId(f));
            } else {
                byIndex.put(f.index(), eventId(f.event(), itemIdentifier));
            }
        }
        for (SkippedEvent s : result.skippedEvents()) {
            if (s.reason() == SkippedEvent.Reason.NOT_ATTEMPTED) {
                byIndex.put(s.index(), eventId(s.event(), itemIdentifier));
            }
        }
        return new BatchResponse(new ArrayList<>(new LinkedHashSet<>(byIndex.values())));
    }

    /**
     * {@return a response reporting these items} For a handler that tracks its items itself, for
     * example one that reads the S3 objects an SQS message announces.
     *
     * @param itemIdentifiers the items to re-deliver; repeated ones are reported once
     */
    public static BatchResponse reporting(Collection<String> itemIdentifiers) {
        for (String id : itemIdentifiers) {
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException("an item identifier is null or empty");
            }
        }
        return new BatchResponse(new ArrayList<>(new LinkedHashSet<>(itemIdentifiers)));
    }

    private static String decodeFailureId(FailedEvent f) {
        if (f.error() instanceof ChangeReadException cre && cre.envelopeId().isPresent()) {
            return cre.envelopeId().get();
        }
        String what = f.error() instanceof ChangeReadException cre ? cre.kind().toString() : f.errorClass();
        String where = f.origin().describe();
        throw new RoutingException("a record could not be decoded (" + what
                + (where.isEmpty() ? "" : " at " + where) + ") and names no item of a Lambda event;"
                + " fail the whole batch", f.error());
    }

    private static String eventId(ChangeEvent e, Function<ChangeEvent, String> itemIdentifier) {
        String id = itemIdentifier.apply(e);
        if (id == null || id.isEmpty()) {
            throw new RoutingException("an unhandled event has no item identifier: " + e);
        }
        return id;
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
            item.put(ITEM, id);
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(FAILURES, items);
        return out;
    }

    /**
     * {@return the response as JSON, in the shape of {@link #asMap()}} Write it to the output
     * stream of a {@code RequestStreamHandler}.
     */
    public String toJson() {
        StringWriter out = new StringWriter(32 + 40 * itemIdentifiers.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart(FAILURES);
            for (String id : itemIdentifiers) {
                g.writeStartObject();
                g.writeStringField(ITEM, id);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** {@return the reported identifiers, for logs: {@code BatchResponse[id, ...]}} */
    @Override
    public String toString() {
        return "BatchResponse" + itemIdentifiers;
    }
}
