package io.cdcsdk.dms.internal;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dms.DmsCsvSettings;
import io.cdcsdk.dms.DmsObjectKey;
import io.cdcsdk.dms.TableDefinitions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads DMS S3 CSV files (see {@link io.cdcsdk.dms.DmsCsvAdapter}). */
public final class DmsCsvReader extends AbstractChangeReader {
    private static final String FORMAT = "dms-csv";
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private final CsvScanner scanner;
    private final DmsCsvSettings settings;
    private final TableDefinitions definitions;
    private final DmsObjectKey objectKey;
    private final boolean load;
    private final boolean transactionFile;
    private TableDefinitions.Table table;
    private String schemaName;
    private String tableName;
    private boolean first = true;
    /** Column names from a header row, when the file has one and no definition applies. */
    private List<String> header;
    /** The table whose key columns {@link #keyOrder} holds. */
    private TableDefinitions.Table keyTable;
    private List<String> keyOrder;

    /** A reader over {@code in}, which it owns and closes. */
    public DmsCsvReader(InputStream in, ReadContext context) {
        this(new CsvScanner(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16),
                context.options().extension(DmsCsvSettings.class).orElse(DmsCsvSettings.defaults()).delimiter(),
                context.sourceName(), context.options().limits().maxStringLength(),
                context.options().limits().maxRecordBytes()), context);
    }

    private DmsCsvReader(CsvScanner scanner, ReadContext context) {
        super(context, scanner);
        this.scanner = scanner;
        this.settings = context.options().extension(DmsCsvSettings.class).orElse(DmsCsvSettings.defaults());
        this.definitions = context.options().extension(TableDefinitions.class).orElse(TableDefinitions.empty());
        this.objectKey = DmsObjectKey.parse(context.sourceName());
        this.load = objectKey.kind() == DmsObjectKey.Kind.LOAD;
        this.transactionFile = objectKey.kind() == DmsObjectKey.Kind.CDC_TXN;
        if (!transactionFile) {
            if (objectKey.hasTable()) {
                schemaName = objectKey.schema();
                tableName = objectKey.table();
                table = definitions.find(schemaName, tableName).orElse(null);
            } else if (definitions.tables().size() == 1) {
                table = definitions.tables().values().iterator().next();
                schemaName = table.schema();
                tableName = table.table();
            } else if (definitions.tables().size() > 1) {
                throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, Position.of(context.sourceName()),
                        "cannot tell the table: the source name has no schema/table folders and the table definitions"
                                + " hold " + definitions.tables().size() + " tables");
            }
        }
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        while (true) {
            List<CsvScanner.Field> fields;
            try {
                fields = scanner.next();
            } catch (ChangeReadException e) {
                markPosition(e.position());
                throw e;
            }
            if (fields == null) {
                return null;
            }
            Position pos = scanner.lastPosition();
            markPosition(pos);
            boolean wasFirst = first;
            first = false;
            if (transactionFile) {
                return transactionRow(fields, pos);
            }
            if (table == null) {
                if (wasFirst) {
                    if (isOp(fields.get(0))) {
                        // Without a layout no row of this file can be read: the reader ends.
                        throw ChangeReadException.inputBroken(ChangeReadException.Kind.UNSUPPORTED, pos,
                                "no table definition for " + describeTable()
                                        + " and the file has no header row (pass table definitions)", null);
                    }
                    header = new ArrayList<>();
                    for (CsvScanner.Field f : fields) {
                        header.add(f.text());
                    }
                    continue;
                }
                return headerRow(fields, pos);
            }
            if (wasFirst && isHeader(fields, table)) {
                continue;
            }
            return tableRow(fields, 0, table, SourceInfo.of(FORMAT, schemaName, tableName), pos);
        }
    }

    private String describeTable() {
        return schemaName == null ? "this file (no schema/table folders in its name)" : schemaName + "." + tableName;
    }

    private static boolean isHeader(List<CsvScanner.Field> fields, TableDefinitions.Table t) {
        List<String> layout = t.layout();
        int offset = fields.size() == layout.size() + 1 ? 1 : 0;
        if (fields.size() - offset != layout.size()) {
            return false;
        }
        for (int i = 0; i < layout.size(); i++) {
            if (!layout.get(i).equalsIgnoreCase(fields.get(i + offset).text())) {
                return false;
            }
        }
        return true;
    }

    private ChangeEvent headerRow(List<CsvScanner.Field> fields, Position pos) {
        if (fields.size() != header.size()) {
            throw ChangeReadException.malformed(pos, "expected " + header.size() + " fields (as in the header row) but found "
                    + fields.size());
        }
        Operation op = operation(fields.get(0), pos);
        Row.Builder row = Row.builder();
        for (int i = 1; i < fields.size(); i++) {
            row.put(header.get(i), value(fields.get(i)));
        }
        Row image = row.build();
        ChangeEvent.Builder b = ChangeEvent.builder(op, SourceInfo.of(FORMAT, schemaName, tableName));
        if (op == Operation.DELETE) {
            b.before(image);
        } else {
            b.after(image);
        }
        return b.build();
    }

    private ChangeEvent transactionRow(List<CsvScanner.Field> fields, Position pos) {
        if (fields.size() < 3) {
            throw ChangeReadException.malformed(pos, "expected at least 3 fields (operation, table, schema) but found "
                    + fields.size());
        }
        String tbl = fields.get(1).text();
        String sch = fields.get(2).text();
        TableDefinitions.Table t = definitions.find(sch, tbl).orElse(null);
        if (t == null) {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, pos,
                    "no table definition for the table named in field 2 and 3 of this transaction file row");
        }
        List<CsvScanner.Field> rest = new ArrayList<>(fields.size() - 2);
        rest.add(fields.get(0));
        rest.addAll(fields.subList(3, fields.size()));
        return tableRow(rest, 0, t, SourceInfo.of(FORMAT, sch, tbl), pos);
    }

    private ChangeEvent tableRow(List<CsvScanner.Field> fields, int unused, TableDefinitions.Table t, SourceInfo source,
                                 Position pos) {
        int layout = (t.timestampColumn() == null ? 0 : 1) + t.columns().size() + t.trailingColumns().size();
        int n = fields.size();
        boolean hasOp;
        if (n == layout + 1 && isOp(fields.get(0))) {
            hasOp = true;
        } else if (n == layout) {
            hasOp = false;
        } else {
            throw ChangeReadException.malformed(pos, "expected " + layout + " fields, or " + (layout + 1)
                    + " with the Op field, for " + t.qualifiedName() + " but found " + n);
        }
        Operation op = hasOp ? operation(fields.get(0), pos) : Operation.INSERT;
        if (load) {
            op = Operation.SNAPSHOT;
        }
        int i = hasOp ? 1 : 0;
        Instant ts = null;
        if (t.timestampColumn() != null) {
            ts = timestamp(fields.get(i++), pos, t.timestampColumn());
        }
        Row.Builder image = Row.builder();
        for (String c : t.columns()) {
            image.put(c, value(fields.get(i++)));
        }
        String position = null;
        Row.Builder before = null;
        String prefix = t.beforeImagePrefix();
        for (String c : t.trailingColumns()) {
            Object v = value(fields.get(i++));
            if (c.equals(t.positionColumn())) {
                position = v == null ? null : v.toString();
            } else if (prefix != null && c.startsWith(prefix) && t.columns().contains(c.substring(prefix.length()))) {
                if (v != null && !(v instanceof String s && s.isEmpty())) {
                    if (before == null) {
                        before = Row.builder();
                    }
                    before.put(c.substring(prefix.length()), v);
                }
            } else {
                image.put(c, v);
            }
        }
        boolean anyBefore = before != null;
        Row row = image.build();
        ChangeEvent.Builder b = ChangeEvent.builder(op, source).ts(ts).position(position);
        if (op == Operation.DELETE) {
            b.before(row);
        } else {
            b.after(row);
            if (anyBefore) {
                b.before(before.build());
            }
        }
        if (!t.key().isEmpty()) {
            // Row.select in row order, without walking every column: the key columns are source
            // columns, which come first and in table order.
            Row.Builder key = Row.builder();
            for (String c : keyInRowOrder(t)) {
                key.put(c, row.get(c));
            }
            b.key(key.build());
        }
        // Stamped here, the origin spares the base class a copy of the event.
        ReadContext.stampOrigin(b, pos);
        return b.build();
    }

    private List<String> keyInRowOrder(TableDefinitions.Table t) {
        if (t != keyTable) {
            List<String> order = new ArrayList<>(t.key().size());
            for (String c : t.columns()) {
                if (t.key().contains(c)) {
                    order.add(c);
                }
            }
            keyTable = t;
            keyOrder = order;
        }
        return keyOrder;
    }

    private Object value(CsvScanner.Field f) {
        if (f.quoted()) {
            return f.text();
        }
        if (settings.nullString() == null) {
            return f.text().isEmpty() ? null : f.text();
        }
        return f.text().equals(settings.nullString()) ? null : f.text();
    }

    private static Instant timestamp(CsvScanner.Field f, Position pos, String column) {
        if (f.text().isEmpty()) {
            return null;
        }
        Instant fast = Timestamps.dmsTimestamp(f.text());
        if (fast != null) {
            return fast;
        }
        try {
            return LocalDateTime.parse(f.text(), TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ChangeReadException.unexpectedType(pos, "timestamp column " + column,
                    "yyyy-MM-dd HH:mm:ss[.ffffff]", "text of another form");
        }
    }

    static boolean isOp(CsvScanner.Field f) {
        if (f.quoted()) {
            return false;
        }
        if (f.text().length() == 1) {
            return single(f.text().charAt(0)) != null;
        }
        return switch (f.text().toUpperCase(Locale.ROOT)) {
            case "I", "U", "D", "INSERT", "UPDATE", "DELETE" -> true;
            default -> false;
        };
    }

    // The one-letter Op values, without case conversion: the common case.
    static Operation single(char c) {
        return switch (c) {
            case 'I', 'i' -> Operation.INSERT;
            case 'U', 'u' -> Operation.UPDATE;
            case 'D', 'd' -> Operation.DELETE;
            default -> null;
        };
    }

    private Operation operation(CsvScanner.Field f, Position pos) {
        String s = f.text().length() == 1 ? "" : f.text().toUpperCase(Locale.ROOT);
        Operation op = f.text().length() == 1 ? single(f.text().charAt(0)) : switch (s) {
            case "I", "INSERT" -> Operation.INSERT;
            case "U", "UPDATE" -> Operation.UPDATE;
            case "D", "DELETE" -> Operation.DELETE;
            default -> null;
        };
        if (op == null) {
            throw ChangeReadException.unexpectedType(pos, "field 1 (Op)", "I, U, D, INSERT, UPDATE or DELETE",
                    f.text().isEmpty() ? "an empty field" : "another value");
        }
        return load ? Operation.SNAPSHOT : op;
    }
}
