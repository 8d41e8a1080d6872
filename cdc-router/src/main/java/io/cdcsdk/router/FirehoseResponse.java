package io.cdcsdk.router;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.internal.EnvelopeItems;
import io.cdcsdk.core.internal.EnvelopeItems.Item;
import io.cdcsdk.core.internal.EnvelopeReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a Firehose data-transformation invocation: every record of the event answered
 * exactly once, by its {@code recordId}, as Firehose requires:
 * {@code {"records":[{"recordId":"...","result":"Ok","data":"<base64>"}, ...]}}.
 *
 * <pre>{@code
 * FirehoseResponse.transform(in, "dms-json", ReadOptions.defaults(),
 *         event -> (ChangeEventJson.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8))
 *     .writeTo(out);
 * }</pre>
 *
 * <p>Each record's payload is read as any input is ({@link FormatRegistry#open(InputStream, String,
 * String, ReadOptions)}), and each of its events, carrying the record's id as
 * {@link ChangeEvent#META_ENVELOPE_ID}, is given to the {@link Transformation}:
 * <ul>
 * <li>{@code Ok}, with the concatenated outputs, when every event was transformed and at least one
 *     gave output;</li>
 * <li>{@code Dropped} when the record holds no events, or the transformation gave {@code null} for
 *     every one (a control record, a table not wanted);</li>
 * <li>{@code ProcessingFailed}, with the original data, when the payload cannot be decoded or the
 *     transformation throws for one of its events: Firehose then delivers the record to its
 *     {@code processing-failed} prefix.</li>
 * </ul>
 * The response stays within Lambda's limit of {@value #MAX_BYTES} bytes: should the transformed
 * records not fit, those whose output grew most are answered {@code ProcessingFailed} with their
 * original data instead, which is never larger than the invocation. A record from an MSK source is
 * answered with {@code kafkaRecordValue} rather than {@code data}, as Firehose asks. Only an event
 * that is not a Firehose event at all (not JSON, an item without {@code recordId}) throws.
 */
public final class FirehoseResponse {
    /** The largest response a synchronously invoked Lambda function may return, in bytes (6 MB). */
    public static final long MAX_BYTES = 6L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FirehoseResponse.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** {"records":[ and ]}. */
    private static final int FRAME_BYTES = "{\"records\":[]}".length();

    private final List<Record> records;

    private FirehoseResponse(List<Record> records) {
        this.records = List.copyOf(records);
    }

    /** What Firehose is told about a record. */
    public enum Result {
        /** Transformed: the data is the output. */
        OK("Ok"),
        /** Dropped on purpose: counted as processed, nothing delivered. */
        DROPPED("Dropped"),
        /** Not transformed: the data is the original, delivered to the error output. */
        PROCESSING_FAILED("ProcessingFailed");

        private final String wireName;

        Result(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the name Firehose knows: {@code Ok}, {@code Dropped} or {@code ProcessingFailed}} */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * The answer for one record.
     *
     * @param recordId the record's id, as the event gave it
     * @param result   what became of it
     * @param data     the base64 data: the output for {@code Ok}, the original for
     *                 {@code ProcessingFailed}, empty for {@code Dropped}
     * @param field    the member the data goes in: {@code data}, or {@code kafkaRecordValue} for a
     *                 record from an MSK source
     */
    public record Record(String recordId, Result result, String data, String field) {
        /**
         * Checks that every component is given.
         *
         * @param recordId the record's id
         * @param result   what became of it
         * @param data     the base64 data
         * @param field    the member the data goes in
         */
        public Record {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(field, "field");
        }

        private int jsonBytes() {
            return entry(this).length;
        }
    }

    /** Turns one event into the bytes to deliver for it. */
    @FunctionalInterface
    public interface Transformation {
        /**
         * {@return the output for the event, or {@code null} to leave it out}
         *
         * @param event an event of the record
         * @throws Exception when the event cannot be transformed: its record is answered
         *                   {@code ProcessingFailed}
         */
        byte @Nullable [] apply(ChangeEvent event) throws Exception;
    }

    /**
     * Reads a Firehose data-transformation event and transforms the events of each record.
     *
     * @param event          the invocation's input
     * @param format         the payloads' format, or {@code null} to detect it for each record
     * @param options        limits and adapter settings for the payloads; the error policy is
     *                       ignored: a record that cannot be decoded fails as a whole
     * @param transformation the output of each event
     * @return the response, one record per record of the event, in the same order
     * @throws IOException         when the input cannot be read
     * @throws ChangeReadException when the input is not a Firehose event, or a record has no
     *                             {@code recordId}
     */
    public static FirehoseResponse transform(InputStream event, @Nullable String format, ReadOptions options,
                                             Transformation transformation) throws IOException {
        Objects.requireNonNull(transformation, "transformation");
        ReadOptions payloadOptions = options.failOnError();
        List<Record> out = new ArrayList<>();
        List<Record> fallbacks = new ArrayList<>();
        try (EnvelopeItems items = EnvelopeItems.of(event, "firehose-event", options.limits())) {
            Item item;
            while ((item = items.next()) != null) {
                if (item.id() == null || !EnvelopeItems.FIREHOSE.equals(item.kind())) {
                    throw item.failure() != null ? item.failure() : new ChangeReadException(
                            ChangeReadException.Kind.UNSUPPORTED, item.position(), "not a Firehose record");
                }
                String field = item.payloadField() == null ? "data" : item.payloadField();
                String original = item.encodedPayload() == null ? "" : item.encodedPayload();
                Record failed = new Record(item.id(), Result.PROCESSING_FAILED, original, field);
                fallbacks.add(failed);
                if (item.failure() != null) {
                    LOG.warn("Firehose record {} cannot be decoded: {}", item.id(), item.failure().detail());
                    out.add(failed);
                    continue;
                }
                out.add(transform(item, format, payloadOptions, transformation, failed));
            }
        }
        return new FirehoseResponse(fit(out, fallbacks));
    }

    private static Record transform(Item item, @Nullable String format, ReadOptions options,
                                    Transformation transformation, Record failed) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        boolean any = false;
        try (ChangeReader reader = FormatRegistry.discover().open(new ByteArrayInputStream(item.payload()),
                item.position().sourceName(), format, options)) {
            while (reader.hasNext()) {
                byte[] bytes = transformation.apply(EnvelopeReader.stamp(reader.next(), item));
                if (bytes != null) {
                    output.write(bytes);
                    any = true;
                }
            }
        } catch (Exception e) {
            LOG.warn("Firehose record {} failed: {}", item.id(), e instanceof ChangeReadException cre
                    ? cre.kind() + ": " + cre.detail() : e.getClass().getName());
            return failed;
        }
        return any ? new Record(item.id(), Result.OK, Base64.getEncoder().encodeToString(output.toByteArray()),
                failed.field()) : new Record(item.id(), Result.DROPPED, "", failed.field());
    }

    /** The records, with those that grew most failed back to their original data until the whole fits. */
    private static List<Record> fit(List<Record> records, List<Record> fallbacks) {
        long total = FRAME_BYTES + Math.max(0, records.size() - 1);
        int[] sizes = new int[records.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = records.get(i).jsonBytes();
            total += sizes[i];
        }
        if (total <= MAX_BYTES) {
            return records;
        }
        List<Integer> growing = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            if (records.get(i).result() == Result.OK) {
                growing.add(i);
            }
        }
        int[] fallbackSizes = new int[sizes.length];
        for (int i : growing) {
            fallbackSizes[i] = fallbacks.get(i).jsonBytes();
        }
        growing.sort(Comparator.comparingLong((Integer i) -> sizes[i] - (long) fallbackSizes[i]).reversed());
        List<Record> fitted = new ArrayList<>(records);
        for (int i : growing) {
            if (total <= MAX_BYTES) {
                break;
            }
            Record r = fitted.get(i);
            LOG.warn("Firehose record {} is answered ProcessingFailed: the transformed records exceed {} bytes",
                    r.recordId(), MAX_BYTES);
            total += fallbackSizes[i] - sizes[i];
            fitted.set(i, fallbacks.get(i));
        }
        return fitted;
    }

    /** {@return the answers, one per record of the event, in its order; unmodifiable} */
    public List<Record> records() {
        return records;
    }

    /** {@return the response as the JSON Firehose reads} */
    public String toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes the response as JSON, for a {@code RequestStreamHandler}; the stream is not closed.
     *
     * @param out where to write
     * @throws IOException when writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write("{\"records\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(entry(records.get(i)));
        }
        out.write("]}".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] entry(Record r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(r.data().length() + r.recordId().length() + 48);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("recordId", r.recordId());
            g.writeStringField("result", r.result().wireName());
            g.writeStringField(r.field(), r.data());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@return how many records got each result, for logs} */
    @Override
    public String toString() {
        long ok = records.stream().filter(r -> r.result() == Result.OK).count();
        long dropped = records.stream().filter(r -> r.result() == Result.DROPPED).count();
        return "FirehoseResponse[records=" + records.size() + ", ok=" + ok + ", dropped=" + dropped
                + ", processingFailed=" + (records.size() - ok - dropped) + "]";
    }
}
