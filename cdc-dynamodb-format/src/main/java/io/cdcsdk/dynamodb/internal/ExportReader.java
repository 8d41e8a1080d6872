package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.Decompression;
import io.cdcsdk.core.spi.JsonFrame;
import io.cdcsdk.core.spi.JsonFrameReader;
import io.cdcsdk.core.spi.JsonSupport;
import io.cdcsdk.core.spi.ReadContext;
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
 * files the manifest lists, one after the other.
 */
public final class ExportReader extends AbstractChangeReader {
    /** The adapter name. */
    public static final String FORMAT = "dynamodb-export";

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
    private final List<String> keyAttributes;
    private final Path manifestPath;
    private final Deque<Path> pending = new ArrayDeque<>();
    private String table;
    private String exportArn;
    private boolean first = true;
    private Path root;

    public ExportReader(InputStream in, ReadContext context, String table, List<String> keyAttributes) {
        this(new Current(), in, context, table, keyAttributes);
    }

    private ExportReader(Current current, InputStream in, ReadContext context, String table, List<String> keyAttributes) {
        super(context, current);
        this.current = current;
        this.limits = StreamRecords.effective(context.options().limits());
        this.table = table;
        this.keyAttributes = keyAttributes;
        this.manifestPath = context.path().orElse(null);
        current.frames = new JsonFrameReader(in, context.sourceName(), limits);
        current.name = context.sourceName();
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
            JsonFrame frame;
            try {
                frame = current.frames.next();
            } catch (ChangeReadException e) {
                if (e.isInputBroken()) {
                    current.close();
                    throw nextFile(e);
                }
                throw e;
            }
            if (frame == null) {
                current.close();
                continue;
            }
            markPosition(frame.position());
            JsonNode node = JsonSupport.parse(frame, limits);
            boolean wasFirst = first;
            first = false;
            if (node.isObject() && (node.has("manifestFilesS3Key") || node.has("dataFileS3Key"))) {
                manifest(node, frame.position(), wasFirst);
                continue;
            }
            return line(node, frame.position());
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

    private void manifest(JsonNode node, Position position, boolean wasFirst) throws IOException {
        if (manifestPath == null || !wasFirst) {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position,
                    "an export manifest, not export data; open it as a local file to read the data files it lists, "
                            + "or list them with DynamoDbExportManifest");
        }
        root = ExportManifests.root(manifestPath);
        if (node.has("manifestFilesS3Key")) {
            JsonNode arn = node.get("tableArn");
            String t = arn != null && arn.isTextual() ? StreamRecords.tableFromArn(arn.textValue()) : null;
            if (t != null) {
                table = t;
            }
            JsonNode e = node.get("exportArn");
            exportArn = e != null && e.isTextual() ? e.textValue() : null;
            current.close();
            pending.addAll(io.cdcsdk.dynamodb.DynamoDbExportManifest.dataFiles(manifestPath));
        } else {
            // manifest-files.json: this line and the rest of the file list data files
            pending.add(root.resolve(ExportManifests.dataFileKey(node, position)));
            JsonFrame f;
            while ((f = current.frames.next()) != null) {
                JsonNode n = JsonSupport.parse(f, limits);
                pending.add(root.resolve(ExportManifests.dataFileKey(n, f.position())));
            }
            current.close();
        }
    }

    private ChangeEvent line(JsonNode node, Position position) {
        if (!node.isObject()) {
            throw ChangeReadException.unexpectedType(position, "$", "an export line object", AttrCodec.kind(node));
        }
        SourceInfo source = SourceInfo.of(FORMAT, table);
        JsonNode item = node.get("Item");
        if (item != null) {
            Row after = AttrCodec.item(item, "$.Item", position);
            ChangeEvent.Builder b = ChangeEvent.builder(Operation.SNAPSHOT, source).after(after);
            if (!keyAttributes.isEmpty()) {
                b.key(after.select(keyAttributes));
            }
            if (exportArn != null) {
                b.meta("exportArn", exportArn);
            }
            return b.build();
        }
        JsonNode keys = node.get("Keys");
        JsonNode newImage = node.get("NewImage");
        JsonNode oldImage = node.get("OldImage");
        if (keys == null && newImage == null && oldImage == null) {
            throw ChangeReadException.missingField(position, "$.Item (full export) or $.Keys (incremental export)");
        }
        Row after = newImage == null || newImage.isNull() ? null : AttrCodec.item(newImage, "$.NewImage", position);
        Row before = oldImage == null || oldImage.isNull() ? null : AttrCodec.item(oldImage, "$.OldImage", position);
        Operation op = after == null ? Operation.DELETE : before == null ? Operation.INSERT : Operation.UPDATE;
        ChangeEvent.Builder b = ChangeEvent.builder(op, source).after(after).before(before);
        if (keys != null && !keys.isNull()) {
            b.key(AttrCodec.item(keys, "$.Keys", position));
        }
        JsonNode micros = node.path("Metadata").get("WriteTimestampMicros");
        if (micros != null && !micros.isNull()) {
            String at = "$.Metadata.WriteTimestampMicros";
            Object v = micros.isNumber() ? JsonSupport.decimal(micros) : AttrCodec.value(micros, at, position);
            if (!(v instanceof BigDecimal d)) {
                throw ChangeReadException.unexpectedType(position, at, "{\"N\": epoch microseconds}", "another type");
            }
            Instant ts = Timestamps.ofScaled(d, 6);
            if (ts == null) {
                throw ChangeReadException.unexpectedType(position, at, "epoch microseconds", "a number out of range");
            }
            b.ts(ts);
        }
        if (exportArn != null) {
            b.meta("exportArn", exportArn);
        }
        return b.build();
    }
}
