package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.spi.ReadContext;
import java.math.BigDecimal;
import java.time.Instant;

/** Builds stream-record JSON trees from objects of other libraries, to map them like parsed records. */
public final class RecordNodes {
    private static final StreamRecords RECORDS = new StreamRecords(StreamRecords.effective(Limits.DEFAULTS), null, false);

    private RecordNodes() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return AttrCodec.NODES.objectNode();
    }

    /** Epoch seconds, exact, of an instant. */
    public static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9))
                .stripTrailingZeros();
    }

    /** Maps a record tree; the event's meta gets the position's origin. */
    public static ChangeEvent map(JsonNode record, String path, Position position, String table) {
        ChangeEvent e = RECORDS.element(record, path, position, table);
        ChangeEvent.Builder b = e.toBuilder();
        ReadContext.stampOrigin(b, position);
        return b.build();
    }
}
