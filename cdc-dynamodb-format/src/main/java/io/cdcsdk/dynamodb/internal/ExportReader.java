package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.FramedValues;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.internal.Decompression;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.JsonFrameReader;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dynamodb.DynamoDbExportManifest;
import io.cdcsdk.dynamodb.internal.ItemTokens.Item;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads DynamoDB export data files (DynamoDB JSON Lines): full-export {@code Item} lines as
 * snapshots, incremental-export lines as changes. Opened on a local manifest, it reads the data
 * files the manifest lists, one after the other. Each line is read from parser tokens, straight from
 * the read buffer; a line that fails there is framed and read again by the same reader from its
 * frame, so that a line that cannot be parsed fails as a whole, at its position, and the next is read.
 */
public final class ExportReader extends AbstractChangeReader {
    private static final String FORMAT = DynamoDbExportAdapter.NAME;
    private static final String MICROS = "$.Metadata.WriteTimestampMicros";

    /** What the reader closes: the current data file. */
    private static final class Current implements Closeable {
        JsonFrameReader frames;
        String name;

        @Override
        public void close() throws IOException {
            if (frames != null) {
                JsonFrameReader f = frames;
                frames = null;
                f.close();
            }
        }
    }

    private final Current current;
    private final Limits limits;
    private final ItemTokens items = new ItemTokens();
    private final List<String> keyAttributes;
    private final Path manifestPath;
    private final Deque<Path> pending = new ArrayDeque<>();
    private String table;
    private String exportArn;
    private boolean first = true;
    private Path root;
    private boolean direct = true;

    /**
     * A reader of {@code in}, a data file or (when {@code context} has its path) a manifest.
     *
     * @param table         the table of the events, or null; a manifest's {@code tableArn} wins over it
     * @param keyAttributes the attributes that make the key of full-export items; empty for none
     */
    public ExportReader(InputStream in, ReadContext context, String table, List<String> keyAttributes) {
        this(new Current(), in, context, table, keyAttributes);
    }

    /** A reader that frames every line, as it does a line it cannot read straight from the buffer. */
    static ExportReader framing(InputStream in, ReadContext context, String table, List<String> keyAttributes) {
        ExportReader reader = new ExportReader(in, context, table, keyAttributes);
        reader.direct = false;
        return reader;
    }

    private ExportReader(Current current, InputStream in, ReadContext context, String table, List<String> keyAttributes) {
        super(context, current);
        this.current = current;
        this.limits = AttributeRules.limits(context.options().limits());
        this.table = table;
        this.keyAttributes = keyAttributes;
        this.manifestPath = context.path().orElse(null);
        current.frames = new JsonFrameReader(in, context.sourceName(), limits);
        current.name = context.sourceName();
    }

    /** The members of an export line that the reader reads; bad images are kept as their failures. */
    private static final class Line {
        JsonToken first;
        boolean hasItem;
        Item item;
        boolean hasImages;
        Item keys;
        Item newImage;
        Item oldImage;
        boolean hasMicros;
        Object micros;
        ChangeReadException microsFailure;
        // members of manifest lines
        boolean summary;
        boolean dataFile;
        JsonToken dataFileKeyToken;
        String dataFileKey;
        String tableArn;
        String exportArn;

        boolean isManifest() {
            return summary || dataFile;
        }
    }

    @Override
    protected Bytes failedRecordBytes() {
        return current.frames == null ? null : current.frames.lastRecordBytes();
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        while (true) {
            if (current.frames == null) {
                Path next = pending.poll();
                if (next == null) {
                    return null;
                }
                try {
                    open(next);
                } catch (ChangeReadException e) {
                    throw nextFile(e);
                }
                continue;
            }
            Line line;
            JsonFrame frame = null;
            try {
                line = direct ? current.frames.nextDirect(this::line) : null;
                if (line == null) {
                    frame = current.frames.next();
                }
            } catch (ChangeReadException e) {
                if (e.isInputBroken()) {
                    current.close();
                    throw nextFile(e);
                }
                throw e;
            }
            Position position;
            if (line != null) {
                position = current.frames.lastPosition();
                markPosition(position);
            } else if (frame == null) {
                current.close();
                continue;
            } else {
                position = frame.position();
                markPosition(position);
                line = line(frame);
            }
            boolean wasFirst = first;
            first = false;
            if (line.isManifest()) {
                manifest(line, position, wasFirst);
                continue;
            }
            return event(line, position);
        }
    }

