package io.cdcsdk.dms.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.JsonFrame;
import io.cdcsdk.core.spi.JsonFrameReader;
import io.cdcsdk.core.spi.JsonSupport;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.spi.RowLayouts;
import io.cdcsdk.dms.DmsJsonSettings;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads DMS JSON records (see {@link io.cdcsdk.dms.DmsJsonAdapter}). */
public final class DmsJsonReader extends AbstractChangeReader {
    private static final String FORMAT = "dms-json";

    private final JsonFrameReader frames;
    private final boolean direct;
    private final String beforeImageField;
    /** Primary keys learned from control records, by {@code schema.table}. */
    private final Map<String, List<String>> primaryKeys = new HashMap<>();
    private final Map<String, String> metaNames = new HashMap<>();
    private final JsonFrameReader.DirectReader<Map<String, Object>> envelopeReader = this::readEnvelope;
    // Rows and meta of data records, made from layouts that records of one table share.
    private final RowLayouts rowLayouts = new RowLayouts();
    private final RowLayouts metaLayouts = new RowLayouts();
    private String[] shapeNames = new String[16];
    private Object[] shapeValues = new Object[16];

    /** A reader over {@code in}, which it owns and closes. */
    public DmsJsonReader(InputStream in, ReadContext context) {
        this(in, context, true);
    }

    /** With {@code direct} false, every value is framed first (the path the direct one must equal). */
    DmsJsonReader(InputStream in, ReadContext context, boolean direct) {
        this(new JsonFrameReader(in, context.sourceName(), context.options().limits()), context, direct);
    }

    private DmsJsonReader(JsonFrameReader frames, ReadContext context, boolean direct) {
        super(context, frames);
        this.frames = frames;
        this.direct = direct;
        this.beforeImageField = context.options().extension(DmsJsonSettings.class)
                .map(DmsJsonSettings::beforeImageField).orElse(null);
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        Map<String, Object> envelope = direct ? frames.nextDirect(envelopeReader) : null;
        if (envelope != null) {
            Position pos = frames.lastPosition();
            markPosition(pos);
            return toEvent(envelope, (Metadata) envelope.get("metadata"), pos);
        }
        JsonFrame frame;
        try {
            frame = frames.next();
        } catch (ChangeReadException e) {
            markPosition(e.position());
            throw e;
        }
        if (frame == null) {
            return null;
        }
        Position pos = frame.position();
        markPosition(pos);
        Map<String, Object> members = readMembers(frame);
        if (members == null || !(members.get("metadata") instanceof Metadata md)) {
            // Not the plain envelope (an OpenSearch hit, a Kinesis dump, a broken record): the tree path.
            return toEvent(JsonSupport.parse(frame, context.options().limits()), pos);
        }
        return toEvent(members, md, pos);
    }

    /**
     * The plain envelope's members read straight from the input, or null for any other value.
     * Anything unusual (a duplicate name, another layout) fails or gives null, so the framed path
     * reads and reports that value instead.
     */
    private Map<String, Object> readEnvelope(JsonParser p, Position position) throws IOException {
        Map<String, Object> members = readMembers(p, position, true);
        return members != null && members.get("metadata") instanceof Metadata ? members : null;
    }

    /**
     * The members of a top-level object, read without a tree: {@code metadata} (when an object) as
     * {@link Metadata}, other objects as {@link Row}s, other values as model values; {@code null}
     * when the value is not an object. Syntax errors and limits fail
     * here, as they would in {@link JsonSupport#parse}.
     */
    private Map<String, Object> readMembers(JsonFrame frame) {
        ObjectMapper mapper = JsonSupport.mapper(context.options().limits());
        try (JsonParser p = mapper.createParser(frame.data(), 0, frame.length())) {
            Map<String, Object> members = readMembers(p, frame.position(), false);
            if (members != null && p.nextToken() != null) {
                throw ChangeReadException.malformed(frame.position(), "unexpected content after the JSON value");
            }
            return members;
        } catch (JsonProcessingException e) {
            throw JsonSupport.translate(e, frame.position());
        } catch (IOException e) {
            throw ChangeReadException.malformed(frame.position(),
                    "cannot read JSON value (" + e.getClass().getSimpleName() + ")");
        } catch (NumberFormatException e) {
            throw ChangeReadException.malformed(frame.position(), "number out of the range of an exact decimal");
        }
    }

