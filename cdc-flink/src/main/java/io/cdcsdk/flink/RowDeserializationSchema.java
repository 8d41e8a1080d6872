package io.cdcsdk.flink;

import io.cdcsdk.core.ChangeReadException;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/** The SQL format's rows of one message: its events read as {@link ChangeEventDeserializationSchema} does, then converted. */
final class RowDeserializationSchema implements DeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final ChangeEventDeserializationSchema events;
    private final RowConverter converter;
    private final TypeInformation<RowData> type;

    RowDeserializationSchema(ChangeEventDeserializationSchema events, RowConverter converter, TypeInformation<RowData> type) {
        this.events = events;
        this.converter = converter;
        this.type = type;
    }

    @Override
    public void open(InitializationContext context) {
        events.open(context);
    }

    @Override
    public void deserialize(byte[] message, Collector<RowData> out) throws IOException {
        events.read(message, event -> {
            RowData row;
            try {
                row = converter.map(event, event.origin());
            } catch (ChangeReadException e) {
                if (!events.ignoresParseErrors()) {
                    throw e;
                }
                events.skipped();
                return;
            }
            if (row != null) {
                out.collect(row);
            }
        });
    }

    @Override
    public RowData deserialize(byte[] message) throws IOException {
        throw new IOException("one message may give several rows; use deserialize(byte[], Collector)");
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return type;
    }
}