    /**
     * A data file that cannot be read to its end (corrupt gzip, a decompression bomb) ends the
     * input only when it is the last: under SKIP reading goes on with the next file. I/O errors (a
     * missing file among them) end the input.
     */
    private ChangeReadException nextFile(ChangeReadException e) {
        if (!e.isInputBroken() || pending.isEmpty() || e.kind() == ChangeReadException.Kind.IO) {
            return e;
        }
        return new ChangeReadException(e.kind(), e.position(), e.detail() + "; reading goes on with the next data file",
                e.getCause());
    }

    private void open(Path file) throws IOException {
        String key = root != null ? root.relativize(file).toString().replace('\\', '/') : file.toString();
        if (!Files.exists(file)) {
            throw ChangeReadException.inputBroken(ChangeReadException.Kind.IO, Position.of(key),
                    "data file listed in the manifest is missing", null);
        }
        // The data files are opened here, not by the registry: the same gzip guards apply.
        InputStream in = Decompression.open(Files.newInputStream(file), key, limits);
        current.frames = new JsonFrameReader(in, key, limits);
        current.name = key;
    }

    private void manifest(Line line, Position position, boolean wasFirst) throws IOException {
        if (manifestPath == null || !wasFirst) {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position,
                    "an export manifest, not export data; open it as a local file to read the data files it lists, "
                            + "or list them with DynamoDbExportManifest");
        }
        root = ExportManifests.root(manifestPath);
        if (line.summary) {
            String t = RecordMapping.tableFromArn(line.tableArn);
            if (t != null) {
                table = t;
            }
            exportArn = line.exportArn;
            current.close();
            pending.addAll(DynamoDbExportManifest.dataFiles(manifestPath));
        } else {
            // manifest-files.json: this line and the rest of the file list data files
            pending.add(root.resolve(dataFileKey(line, position)));
            JsonFrame f;
            while ((f = current.frames.next()) != null) {
                pending.add(root.resolve(dataFileKey(line(f), f.position())));
            }
            current.close();
        }
    }

    private static String dataFileKey(Line line, Position position) {
        return ExportManifests.dataFileKey(line.first == JsonToken.START_OBJECT ? line.dataFileKeyToken : null,
                line.dataFileKey, position);
    }

    /** Reads the members of a line from its frame; syntax errors and limits fail the line. */
    private Line line(JsonFrame frame) {
        return FramedValues.read(frame, limits, this::line);
    }

    /**
     * Reads the members of the line whose first token is next, up to its last token; also straight
     * from the read buffer ({@link JsonFrameReader#nextDirect}), where a line that fails in any way
     * is framed and read again by {@link #line(JsonFrame)}, which reports it.
     */
    private Line line(JsonParser p, Position position) throws IOException {
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        Line line = new Line();
        line.first = p.nextToken();
        if (line.first == JsonToken.START_OBJECT) {
            members(p, line, position);
        } else {
            MemberNames.skipValue(p);
        }
        return line;
    }

    private void members(JsonParser p, Line line, Position position) throws IOException {
        MemberNames.readObject(p, (name, v) -> {
            switch (name) {
                case "Item" -> {
                    line.hasItem = true;
                    line.item = items.itemOrFailure(p, "$.Item", position);
                }
                case "Keys" -> line.keys = image(p, v, line, "$.Keys", position);
                case "NewImage" -> line.newImage = image(p, v, line, "$.NewImage", position);
                case "OldImage" -> line.oldImage = image(p, v, line, "$.OldImage", position);
                case "Metadata" -> {
                    if (v == JsonToken.START_OBJECT) {
                        metadata(p, line, position);
                    } else {
                        MemberNames.skipValue(p);
                    }
                }
                case "manifestFilesS3Key" -> {
                    line.summary = true;
                    MemberNames.skipValue(p);
                }
                case "dataFileS3Key" -> {
                    line.dataFile = true;
                    line.dataFileKeyToken = v;
                    line.dataFileKey = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    MemberNames.skipValue(p);
                }
                case "tableArn" -> line.tableArn = string(p, v);
                case "exportArn" -> line.exportArn = string(p, v);
                default -> MemberNames.skipValue(p);
            }
        });
    }

    /** An image of an incremental line: null when null, else its row or its failure. */
    private Item image(JsonParser p, JsonToken v, Line line, String path, Position position) throws IOException {
        line.hasImages = true;
        return v == JsonToken.VALUE_NULL ? null : items.itemOrFailure(p, path, position);
    }

    private void metadata(JsonParser p, Line line, Position position) throws IOException {
        MemberNames.readObject(p, (name, v) -> {
            if (!name.equals("WriteTimestampMicros") || v == JsonToken.VALUE_NULL) {
                MemberNames.skipValue(p);
            } else if (v.isNumeric()) {
                line.hasMicros = true;
                line.micros = Tokens.decimal(p, v);
            } else {
                line.hasMicros = true;
                JsonStreamContext enclosing = Tokens.enclosing(p);
                try {
                    line.micros = items.attribute(p, MICROS, position);
                } catch (ChangeReadException e) {
                    Tokens.finishValue(p, enclosing);
                    line.microsFailure = e;
                }
            }
        });
    }

    private static String string(JsonParser p, JsonToken v) throws IOException {
        String s = v == JsonToken.VALUE_STRING ? p.getText() : null;
        MemberNames.skipValue(p);
        return s;
    }

    private ChangeEvent event(Line line, Position position) {
        if (line.first != JsonToken.START_OBJECT) {
            throw ChangeReadException.unexpectedType(position, "$", "an export line object", Tokens.kind(line.first));
        }
        SourceInfo source = SourceInfo.of(FORMAT, table);
        if (line.hasItem) {
            Row after = line.item.get();
            ChangeEvent.Builder b = ChangeEvent.builder(Operation.SNAPSHOT, source).after(after);
            if (!keyAttributes.isEmpty()) {
                b.key(after.select(keyAttributes));
            }
            if (exportArn != null) {
                b.meta("exportArn", exportArn);
            }
            return b.build();
        }
        if (!line.hasImages) {
            throw ChangeReadException.missingField(position, "$.Item (full export) or $.Keys (incremental export)");
        }
        Row after = line.newImage == null ? null : line.newImage.get();
        Row before = line.oldImage == null ? null : line.oldImage.get();
        Operation op = after == null ? Operation.DELETE : before == null ? Operation.INSERT : Operation.UPDATE;
        ChangeEvent.Builder b = ChangeEvent.builder(op, source).after(after).before(before);
        if (line.keys != null) {
            b.key(line.keys.get());
        }
        if (line.hasMicros) {
            if (line.microsFailure != null) {
                throw line.microsFailure;
            }
            if (!(line.micros instanceof BigDecimal d)) {
                throw ChangeReadException.unexpectedType(position, MICROS, "{\"N\": epoch microseconds}", "another type");
            }
            Instant ts = Timestamps.ofScaled(d, 6);
            if (ts == null) {
                throw ChangeReadException.unexpectedType(position, MICROS, "epoch microseconds", "a number out of range");
            }
            b.ts(ts);
        }
        if (exportArn != null) {
            b.meta("exportArn", exportArn);
        }
        return b.build();
    }
}
