package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.JsonFrame;
import io.cdcsdk.core.spi.JsonFrameReader;
import io.cdcsdk.core.spi.JsonSupport;
import io.cdcsdk.core.spi.ReadContext;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads every envelope of DynamoDB stream records: Lambda events and GetRecords responses
 * ({@code Records}), single records, EventBridge Pipes arrays and events, and Kinesis records
 * carrying Kinesis Data Streams for DynamoDB payloads. Each element of {@code Records} is a record
 * of its own: a bad one fails alone.
 */
public final class StreamReader extends AbstractChangeReader {
    private final JsonFrameReader frames;
    private final Limits limits;
    private final StreamRecords records;
    private final String sourceName;
    private final String defaultTable;
    private long ordinal;

    private JsonNode pending;
    private int pendingIndex;
    private String pendingPath;
    private String pendingTable;
    private long pendingLine;

    public StreamReader(InputStream in, ReadContext context, String defaultTable, boolean kinesisMicros) {
        this(new JsonFrameReader(in, context.sourceName(), StreamRecords.effective(context.options().limits())),
                context, defaultTable, kinesisMicros);
    }

    private StreamReader(JsonFrameReader frames, ReadContext context, String defaultTable, boolean kinesisMicros) {
        super(context, frames);
        this.frames = frames;
        this.limits = StreamRecords.effective(context.options().limits());
        this.records = new StreamRecords(limits, defaultTable, kinesisMicros);
        this.sourceName = context.sourceName();
        this.defaultTable = defaultTable;
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        while (true) {
            if (pending != null) {
                if (pendingIndex < pending.size()) {
                    int i = pendingIndex++;
                    Position position = new Position(sourceName, pendingLine, -1, ++ordinal);
                    markPosition(position);
                    return records.element(pending.get(i), pendingPath + "[" + i + "]", position, pendingTable);
                }
                pending = null;
            }
            JsonFrame frame;
            try {
                frame = frames.next();
            } catch (ChangeReadException e) {
                Position p = new Position(sourceName, e.position().line(), e.position().byteOffset(), ++ordinal);
                markPosition(p);
                throw e.isInputBroken() ? ChangeReadException.inputBroken(e.kind(), p, e.detail(), e.getCause())
                        : new ChangeReadException(e.kind(), p, e.detail(), e.getCause());
            }
            if (frame == null) {
                return null;
            }
            Position fp = frame.position();
            Position position = new Position(sourceName, fp.line(), fp.byteOffset(), ordinal + 1);
            markPosition(position);
            JsonNode node;
            try {
                node = JsonSupport.parse(frame, limits);
            } catch (ChangeReadException e) {
                ordinal++;
                throw e;
            }
            JsonNode recs = node.isObject() ? node.get("Records") : null;
            if (recs != null && recs.isArray()) {
                pending = recs;
                pendingIndex = 0;
                pendingPath = "$.Records";
                pendingLine = fp.line();
                JsonNode arn = node.get("eventSourceARN");
                pendingTable = arn != null && arn.isTextual() ? StreamRecords.tableFromArn(arn.textValue()) : null;
                JsonNode iterator = node.get("NextShardIterator");
                if (pendingTable == null && iterator != null && iterator.isTextual()) {
                    // GetRecords: iterators that start with the stream ARN (botocore example, DynamoDB Local)
                    String it = iterator.textValue();
                    int bar = it.indexOf('|');
                    String fromIterator = bar > 0 ? StreamRecords.tableFromArn(it.substring(0, bar)) : null;
                    pendingTable = defaultTable != null ? defaultTable : fromIterator;
                }
                continue;
            }
            ordinal++;
            if (recs != null && !recs.isNull()) {
                throw ChangeReadException.unexpectedType(position, "$.Records", "an array", AttrCodec.kind(recs));
            }
            return records.element(node, "$", position, null);
        }
    }
}