    /** With {@code shaped}, objects other than {@code metadata} become rows of {@link #rowLayouts}. */
    private Map<String, Object> readMembers(JsonParser p, Position base, boolean shaped) throws IOException {
        // Duplicates are found by the maps being built, which spares the parser a set per object.
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, Object> members = new LinkedHashMap<>(8);
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (members.containsKey(name)) {
                throw duplicate(p, base);
            }
            JsonToken t = p.nextToken();
            Object value;
            if (t != JsonToken.START_OBJECT) {
                value = readValue(p, base);
            } else if (name.equals("metadata")) {
                value = Metadata.read(p, base);
            } else {
                value = shaped ? readShapedRow(p, base) : readRow(p, base);
            }
            members.put(name, value);
        }
        return members;
    }

    /**
     * {@link #readRow} through {@link #rowLayouts}. A name that repeats fails after the object, not
     * at the name: only the direct path reads this way, and its failures are read again framed.
     */
    private Row readShapedRow(JsonParser p, Position base) throws IOException {
        int n = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            ensureShapeCapacity(n + 1);
            p.nextToken();
            shapeNames[n] = name;
            shapeValues[n++] = readValue(p, base);
        }
        Row row = rowLayouts.row(shapeNames, shapeValues, n);
        if (row == null) {
            throw duplicate(p, base);
        }
        return row;
    }

    private void ensureShapeCapacity(int needed) {
        if (needed > shapeNames.length) {
            int size = Math.max(needed, shapeNames.length * 2);
            shapeNames = Arrays.copyOf(shapeNames, size);
            shapeValues = Arrays.copyOf(shapeValues, size);
        }
    }

    /** {@link JsonSupport#readRow}, rejecting a member name that repeats. */
    private static Row readRow(JsonParser p, Position base) throws IOException {
        Row.Builder b = Row.builder();
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (b.has(name)) {
                throw duplicate(p, base);
            }
            p.nextToken();
            b.put(name, readValue(p, base));
        }
        return b.build();
    }

    /** {@link JsonSupport#readValue}, rejecting a member name that repeats in any object. */
    private static Object readValue(JsonParser p, Position base) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return readRow(p, base).asMap();
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(readValue(p, base));
            }
            return io.cdcsdk.core.Values.of(list);
        }
        return JsonSupport.readValue(p);
    }

    // As JsonSupport.translate reports a duplicate found by the parser.
    private static ChangeReadException duplicate(JsonParser p, Position base) {
        com.fasterxml.jackson.core.JsonLocation loc = p.currentLocation();
        Position position = base;
        String where = "";
        if (loc != null && loc.getLineNr() > 0) {
            if (base.line() > 0) {
                position = base.withLine(base.line() + loc.getLineNr() - 1);
            }
            where = " at column " + loc.getColumnNr();
        }
        return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position,
                "duplicate field in JSON object" + where, null);
    }

    /** The plain envelope: {@code metadata} is an object, read into {@code md}. */
    private ChangeEvent toEvent(Map<String, Object> root, Metadata md, Position pos) {
        String recordType = requiredText(md.get(Metadata.RECORD_TYPE), "record-type", pos);
        String operation = requiredText(md.get(Metadata.OPERATION), "operation", pos);
        String schema = optionalText(md.get(Metadata.SCHEMA_NAME), "schema-name", pos);
        String table = optionalText(md.get(Metadata.TABLE_NAME), "table-name", pos);
        SourceInfo source = SourceInfo.of(FORMAT, schema, table);
        boolean hasCommit = md.get(Metadata.COMMIT_TIMESTAMP) != null;
        Instant ts = hasCommit ? instant(md.get(Metadata.COMMIT_TIMESTAMP), "commit-timestamp", pos)
                : instant(md.get(Metadata.TIMESTAMP), "timestamp", pos);
        String tx = asText(md.get(Metadata.TRANSACTION_ID));
        String position = optionalText(md.get(Metadata.STREAM_POSITION), "stream-position", pos);

        ChangeEvent.Builder b;
        if ("control".equals(recordType)) {
            b = ChangeEvent.builder(Operation.DDL, source);
            b.meta("recordType", recordType);
            b.meta("controlOperation", operation);
            if (root.get("control") instanceof Row control) {
                for (Map.Entry<String, Object> e : control.asMap().entrySet()) {
                    b.meta(metaName(e.getKey()), e.getValue());
                }
                if (control.get("table-def") instanceof Map<?, ?> def && def.get("primary-key") instanceof List<?> pk
                        && !pk.isEmpty()) {
                    List<String> cols = new ArrayList<>(pk.size());
                    for (Object o : pk) {
                        cols.add(asText(o) == null ? "null" : asText(o));
                    }
                    primaryKeys.put(qualified(schema, table), cols);
                }
            }
            if ("drop-table".equals(operation)) {
                primaryKeys.remove(qualified(schema, table));
            }
        } else if ("data".equals(recordType)) {
            Operation op = dataOperation(operation, pos);
            Object data = root.get("data");
            if (data == null && !root.containsKey("data")) {
                throw ChangeReadException.missingField(pos, "data");
            }
            if (!(data instanceof Row row)) {
                throw ChangeReadException.unexpectedType(pos, "data", "object", kind(data));
            }
            Row before = null;
            Row after = null;
            if (op == Operation.DELETE) {
                before = row;
            } else {
                after = row;
                Object bi = beforeImage(root);
                if (bi != null || beforeImageField != null && root.containsKey(beforeImageField)) {
                    if (!(bi instanceof Row biRow)) {
                        throw ChangeReadException.unexpectedType(pos, "before image", "object", kind(bi));
                    }
                    if (!biRow.isEmpty()) {
                        before = biRow;
                    }
                }
            }
            List<String> pk = primaryKeys.isEmpty() ? null : primaryKeys.get(qualified(schema, table));
            Row key = pk != null && row.columns().containsAll(pk) ? row.select(pk) : null;
            ChangeEvent shaped = shapedEvent(op, source, key, before, after, ts, tx, position, md, hasCommit, pos);
            if (shaped != null) {
                return shaped;
            }
            b = ChangeEvent.builder(op, source).before(before).after(after).key(key);
            b.meta("recordType", recordType);
        } else {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, pos,
                    "metadata.record-type: expected data or control");
        }
        b.ts(ts).tx(tx).position(position);
        for (int i = 0; i < md.restNames.size(); i++) {
            String name = md.restNames.get(i);
            if (name.equals("timestamp")) {
                if (hasCommit) {
                    b.meta("timestamp", md.restValues.get(i));
                }
            } else {
                b.meta(metaName(name), md.restValues.get(i));
            }
        }
        // Stamped here, the origin spares the base class a copy of the event.
        ReadContext.stampOrigin(b, pos);
        return b.build();
    }

    /**
     * A data record's event with the meta the builder path below gives it ({@code recordType}, the
     * other metadata members, the origin), made from a layout of {@link #metaLayouts}; null when two
     * meta names are the same, which the builder path resolves.
     */
    private ChangeEvent shapedEvent(Operation op, SourceInfo source, Row key, Row before, Row after, Instant ts,
                                    String tx, String position, Metadata md, boolean hasCommit, Position pos) {
        int n = 0;
        ensureShapeCapacity(md.restNames.size() + 4);
        String[] names = shapeNames;
        Object[] values = shapeValues;
        names[n] = "recordType";
        values[n++] = "data";
        for (int i = 0; i < md.restNames.size(); i++) {
            String name = md.restNames.get(i);
            if (hasCommit || !name.equals("timestamp")) {
                names[n] = name.equals("timestamp") ? name : metaName(name);
                values[n++] = md.restValues.get(i);
            }
        }
        names[n] = ChangeEvent.META_FILE;
        values[n++] = pos.sourceName();
        if (pos.line() > 0) {
            names[n] = ChangeEvent.META_LINE;
            values[n++] = BigDecimal.valueOf(pos.line());
        }
        if (pos.record() > 0) {
            names[n] = ChangeEvent.META_RECORD;
            values[n++] = BigDecimal.valueOf(pos.record());
        }
        Row meta = metaLayouts.row(names, values, n);
        return meta == null ? null : new ChangeEvent(op, source, key, before, after, ts, position, tx, meta.asMap());
    }

    /** The key of a table in {@link #primaryKeys}. */
    private static String qualified(String schema, String table) {
        return (schema == null ? "" : schema) + "." + (table == null ? "" : table);
    }

    /** The metadata members the reader uses, and the others in document order. */
    private static final class Metadata {
        static final int RECORD_TYPE = 0;
        static final int OPERATION = 1;
        static final int SCHEMA_NAME = 2;
        static final int TABLE_NAME = 3;
        static final int TIMESTAMP = 4;
        static final int COMMIT_TIMESTAMP = 5;
        static final int TRANSACTION_ID = 6;
        static final int STREAM_POSITION = 7;

        private final Object[] used = new Object[8];
        private int seen;
        /** Members other than the used ones, and {@code timestamp}, in document order. */
        final List<String> restNames = new ArrayList<>(4);
        final List<Object> restValues = new ArrayList<>(4);

        private static int member(String name) {
            return switch (name) {
                case "record-type" -> RECORD_TYPE;
                case "operation" -> OPERATION;
                case "schema-name" -> SCHEMA_NAME;
                case "table-name" -> TABLE_NAME;
                case "timestamp" -> TIMESTAMP;
                case "commit-timestamp" -> COMMIT_TIMESTAMP;
                case "transaction-id" -> TRANSACTION_ID;
                case "stream-position" -> STREAM_POSITION;
                default -> -1;
            };
        }

        /** Reads the object at the parser's {@code START_OBJECT}, rejecting a name that repeats. */
        static Metadata read(JsonParser p, Position position) throws IOException {
            Metadata m = new Metadata();
            String name;
            while ((name = p.nextFieldName()) != null) {
                int member = member(name);
                if (member >= 0 ? (m.seen & 1 << member) != 0 : m.restNames.contains(name)) {
                    throw duplicate(p, position);
                }
                p.nextToken();
                Object value = readValue(p, position);
                if (member >= 0) {
                    m.seen |= 1 << member;
                    m.used[member] = value;
                }
                if (member < 0 || member == TIMESTAMP) {
                    m.restNames.add(name);
                    m.restValues.add(value);
                }
            }
            return m;
        }

        /** The value of a used member, or null when absent. */
        Object get(int member) {
            return used[member];
        }
    }

    /** {@link #camel} of a metadata or control member name, cached: records repeat the same few names. */
    private String metaName(String name) {
        String c = metaNames.get(name);
        if (c == null) {
            c = camel(name);
            if (metaNames.size() < 1024) {
                metaNames.put(name, c);
            }
        }
        return c;
    }

    private Object beforeImage(Map<String, Object> root) {
        if (beforeImageField != null) {
            return root.get(beforeImageField);
        }
        for (Map.Entry<String, Object> e : root.entrySet()) {
            String k = e.getKey();
            if (!k.equals("data") && !k.equals("metadata") && !k.equals("control") && e.getValue() instanceof Row) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Operation dataOperation(String operation, Position pos) {
        return switch (operation) {
            case "load" -> Operation.SNAPSHOT;
            case "insert" -> Operation.INSERT;
            case "update" -> Operation.UPDATE;
            case "delete" -> Operation.DELETE;
            default -> throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, pos,
                    "metadata.operation of a data record: expected load, insert, update or delete");
        };
    }

    // What JsonNode.asText() gives for the node of a model value; null for an absent or null value.
    private static String asText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof String || v instanceof Boolean) {
            return v.toString();
        }
        return "";
    }

    private static String requiredText(Object v, String field, Position pos) {
        if (v == null) {
            throw ChangeReadException.missingField(pos, "metadata." + field);
        }
        return optionalText(v, field, pos);
    }

    private static String optionalText(Object v, String field, Position pos) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ChangeReadException.unexpectedType(pos, "metadata." + field, "string", kind(v));
        }
        return s;
    }

    private static Instant instant(Object v, String field, Position pos) {
        String s = optionalText(v, field, pos);
        return s == null ? null : parseInstant(s, field, pos);
    }

    private static Instant parseInstant(String s, String field, Position pos) {
        Instant fast = Timestamps.isoInstant(s);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ChangeReadException.unexpectedType(pos, "metadata." + field, "an ISO-8601 UTC timestamp",
                    "text of another form");
        }
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof BigDecimal) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof List<?>) {
            return "array";
        }
        return "object";
    }

    private ChangeEvent toEvent(JsonNode root, Position pos) {
        if (!root.isObject()) {
            throw ChangeReadException.unexpectedType(pos, "$", "a DMS record object", root.getNodeType().name().toLowerCase());
        }
        Map<String, Object> extraMeta = new java.util.LinkedHashMap<>();
        if (!root.has("metadata")) {
            JsonNode source = root.get("_source");
            if (source != null && source.isObject() && source.has("metadata")) {
                // An OpenSearch hit of a DMS record delivered through Firehose.
                if (root.get("_index") != null && root.get("_index").isTextual()) {
                    extraMeta.put("openSearchIndex", root.get("_index").textValue());
                }
                if (root.get("_id") != null && root.get("_id").isTextual()) {
                    extraMeta.put("openSearchId", root.get("_id").textValue());
                }
                root = source;
            } else if (root.get("data") != null && root.get("data").isTextual()
                    && (root.has("sequenceNumber") || root.has("partitionKey"))) {
                // A Kinesis record dump: data holds the record text.
                String text = root.get("data").textValue();
                text(root, "sequenceNumber", extraMeta, "kinesisSequenceNumber");
                text(root, "partitionKey", extraMeta, "kinesisPartitionKey");
                text(root, "streamName", extraMeta, "kinesisStreamName");
                String trimmed = text.strip();
                if (!trimmed.startsWith("{")) {
                    throw ChangeReadException.unexpectedType(pos, "$.data", "the DMS record text of a Kinesis record",
                            "text that is not a JSON object (the dump did not keep the record payload)");
                }
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                root = JsonSupport.parse(new JsonFrame(bytes, bytes.length, pos.withLine(-1)), context.options().limits());
                if (!root.isObject() || !root.has("metadata")) {
                    throw ChangeReadException.missingField(pos, "$.data.metadata");
                }
            } else {
                throw ChangeReadException.missingField(pos, "metadata");
            }
        }
        JsonNode md = root.get("metadata");
        if (!md.isObject()) {
            throw ChangeReadException.unexpectedType(pos, "metadata", "object", kind(md));
        }
        String recordType = requiredText(md, "record-type", pos);
        String operation = requiredText(md, "operation", pos);
        String schema = optionalText(md, "schema-name", pos);
        String table = optionalText(md, "table-name", pos);
        SourceInfo source = SourceInfo.of(FORMAT, schema, table);
        String qualified = (schema == null ? "" : schema) + "." + (table == null ? "" : table);

        Instant ts;
        boolean hasCommit = md.hasNonNull("commit-timestamp");
        ts = instant(md, hasCommit ? "commit-timestamp" : "timestamp", pos);
        String tx = null;
        JsonNode txNode = md.get("transaction-id");
        if (txNode != null && !txNode.isNull()) {
            tx = txNode.isNumber() ? JsonSupport.decimal(txNode).toPlainString() : txNode.asText();
        }
        String position = optionalText(md, "stream-position", pos);

        ChangeEvent.Builder b;
        if ("control".equals(recordType)) {
            b = ChangeEvent.builder(Operation.DDL, source);
            b.meta("recordType", recordType);
            b.meta("controlOperation", operation);
            JsonNode control = root.get("control");
            if (control != null && control.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = control.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.meta(camel(e.getKey()), JsonSupport.toValue(e.getValue()));
                }
                JsonNode def = control.get("table-def");
                if (def != null && def.isObject()) {
                    JsonNode pk = def.get("primary-key");
                    if (pk != null && pk.isArray() && pk.size() > 0) {
                        List<String> cols = new ArrayList<>();
                        pk.forEach(n -> cols.add(n.asText()));
                        primaryKeys.put(qualified, cols);
                    }
                }
            }
            if ("drop-table".equals(operation)) {
                primaryKeys.remove(qualified);
            }
        } else if ("data".equals(recordType)) {
            Operation op = switch (operation) {
                case "load" -> Operation.SNAPSHOT;
                case "insert" -> Operation.INSERT;
                case "update" -> Operation.UPDATE;
                case "delete" -> Operation.DELETE;
                default -> throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, pos,
                        "metadata.operation of a data record: expected load, insert, update or delete");
            };
            JsonNode data = root.get("data");
            if (data == null) {
                throw ChangeReadException.missingField(pos, "data");
            }
            if (!data.isObject()) {
                throw ChangeReadException.unexpectedType(pos, "data", "object", kind(data));
            }
            Row row = JsonSupport.toRow(data);
            Row before = null;
            Row after = null;
            if (op == Operation.DELETE) {
                before = row;
            } else {
                after = row;
                JsonNode bi = beforeImage(root);
                if (bi != null) {
                    if (!bi.isObject()) {
                        throw ChangeReadException.unexpectedType(pos, "before image", "object", kind(bi));
                    }
                    if (bi.size() > 0) {
                        before = JsonSupport.toRow(bi);
                    }
                }
            }
            b = ChangeEvent.builder(op, source).before(before).after(after);
            List<String> pk = primaryKeys.get(qualified);
            if (pk != null && row.columns().containsAll(pk)) {
                b.key(row.select(pk));
            }
            b.meta("recordType", recordType);
        } else {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, pos,
                    "metadata.record-type: expected data or control");
        }
        b.ts(ts).tx(tx).position(position);
        for (Iterator<Map.Entry<String, JsonNode>> it = md.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "record-type", "operation", "schema-name", "table-name", "transaction-id",
                     "stream-position", "commit-timestamp" -> {
                }
                case "timestamp" -> {
                    if (hasCommit) {
                        b.meta("timestamp", JsonSupport.toValue(e.getValue()));
                    }
                }
                default -> b.meta(camel(e.getKey()), JsonSupport.toValue(e.getValue()));
            }
        }
        b.meta(extraMeta);
        return b.build();
    }

    private JsonNode beforeImage(JsonNode root) {
        if (beforeImageField != null) {
            return root.get(beforeImageField);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (!k.equals("data") && !k.equals("metadata") && !k.equals("control") && e.getValue().isObject()) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void text(JsonNode node, String field, Map<String, Object> meta, String name) {
        JsonNode v = node.get(field);
        if (v != null && v.isTextual()) {
            meta.put(name, v.textValue());
        }
    }

    private static String requiredText(JsonNode md, String field, Position pos) {
        JsonNode v = md.get(field);
        if (v == null || v.isNull()) {
            throw ChangeReadException.missingField(pos, "metadata." + field);
        }
        if (!v.isTextual()) {
            throw ChangeReadException.unexpectedType(pos, "metadata." + field, "string", kind(v));
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode md, String field, Position pos) {
        JsonNode v = md.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ChangeReadException.unexpectedType(pos, "metadata." + field, "string", kind(v));
        }
        return v.textValue();
    }

    private static Instant instant(JsonNode md, String field, Position pos) {
        String s = optionalText(md, field, pos);
        return s == null ? null : parseInstant(s, field, pos);
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code partition-key-type} to {@code partitionKeyType}. */
    static String camel(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
