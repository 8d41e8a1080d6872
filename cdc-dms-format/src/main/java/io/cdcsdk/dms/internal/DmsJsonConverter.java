package io.cdcsdk.dms.internal;

import io.cdcsdk.core.internal.Origins;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.internal.RowLayouts;
import io.cdcsdk.dms.TableDefinitions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ChangeEvent} of a DMS JSON record, from its members as {@link DmsJsonMembers} reads
 * them: data records as insert, update, delete or snapshot, control records (DDL, and
 * {@code awsdms_apply_exceptions}) as ddl with the {@code control} body in meta. Keys come from the
 * {@code table-def.primary-key} of the table's last control record; the before image of an update
 * from the configured member, or else any other object member. An OpenSearch hit whose
 * {@code _source} is a record, and a Kinesis record dump whose {@code data} holds the record text,
 * give the record inside. One per reader: it learns keys as it goes.
 *
 * <p>Images: see {@link Events#images}; an update's before image (the before-image member) is keys
 * when it holds key columns only, full when it holds every column of the after image, else
 * partial. With table definitions, a {@code nullMeansUnavailable} column that an update gives as
 * null or leaves out (DMS leaves NULL columns out unless {@code IncludeNullAndEmpty}) is
 * unavailable, and a table's key there is the key until a control record gives one.
 */
final class DmsJsonConverter {
    private static final String FORMAT = "dms-json";

    private final DmsJsonMembers members;
    private final String beforeImageField;
    private final TableDefinitions definitions;
    /** Primary keys learned from control records, by {@code schema.table}. */
    private final Map<String, List<String>> primaryKeys = new HashMap<>();
    private final Map<String, String> metaNames = new HashMap<>();
    // The meta of data records, made from layouts that records of one table share.
    private final RowLayouts metaLayouts = new RowLayouts();
    private String[] names = new String[16];
    private Object[] values = new Object[16];

    /**
     * @param members          reads the record text of a Kinesis record dump
     * @param beforeImageField the {@code BeforeImageSettings.FieldName}, or null for any other object
     * @param definitions      the table definitions, for keys and {@code nullMeansUnavailable}
     */
    DmsJsonConverter(DmsJsonMembers members, String beforeImageField, TableDefinitions definitions) {
        this.members = members;
        this.beforeImageField = beforeImageField;
        this.definitions = definitions;
    }

    /** The event of the record of {@code root}'s members, which starts at {@code pos}. */
    ChangeEvent toEvent(Map<String, Object> root, Position pos) {
        Map<String, Object> wrapper = null;
        if (!root.containsKey("metadata")) {
            wrapper = new LinkedHashMap<>(4);
            root = unwrap(root, pos, wrapper);
        }
        Object metadata = root.get("metadata");
        if (!(metadata instanceof DmsJsonMetadata md)) {
            throw ChangeReadException.unexpectedType(pos, "metadata", "object", kind(metadata));
        }
        String recordType = requiredText(md.get(DmsJsonMetadata.RECORD_TYPE), "record-type", pos);
        String operation = requiredText(md.get(DmsJsonMetadata.OPERATION), "operation", pos);
        String schema = optionalText(md.get(DmsJsonMetadata.SCHEMA_NAME), "schema-name", pos);
        String table = optionalText(md.get(DmsJsonMetadata.TABLE_NAME), "table-name", pos);
        SourceInfo source = SourceInfo.of(FORMAT, schema, table);
        boolean hasCommit = md.get(DmsJsonMetadata.COMMIT_TIMESTAMP) != null;
        Instant ts = hasCommit ? instant(md.get(DmsJsonMetadata.COMMIT_TIMESTAMP), "commit-timestamp", pos)
                : instant(md.get(DmsJsonMetadata.TIMESTAMP), "timestamp", pos);
        String tx = asText(md.get(DmsJsonMetadata.TRANSACTION_ID));
        String position = optionalText(md.get(DmsJsonMetadata.STREAM_POSITION), "stream-position", pos);

        ChangeEvent.Builder b;
        if ("control".equals(recordType)) {
            b = ChangeEvent.builder(Operation.DDL, source);
            b.meta("recordType", recordType);
            b.meta("controlOperation", operation);
            if (root.get("control") instanceof Row control) {
                for (Map.Entry<String, Object> e : control.asMap().entrySet()) {
                    b.meta(metaName(e.getKey()), e.getValue());
                }
                learnKey(control, schema, table);
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
            TableDefinitions.Table defined = definitions.tables().isEmpty() || table == null ? null
                    : definitions.find(schema == null ? "" : schema, table).orElse(null);
            if (pk == null && defined != null && !defined.key().isEmpty()) {
                pk = defined.key();
            }
            Row key = pk != null && row.columns().containsAll(pk) ? row.select(pk) : null;
            Set<String> unavailable = Set.of();
            if (op == Operation.UPDATE && defined != null && !defined.nullMeansUnavailable().isEmpty()) {
                unavailable = unavailable(row, defined.nullMeansUnavailable());
                if (!unavailable.isEmpty()) {
                    after = without(row, unavailable);
                }
            }
            Completeness beforeColumns = op != Operation.UPDATE || before == null ? null
                    : pk != null && pk.containsAll(before.columns()) ? Completeness.KEYS
                    : before.columns().containsAll(row.columns()) ? Completeness.FULL : Completeness.PARTIAL;
            Images images = Events.images(op, row, op == Operation.UPDATE ? before : null, beforeColumns, pk,
                    !unavailable.isEmpty());
            if (wrapper == null) {
                ChangeEvent shaped = shapedEvent(op, source, key, before, after, ts, tx, position, md, hasCommit, pos,
                        images, unavailable);
                if (shaped != null) {
                    return shaped;
                }
            }
            b = ChangeEvent.builder(op, source).before(before).after(after).key(key).images(images)
                    .unavailable(unavailable);
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
        if (wrapper != null) {
            b.meta(wrapper);
        }
        // Stamped here, the origin spares the base class a copy of the event.
        Origins.stampOrigin(b, pos);
        return b.build();
    }

    /** The columns of {@code columns} that {@code row} gives as null or not at all, in that order. */
    private static Set<String> unavailable(Row row, List<String> columns) {
        Set<String> out = null;
        for (String c : columns) {
            if (row.get(c) == null) {
                if (out == null) {
                    out = new LinkedHashSet<>();
                }
                out.add(c);
            }
        }
        return out == null ? Set.of() : Collections.unmodifiableSet(out);
    }

    private static Row without(Row row, Set<String> columns) {
        Row.Builder b = Row.builder();
        for (String c : row.columns()) {
            if (!columns.contains(c)) {
                b.put(c, row.get(c));
            }
        }
        return b.build();
    }

    /** Remembers the {@code table-def.primary-key} of a control record's body, when it names columns. */
    private void learnKey(Row control, String schema, String table) {
        if (control.get("table-def") instanceof Map<?, ?> def && def.get("primary-key") instanceof List<?> pk
                && !pk.isEmpty()) {
            List<String> cols = new ArrayList<>(pk.size());
            for (Object o : pk) {
                cols.add(o == null ? "null" : asText(o));
            }
            primaryKeys.put(qualified(schema, table), cols);
        }
    }

    /**
     * The members of the record inside a record without {@code metadata}, which must be an
     * OpenSearch hit or a Kinesis record dump; what the wrapper tells of the record goes to
     * {@code meta}.
     */
    private Map<String, Object> unwrap(Map<String, Object> root, Position pos, Map<String, Object> meta) {
        if (root.get("_source") instanceof Row source && source.has("metadata")) {
            // An OpenSearch hit of a DMS record delivered through Firehose.
            text(root, "_index", meta, "openSearchIndex");
            text(root, "_id", meta, "openSearchId");
            Map<String, Object> inner = new LinkedHashMap<>(8);
            for (Map.Entry<String, Object> e : source.asMap().entrySet()) {
                // As DmsJsonMembers reads the members of a record: its objects are rows, or metadata.
                Object value = e.getValue();
                if (value instanceof Map<?, ?> object) {
                    value = e.getKey().equals("metadata") ? DmsJsonMetadata.of(object) : row(object);
                }
                inner.put(e.getKey(), value);
            }
            return inner;
        }
        if (root.get("data") instanceof String text && (root.containsKey("sequenceNumber")
                || root.containsKey("partitionKey"))) {
            // A Kinesis record dump: data holds the record text.
            text(root, "sequenceNumber", meta, "kinesisSequenceNumber");
            text(root, "partitionKey", meta, "kinesisPartitionKey");
            text(root, "streamName", meta, "kinesisStreamName");
            if (!text.strip().startsWith("{")) {
                throw ChangeReadException.unexpectedType(pos, "$.data", "the DMS record text of a Kinesis record",
                        "text that is not a JSON object (the dump did not keep the record payload)");
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Map<String, Object> inner = members.read(new JsonFrame(bytes, bytes.length, pos.withLine(-1)));
            if (!inner.containsKey("metadata")) {
                throw ChangeReadException.missingField(pos, "$.data.metadata");
            }
            return inner;
        }
        throw ChangeReadException.missingField(pos, "metadata");
    }

    @SuppressWarnings("unchecked") // the model's objects have names for keys
    private static Row row(Map<?, ?> object) {
        return Row.of((Map<String, ?>) object);
    }

    private static void text(Map<String, Object> root, String member, Map<String, Object> meta, String name) {
        if (root.get(member) instanceof String s) {
            meta.put(name, s);
        }
    }

    /**
     * A data record's event with the meta the builder path gives it ({@code recordType}, the other
     * metadata members, the origin), made from a layout of {@link #metaLayouts}; null when two
     * meta names are the same, which the builder path resolves.
     */
    private ChangeEvent shapedEvent(Operation op, SourceInfo source, Row key, Row before, Row after, Instant ts,
                                    String tx, String position, DmsJsonMetadata md, boolean hasCommit, Position pos,
                                    Images images, Set<String> unavailable) {
        int n = 0;
        if (md.restNames.size() + 4 > names.length) {
            names = Arrays.copyOf(names, md.restNames.size() + 4);
            values = Arrays.copyOf(values, md.restNames.size() + 4);
        }
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
        return meta == null ? null
                : new ChangeEvent(op, source, key, before, after, ts, position, tx, meta.asMap(), images, unavailable);
    }

    /** The key of a table in {@link #primaryKeys}. */
    private static String qualified(String schema, String table) {
        return (schema == null ? "" : schema) + "." + (table == null ? "" : table);
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

    // The text of a scalar as DMS writes it (a number in plain form); "" for an object or array, null for null.
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
        if (s == null) {
            return null;
        }
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

    /** The JSON type of a model value, for messages. */
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
