package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every envelope of DynamoDB stream records: Lambda events and GetRecords responses
 * ({@code Records}), single records, EventBridge Pipes arrays and events, and Kinesis records
 * carrying Kinesis Data Streams for DynamoDB payloads. Each element of {@code Records} is a record
 * of its own: a bad one fails alone.
 *
 * <p>An object frame is read from tokens, without a tree: the elements of its {@code Records} one
 * at a time, or the frame as one record. The elements before a syntax error in a frame are read;
 * the error then ends the frame. Other frames (not objects) are parsed into a tree.
 *
 * <p>A value that starts with {@code Records} and is at most {@value #DIRECT_BYTES} bytes is first
 * read straight from the input buffer ({@link JsonFrameReader#nextDirect(JsonFrameReader.DirectReader, int)}),
 * without framing it: its elements become events (or their errors) at once, handed out one at a
 * time after. Should that fail in any way (a syntax error, a limit, a value cut short, elements that
 * need the table named after {@code Records}), nothing of it is kept and the value is framed and
 * read as above, so the events and errors are the same either way. After one such value the reader
 * frames every value (the input is not of Lambda events).
 */
public final class StreamReader extends AbstractChangeReader {
    private static final String TRAILING = "unexpected content after the JSON value";
    /** The largest value read without framing; its events are held at once. */
    static final int DIRECT_BYTES = 1 << 20;
    private final JsonFrameReader frames;
    private final Limits limits;
    private final StreamRecords records;
    private final StreamingRecords streaming;
    private final boolean treeOnly;
    private final String sourceName;
    private final String defaultTable;
    private long ordinal;

    // the tree path: the Records of the last frame
    private JsonNode pending;
    private int pendingIndex;
    private String pendingPath;
    private String pendingTable;
    private long pendingLine;

    // the streaming path: a parser inside the Records of the current frame
    private JsonFrame frame;
    private JsonParser parser;
    private MemberNames frameNames;
    private int elementIndex;
    private boolean envelopeRead;
    private String envelopeTable;

    // values read without framing: the outcomes of the last one, handed out in turn
    private boolean tryDirect = true;
    private List<Outcome> outcomes;
    private int outcomeIndex;

    /** What an element of a value read without framing became, where. */
    private record Outcome(Position position, ChangeEvent event, ChangeReadException failure) {
    }

    /** An element needs the envelope's table, which may follow Records: the value is framed instead. */
    private static final class NeedsEnvelope extends IOException {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // control flow, never reported
        }
    }

    private static final StreamingRecords.EnvelopeTable NO_LOOKAHEAD = () -> {
        throw new NeedsEnvelope();
    };

    public StreamReader(InputStream in, ReadContext context, String defaultTable, boolean kinesisMicros) {
        this(in, context, defaultTable, kinesisMicros, false);
    }

    /** A reader that parses every frame into a tree, as this reader did before it read tokens; to compare the two. */
    public static StreamReader treeParsing(InputStream in, ReadContext context, String defaultTable, boolean kinesisMicros) {
        return new StreamReader(in, context, defaultTable, kinesisMicros, true);
    }

    /** A reader that frames every value, as this reader did before it read some without framing; to compare the two. */
    public static StreamReader framing(InputStream in, ReadContext context, String defaultTable, boolean kinesisMicros) {
        StreamReader reader = new StreamReader(in, context, defaultTable, kinesisMicros, false);
        reader.tryDirect = false;
        return reader;
    }

    private StreamReader(InputStream in, ReadContext context, String defaultTable, boolean kinesisMicros, boolean treeOnly) {
        this(new JsonFrameReader(in, context.sourceName(), StreamRecords.effective(context.options().limits())),
                context, defaultTable, kinesisMicros, treeOnly);
    }

    private StreamReader(JsonFrameReader frames, ReadContext context, String defaultTable, boolean kinesisMicros,
            boolean treeOnly) {
        super(context, frames);
        this.frames = frames;
        this.limits = StreamRecords.effective(context.options().limits());
        this.records = new StreamRecords(limits, defaultTable, kinesisMicros);
        this.streaming = new StreamingRecords(records, defaultTable);
        this.treeOnly = treeOnly;
        this.sourceName = context.sourceName();
        this.defaultTable = defaultTable;
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        while (true) {
            if (outcomes != null) {
                if (outcomeIndex < outcomes.size()) {
                    Outcome o = outcomes.get(outcomeIndex++);
                    ordinal++;
                    markPosition(o.position());
                    if (o.failure() != null) {
                        throw o.failure();
                    }
                    return o.event();
                }
                outcomes = null;
            }
            if (parser != null) {
                ChangeEvent event = nextElement();
                if (event != null) {
                    return event;
                }
                continue;
            }
            if (pending != null) {
                if (pendingIndex < pending.size()) {
                    int i = pendingIndex++;
                    Position position = new Position(sourceName, pendingLine, -1, ++ordinal);
                    markPosition(position);
                    return records.element(pending.get(i), pendingPath + "[" + i + "]", position, pendingTable);
                }
                pending = null;
            }
            if (tryDirect && !treeOnly) {
                List<Outcome> read = frames.nextDirect(this::readDirect, DIRECT_BYTES);
                if (read != null) {
                    Position fp = frames.lastPosition();
                    markPosition(new Position(sourceName, fp.line(), fp.byteOffset(), ordinal + 1));
                    outcomes = read;
                    outcomeIndex = 0;
                    continue;
                }
                tryDirect = false;
            }
            JsonFrame next;
            try {
                next = frames.next();
            } catch (ChangeReadException e) {
                Position p = new Position(sourceName, e.position().line(), e.position().byteOffset(), ++ordinal);
                markPosition(p);
                throw e.isInputBroken() ? ChangeReadException.inputBroken(e.kind(), p, e.detail(), e.getCause())
                        : new ChangeReadException(e.kind(), p, e.detail(), e.getCause());
            }
            if (next == null) {
                return null;
            }
            Position fp = next.position();
            Position position = new Position(sourceName, fp.line(), fp.byteOffset(), ordinal + 1);
            markPosition(position);
            ChangeEvent event = treeOnly ? readTree(next, position) : readFrame(next, position);
            if (event != null) {
                return event;
            }
        }
    }

    /**
     * Starts reading an object frame from tokens: returns its record, or null after positioning the
     * parser on the start of its {@code Records} array (or after a frame of anything else was
     * handed to the tree path, which then holds its elements).
     */
    private ChangeEvent readFrame(JsonFrame next, Position position) throws IOException {
        JsonParser p = null;
        JsonToken records = null;
        try {
            p = parser(next);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.close();
                return readTree(next, position);
            }
            MemberNames names = new MemberNames();
            String name;
            while ((name = p.nextFieldName()) != null) {
                names.add(p, name);
                JsonToken v = p.nextToken();
                if (name.equals("Records")) {
                    if (v == JsonToken.START_ARRAY) {
                        frame = next;
                        frameNames = names;
                        parser = p;
                        elementIndex = 0;
                        envelopeRead = false;
                        envelopeTable = null;
                        return null;
                    }
                    records = v;
                }
                MemberNames.skipValue(p);
            }
            if (hasTrailing(p)) {
                ordinal++;
                throw ChangeReadException.malformed(position, TRAILING);
            }
        } catch (IOException | NumberFormatException e) {
            ordinal++;
            throw malformed(e, position);
        } finally {
            if (p != null && p != parser) {
                p.close();
            }
        }
        ordinal++;
        if (records != null && records != JsonToken.VALUE_NULL) {
            throw ChangeReadException.unexpectedType(position, "$.Records", "an array", AttrCodec.kind(records));
        }
        // One record (or an EventBridge event): read the frame again as that record.
        try (JsonParser record = parser(next)) {
            record.nextToken();
            return streaming.element(record, "$", position, null);
        } catch (IOException | NumberFormatException e) {
            throw malformed(e, position);
        }
    }

    /**
     * Reads a whole value that starts with {@code Records} into the outcomes of its elements, as
     * {@link #readFrame} and {@link #nextElement} would read them from its frame; null for another
     * value. Throws for everything the frame path reports on the frame itself, which then reports it.
     */
    private List<Outcome> readDirect(JsonParser p, Position position) throws IOException {
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        if (p.nextToken() != JsonToken.START_OBJECT || !"Records".equals(p.nextFieldName())
                || p.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        MemberNames names = new MemberNames();
        names.add(p, "Records");
        List<Outcome> read = new ArrayList<>();
        long next = ordinal;
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Position element = new Position(sourceName, position.line(), -1, ++next);
            try {
                read.add(new Outcome(element, streaming.element(p, "$.Records[" + i + "]", element, NO_LOOKAHEAD), null));
            } catch (ChangeReadException e) {
                read.add(new Outcome(element, null, e));
            }
            i++;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            names.add(p, name);
            p.nextToken();
            MemberNames.skipValue(p);
        }
        return read;
    }

    /** The next element of the current frame's Records, or null when the frame has ended. */
    private ChangeEvent nextElement() throws IOException {
        Position fp = frame.position();
        boolean counted = false;
        try {
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    frameNames.add(parser, name);
                    parser.nextToken();
                    MemberNames.skipValue(parser);
                }
                boolean trailing = parser.nextToken() != null;
                closeFrame();
                if (trailing) {
                    throw ChangeReadException.malformed(frameFailed(fp, false), TRAILING);
                }
                return null;
            }
            int i = elementIndex++;
            Position element = new Position(sourceName, fp.line(), -1, ++ordinal);
            counted = true;
            markPosition(element);
            return streaming.element(parser, "$.Records[" + i + "]", element, this::envelopeTable);
        } catch (IOException | NumberFormatException e) {
            // A syntax error (or a limit) ends the frame; the elements before it have been read.
            closeFrame();
            throw malformed(e, frameFailed(fp, counted));
        }
    }

    private Position frameFailed(Position fp, boolean counted) {
        if (!counted) {
            ordinal++;
        }
        Position failed = new Position(sourceName, fp.line(), fp.byteOffset(), ordinal);
        markPosition(failed);
        return failed;
    }

    private static boolean hasTrailing(JsonParser p) throws IOException {
        return p.nextToken() != null;
    }

    private JsonParser parser(JsonFrame json) throws IOException {
        JsonParser p = JsonSupport.mapper(limits).createParser(json.data(), 0, json.length());
        // MemberNames and the rows being built find repeated names for less than the parser's hash sets.
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return p;
    }

    private void closeFrame() throws IOException {
        JsonParser p = parser;
        parser = null;
        frame = null;
        frameNames = null;
        p.close();
    }

    /**
     * The table the envelope names, for records that name none: its {@code eventSourceARN} (a
     * tumbling-window event) or the stream ARN its {@code NextShardIterator} starts with (GetRecords).
     * These may follow {@code Records}, so a second parser looks ahead, once per frame.
     */
    private String envelopeTable() throws IOException {
        if (!envelopeRead) {
            String arn = null;
            String iterator = null;
            try (JsonParser p = parser(frame)) {
                p.nextToken();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING && name.equals("eventSourceARN")) {
                        arn = p.getText();
                    } else if (v == JsonToken.VALUE_STRING && name.equals("NextShardIterator")) {
                        iterator = p.getText();
                    }
                    p.skipChildren();
                }
            }
            envelopeTable = envelopeTable(arn, iterator);
            envelopeRead = true;
        }
        return envelopeTable;
    }

    private String envelopeTable(String arn, String iterator) {
        String table = arn != null ? StreamRecords.tableFromArn(arn) : null;
        if (table == null && iterator != null) {
            // GetRecords: iterators that start with the stream ARN (botocore example, DynamoDB Local)
            int bar = iterator.indexOf('|');
            String fromIterator = bar > 0 ? StreamRecords.tableFromArn(iterator.substring(0, bar)) : null;
            table = defaultTable != null ? defaultTable : fromIterator;
        }
        return table;
    }

    // As JsonSupport.parse reports a frame it cannot parse, never quoting it.
    private static ChangeReadException malformed(Exception e, Position position) {
        if (e instanceof JsonProcessingException j) {
            return JsonSupport.translate(j, position);
        }
        if (e instanceof NumberFormatException) {
            return ChangeReadException.malformed(position, "number out of the range of an exact decimal");
        }
        return ChangeReadException.malformed(position, "cannot read JSON value (" + e.getClass().getSimpleName() + ")");
    }

    /** Reads a frame by parsing it into a tree; returns its record, or null when it holds Records. */
    private ChangeEvent readTree(JsonFrame next, Position position) {
        Position fp = next.position();
        JsonNode node;
        try {
            node = JsonSupport.parse(next, limits);
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
            JsonNode iterator = node.get("NextShardIterator");
            pendingTable = envelopeTable(arn != null && arn.isTextual() ? arn.textValue() : null,
                    iterator != null && iterator.isTextual() ? iterator.textValue() : null);
            return null;
        }
        ordinal++;
        if (recs != null && !recs.isNull()) {
            throw ChangeReadException.unexpectedType(position, "$.Records", "an array", AttrCodec.kind(recs));
        }
        return records.element(node, "$", position, null);
    }

    @Override
    public void close() {
        outcomes = null;
        if (parser != null) {
            try {
                closeFrame();
            } catch (IOException ignored) {
                // the frame is in memory; nothing is lost
            }
        }
        super.close();
    }
}
