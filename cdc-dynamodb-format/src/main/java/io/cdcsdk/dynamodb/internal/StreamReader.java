package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.JsonParsing;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.JsonFrameReader;
import io.cdcsdk.core.spi.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every envelope of DynamoDB stream records: Lambda events and GetRecords responses
 * ({@code Records}), single records, EventBridge Pipes arrays and events, and Kinesis Data Streams
 * for DynamoDB payloads (the registry takes them out of their Kinesis records). Each element of {@code Records} is a record
 * of its own: a bad one fails alone. Every record is read from parser tokens by one reader
 * ({@link RecordTokens}), whether its value is read straight from the input buffer or framed first.
 *
 * <p>A value that starts with {@code Records} and is at most {@value #DIRECT_BYTES} bytes is first
 * read straight from the input buffer ({@link JsonFrameReader#nextDirect(JsonFrameReader.DirectReader, int)}),
 * without framing it: its elements become events (or their errors) at once, handed out one at a
 * time after. Should that fail in any way (a syntax error, a limit, a value cut short, elements that
 * need the table named after {@code Records}), nothing of it is kept and the value is framed and
 * read as below, so the events and errors are the same either way. After one value read otherwise
 * the reader frames every value (the input is not of Lambda events).
 *
 * <p>A framed object is read from a parser over the frame: the elements of its {@code Records} one
 * at a time, or the frame as one record. The elements before a syntax error in a frame are read;
 * the error then ends the frame, at the frame's position.
 */
public final class StreamReader extends AbstractChangeReader {
    /** The largest value read without framing; its events are held at once. */
    static final int DIRECT_BYTES = 1 << 20;
    private final JsonFrameReader frames;
    private final Limits limits;
    private final RecordTokens records;
    private final String sourceName;
    private final String defaultTable;
    private long ordinal;

    // a parser inside the Records of the current frame
    private JsonFrame frame;
    private JsonParser parser;
    private MemberNames frameNames;
    private int elementIndex;
    private boolean envelopeRead;
    private String envelopeTable;

    // values read without framing: the outcomes of the last one, handed out in turn
    private boolean tryDirect = true;
    // Whether the last failure came from inside a frame's Records, and the bytes of the element
    // that failed there (null when the frame broke off, as a syntax error does).
    private boolean failedInFrame;
    private Bytes failedElement;
    private List<Outcome> outcomes;
    private int outcomeIndex;

    /** An element of a value read without framing, and where it was. */
    private record Outcome(Position position, ChangeEvent event) {
    }

    /** An element needs the envelope's table, which may follow Records: the value is framed instead. */
    private static final class NeedsEnvelope extends IOException {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // control flow, never reported
        }
    }

    private static final RecordMapping.EnvelopeTable<IOException> NO_LOOKAHEAD = () -> {
        throw new NeedsEnvelope();
    };

    /**
     * A reader of {@code in}.
     *
     * @param defaultTable  the table of records that name none, or null
     * @param kinesisMicros whether Kinesis payloads that do not state their precision are in microseconds
     */
    public StreamReader(InputStream in, ReadContext context, String defaultTable, boolean kinesisMicros) {
        this(new JsonFrameReader(in, context.sourceName(), AttributeRules.limits(context.options().limits())),
                context, defaultTable, kinesisMicros);
    }

    private StreamReader(JsonFrameReader frames, ReadContext context, String defaultTable, boolean kinesisMicros) {
        super(context, frames);
        this.frames = frames;
        this.limits = AttributeRules.limits(context.options().limits());
        this.records = new RecordTokens(limits, defaultTable, kinesisMicros);
        this.sourceName = context.sourceName();
        this.defaultTable = defaultTable;
    }

    /** A reader that frames every value, as it does after a value that is not a Lambda event. */
    static StreamReader framing(InputStream in, ReadContext context, String defaultTable, boolean kinesisMicros) {
        StreamReader reader = new StreamReader(in, context, defaultTable, kinesisMicros);
        reader.tryDirect = false;
        return reader;
    }

    /**
     * {@return the failed element of {@code Records}, or the whole value that failed} Null when a
     * value broke off after some of its elements were read: its bytes would give them again.
     */
    @Override
    protected Bytes failedRecordBytes() {
        boolean inFrame = failedInFrame;
        Bytes element = failedElement;
        failedInFrame = false;
        failedElement = null;
        return inFrame ? element : frames.lastRecordBytes();
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        while (true) {
            if (outcomes != null) {
                if (outcomeIndex < outcomes.size()) {
                    Outcome o = outcomes.get(outcomeIndex++);
                    ordinal++;
                    markPosition(o.position());
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
            if (tryDirect) {
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
            ChangeEvent event = readFrame(next, position);
            if (event != null) {
                return event;
            }
        }
    }

    /**
     * Starts reading a frame: returns its record, or null after positioning the parser on the start
     * of its {@code Records} array.
     */
    private ChangeEvent readFrame(JsonFrame next, Position position) throws IOException {
        JsonParser p = null;
        JsonToken recordsToken = null;
        try {
            p = Tokens.parser(next.data(), next.length(), limits);
            if (p.nextToken() == JsonToken.START_OBJECT) {
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
                        recordsToken = v;
                    }
                    MemberNames.skipValue(p);
                }
            } else {
                MemberNames.skipValue(p);
            }
            if (p.nextToken() != null) {
                ordinal++;
                throw ChangeReadException.malformed(position, JsonParsing.TRAILING);
            }
        } catch (IOException | NumberFormatException e) {
            ordinal++;
            throw JsonParsing.failure(e, position);
        } finally {
            if (p != null && p != parser) {
                p.close();
            }
        }
        ordinal++;
        if (recordsToken != null && recordsToken != JsonToken.VALUE_NULL) {
            throw ChangeReadException.unexpectedType(position, "$.Records", "an array", Tokens.kind(recordsToken));
        }
        // One record (an EventBridge event, or a value that is no record): read the frame again as that record.
        try (JsonParser record = Tokens.parser(next.data(), next.length(), limits)) {
            record.nextToken();
            return records.element(record, "$", position, null);
        } catch (IOException | NumberFormatException e) {
            throw JsonParsing.failure(e, position);
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
                read.add(new Outcome(element, records.element(p, "$.Records[" + i + "]", element, NO_LOOKAHEAD)));
            } catch (ChangeReadException e) {
                return null; // framed instead, where a failed element's bytes can be kept
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
                    failedInFrame = true;
                    throw ChangeReadException.malformed(frameFailed(fp, false), JsonParsing.TRAILING);
                }
                return null;
            }
            int i = elementIndex++;
            Position element = new Position(sourceName, fp.line(), -1, ++ordinal);
            counted = true;
            markPosition(element);
            int start = (int) parser.currentTokenLocation().getByteOffset();
            try {
                return records.element(parser, "$.Records[" + i + "]", element, this::envelopeTable);
            } catch (ChangeReadException e) {
                int end = (int) parser.currentLocation().getByteOffset();
                failedInFrame = true;
                failedElement = Bytes.of(Arrays.copyOfRange(frame.data(), start, end));
                throw e;
            }
        } catch (IOException | NumberFormatException e) {
            // A syntax error (or a limit) ends the frame; the elements before it have been read.
            failedInFrame = true;
            closeFrame();
            throw JsonParsing.failure(e, frameFailed(fp, counted));
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
            try (JsonParser p = Tokens.parser(frame.data(), frame.length(), limits)) {
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
        String table = arn != null ? RecordMapping.tableFromArn(arn) : null;
        if (table == null && iterator != null) {
            // GetRecords: iterators that start with the stream ARN (botocore example, DynamoDB Local)
            int bar = iterator.indexOf('|');
            String fromIterator = bar > 0 ? RecordMapping.tableFromArn(iterator.substring(0, bar)) : null;
            table = defaultTable != null ? defaultTable : fromIterator;
        }
        return table;
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
