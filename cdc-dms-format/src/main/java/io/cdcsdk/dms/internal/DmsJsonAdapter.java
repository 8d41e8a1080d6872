package io.cdcsdk.dms.internal;

import io.cdcsdk.dms.DmsJsonSettings;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;

import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code dms-json} format: DMS records with the {@code {"data", "metadata"}} envelope (Kinesis
 * and Kafka targets, Firehose objects in S3), pretty-printed or single-line, one per line or
 * concatenated, or wrapped in an array. Also reads Kinesis capture dumps whose {@code data} member
 * holds the record text, and OpenSearch hits whose {@code _source} is a DMS record.
 *
 * <p>Settings: {@link DmsJsonSettings} as a read option extension. {@link io.cdcsdk.dms.TableDefinitions},
 * when given, supply a table's key until a control record does, and its {@code nullMeansUnavailable}
 * columns: an update that gives one of them as null or leaves it out has it as unavailable.
 */
public final class DmsJsonAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "dms-json";

    /** Creates the adapter (used by {@link java.util.ServiceLoader}). */
    public DmsJsonAdapter() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@code CERTAIN} when the start of the input is JSON with a {@code "metadata"} member and a
     * {@code "record-type"} member, {@code CONTENT} when it has {@code "metadata"} and an
     * {@code "operation"}.
     */
    @Override
    public Detection detect(Head head) {
        try {
            char c = head.firstSignificantChar();
            if (c != '{' && c != '[') {
                return Detection.NO;
            }
            String t = head.text();
            boolean metadata = t.contains("\"metadata\"") || t.contains("\\\"metadata\\\"");
            if (!metadata) {
                return Detection.NO;
            }
            if (t.contains("\"record-type\"") || t.contains("\\\"record-type\\\"")) {
                return Detection.CERTAIN;
            }
            if (t.contains("\"operation\"") || t.contains("\\\"operation\\\"")) {
                return Detection.CONTENT;
            }
            return Detection.NO;
        } catch (RuntimeException e) {
            return Detection.NO;
        }
    }

    /** {@inheritDoc} */
    @Override
    public ChangeReader open(InputStream in, ReadContext context) throws IOException {
        return new DmsJsonReader(in, context);
    }
}
