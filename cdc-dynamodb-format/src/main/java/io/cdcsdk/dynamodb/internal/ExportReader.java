package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.FramedValues;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
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
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
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
 * files the manifest lists, one after the other, and checks each at its end against its entry's
 * {@code itemCount} and {@code md5Checksum}. Each line is read from parser tokens, straight from
 * the read buffer; a line that fails there is framed and read again by the same reader from its
 * frame, so that a line that cannot be parsed fails as a whole, at its position, and the next is read.
 */
public final class ExportReader extends AbstractChangeReader {
    private static final String FORMAT = DynamoDbExportAdapter.NAME;
    private static final String MICROS = "$.Metadata.WriteTimestampMicros";
    private static final Images FULL_ITEM = new Images(null, Completeness.FULL);

    /**
     * What the reader closes: the current data file; for one a manifest lists, what its entry says
     * of it, the MD5 of its bytes as stored so far and the records read.
     */
    private static final class Current implements Closeable {
        JsonFrameReader frames;
        String name;
        DynamoDbExportManifest.DataFile entry;
        DigestInputStream stored;
        long records;

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
    private final Deque<DynamoDbExportManifest.DataFile> pending = new ArrayDeque<>();
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
                DynamoDbExportManifest.DataFile next = pending.poll();
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
                current.records++; // a record that failed alone, skipped under SKIP
                throw e;
            }
            Position position;
            if (line != null) {
                position = current.frames.lastPosition();
                markPosition(position);
                current.records++;
            } else if (frame == null) {
                endOfFile();
                continue;
            } else {
                position = frame.position();
                markPosition(position);
                current.records++;
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

    private void open(DynamoDbExportManifest.DataFile entry) throws IOException {
        Path file = root.resolve(entry.dataFileS3Key());
        String key = root.relativize(file).toString().replace('\\', '/');
        if (!Files.exists(file)) {
            throw ChangeReadException.inputBroken(ChangeReadException.Kind.IO, Position.of(key),
                    "data file listed in the manifest is missing", null);
        }
        InputStream stored = Files.newInputStream(file);
        current.stored = null;
        if (entry.md5Checksum() != null) {
            try {
                current.stored = new DigestInputStream(stored, MessageDigest.getInstance("MD5"));
                stored = current.stored;
            } catch (NoSuchAlgorithmException e) {
                stored.close();
                throw new IllegalStateException("every Java platform has MD5", e);
            }
        }
        // The data files are opened here, not by the registry: the same gzip guards apply.
        InputStream in = Decompression.open(stored, key, limits);
        current.frames = new JsonFrameReader(in, key, limits);
        current.name = key;
        current.entry = entry;
        current.records = 0;
    }

    /**
     * Closes a file read to its end; for a data file a manifest lists, checks its records against
     * the entry's {@code itemCount} and its bytes as stored against the entry's {@code md5Checksum}
     * (the bytes the decompression did not need are read for it). A file that does not match
     * fails alone: under SKIP reading goes on with the next file.
     */
    private void endOfFile() throws IOException {
        DynamoDbExportManifest.DataFile entry = current.entry;
        String md5 = null;
        if (entry != null && current.stored != null) {
            current.stored.transferTo(OutputStream.nullOutputStream());
            md5 = Base64.getEncoder().encodeToString(current.stored.getMessageDigest().digest());
        }
        long records = current.records;
        String name = current.name;
        current.entry = null;
        current.stored = null;
        current.close();
        if (entry == null) {
            return;
        }
        List<String> problems = new ArrayList<>(2);
        BigDecimal expected = entry.itemCount();
        if (expected != null && expected.compareTo(BigDecimal.valueOf(records)) != 0) {
            problems.add(records + (records == 1 ? " item" : " items") + " where the manifest's itemCount is "
                    + expected.toPlainString() + (expected.compareTo(BigDecimal.valueOf(records)) > 0 ? " (short)" : " (long)"));
        }
        if (md5 != null && !md5.equals(entry.md5Checksum())) {
            problems.add("an MD5 of its bytes that is not the manifest's md5Checksum (corrupt or replaced)");
        }
        if (!problems.isEmpty()) {
            throw ChangeReadException.malformed(Position.of(name),
                    "data file does not match its manifest entry: " + String.join("; ", problems));
        }
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
        }
        // manifest-files.json, or the one the summary leads to, lists the data files
        current.close();
        pending.addAll(ExportManifests.entries(manifestPath));
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
            // A full export holds whole items.
            ChangeEvent.Builder b = ChangeEvent.builder(Operation.SNAPSHOT, source).after(after).images(FULL_ITEM);
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
