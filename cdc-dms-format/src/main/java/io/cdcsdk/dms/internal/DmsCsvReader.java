package io.cdcsdk.dms.internal;

import io.cdcsdk.core.internal.RowLayout;
import io.cdcsdk.core.Bytes;
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
    /** The source of every row of a file that is not a transaction file. */
    private final SourceInfo fileSource;
    /** How rows of {@link #layoutTable} become images; one table at a time, the last one used. */
    private TableDefinitions.Table layoutTable;
    private TableLayout layout;

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
        this.fileSource = SourceInfo.of(FORMAT, schemaName, tableName);
    }

    /** {@return the failed row's text in UTF-8, without its line break} */
    @Override
    protected Bytes failedRecordBytes() {
        byte[] raw = scanner.lastRecordBytes();
        return raw == null ? null : Bytes.of(raw);
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        while (true) {
            int n;
            try {
                n = scanner.nextRecord();
            } catch (ChangeReadException e) {
                markPosition(e.position());
                throw e;
            }
            if (n < 0) {
                return null;
            }
            Position pos = scanner.lastPosition();
            markPosition(pos);
            boolean wasFirst = first;
            first = false;
            if (transactionFile) {
                return transactionRow(n, pos);
            }
            if (table == null) {
                if (wasFirst) {
                    if (isOp(scanner.text(0), scanner.quoted(0))) {
                        // Without a layout no row of this file can be read: the reader ends.
                        throw ChangeReadException.inputBroken(ChangeReadException.Kind.UNSUPPORTED, pos,
                                "no table definition for " + describeTable()
                                        + " and the file has no header row (pass table definitions)", null);
                    }
                    header = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        header.add(scanner.text(i));
                    }
                    continue;
                }
                return headerRow(n, pos);
            }
            if (wasFirst && isHeader(n, table)) {
                continue;
            }
            return tableRow(n, 0, table, fileSource, pos);
        }
    }

    private String describeTable() {
        return schemaName == null ? "this file (no schema/table folders in its name)" : schemaName + "." + tableName;
    }

    private boolean isHeader(int n, TableDefinitions.Table t) {
        List<String> layout = t.layout();
        int offset = n == layout.size() + 1 ? 1 : 0;
        if (n - offset != layout.size()) {
            return false;
        }
        for (int i = 0; i < layout.size(); i++) {
            if (!layout.get(i).equalsIgnoreCase(scanner.text(i + offset))) {
                return false;
            }
        }
        return true;
    }

    private ChangeEvent headerRow(int n, Position pos) {
        if (n != header.size()) {
            throw ChangeReadException.malformed(pos, "expected " + header.size() + " fields (as in the header row) but found "
                    + n);
        }
        Operation op = operation(scanner.text(0), pos);
        Row.Builder row = Row.builder();
        for (int i = 1; i < n; i++) {
            row.put(header.get(i), value(i));
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

    private ChangeEvent transactionRow(int n, Position pos) {
        if (n < 3) {
            throw ChangeReadException.malformed(pos, "expected at least 3 fields (operation, table, schema) but found "
                    + n);
        }
        String tbl = scanner.text(1);
        String sch = scanner.text(2);
        TableDefinitions.Table t = definitions.find(sch, tbl).orElse(null);
        if (t == null) {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, pos,
                    "no table definition for the table named in field 2 and 3 of this transaction file row");
        }
        // The row is the Op field and the fields after table and schema.
        return tableRow(n - 2, 2, t, SourceInfo.of(FORMAT, sch, tbl), pos);
    }

    /**
     * A row of table {@code t}: {@code n} fields, the first (Op or not) at scanner field 0 and the
     * others {@code skip} fields further on than their place in the row (a transaction file row has
     * table and schema after Op).
     */
    private ChangeEvent tableRow(int n, int skip, TableDefinitions.Table t, SourceInfo source, Position pos) {
        TableLayout l = layout(t);
        boolean hasOp;
        if (n == l.fields + 1 && isOp(scanner.text(0), scanner.quoted(0))) {
            hasOp = true;
        } else if (n == l.fields) {
            hasOp = false;
        } else {
            throw ChangeReadException.malformed(pos, "expected " + l.fields + " fields, or " + (l.fields + 1)
                    + " with the Op field, for " + t.qualifiedName() + " but found " + n);
        }
        Operation op = hasOp ? operation(scanner.text(0), pos) : Operation.INSERT;
        if (load) {
            op = Operation.SNAPSHOT;
        }
        int i = hasOp ? 1 : 0;
        Instant ts = null;
        if (t.timestampColumn() != null) {
            ts = timestamp(scanner.text(i == 0 ? 0 : i + skip), pos, t.timestampColumn());
            i++;
        }
        Object[] values = new Object[l.roles.length];
        for (int j = 0; j < values.length; j++, i++) {
            values[j] = value(i == 0 ? 0 : i + skip);
        }
        String position = null;
        Row.Builder before = null;
        for (int j = l.columns; j < values.length; j++) {
            Object v = values[j];
            if (l.roles[j] == TableLayout.POSITION) {
                position = v == null ? null : v.toString();
            } else if (l.roles[j] == TableLayout.BEFORE) {
                if (v != null && !(v instanceof String s && s.isEmpty())) {
                    if (before == null) {
                        before = Row.builder();
                    }
                    before.put(l.beforeNames[j], v);
                }
            }
        }
        return Events.ofImage(op, source, l.image(values), before, l.keyLayout, ts, position, pos);
    }

    private TableLayout layout(TableDefinitions.Table t) {
        if (t != layoutTable) {
            layout = new TableLayout(t);
            layoutTable = t;
        }
        return layout;
    }

    /**
     * What each field after Op and timestamp is (source column, position, before-image column or
     * other trailing column), worked out once per table.
     */
    private static final class TableLayout {
        static final byte IMAGE = 0;
        static final byte POSITION = 1;
        static final byte BEFORE = 2;

        /** The fields of a row without Op. */
        final int fields;
        /** The number of source columns, which come first. */
        final int columns;
        final byte[] roles;
        final String[] beforeNames;
        /** The image columns by field (after the timestamp), null where a field is not one. */
        final String[] imageNames;
        /** The image columns in order, when distinct; else null and the image is built by a builder. */
        final RowLayout imageLayout;
        /** The key columns in row order, or null without key. */
        final RowLayout keyLayout;

        TableLayout(TableDefinitions.Table t) {
            List<String> trailing = t.trailingColumns();
            columns = t.columns().size();
            fields = (t.timestampColumn() == null ? 0 : 1) + columns + trailing.size();
            int n = columns + trailing.size();
            roles = new byte[n];
            beforeNames = new String[n];
            imageNames = new String[n];
            String prefix = t.beforeImagePrefix();
            List<String> image = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                String c = j < columns ? t.columns().get(j) : trailing.get(j - columns);
                if (j >= columns && c.equals(t.positionColumn())) {
                    roles[j] = POSITION;
                } else if (j >= columns && prefix != null && c.startsWith(prefix)
                        && t.columns().contains(c.substring(prefix.length()))) {
                    roles[j] = BEFORE;
                    beforeNames[j] = c.substring(prefix.length());
                } else {
                    imageNames[j] = c;
                    image.add(c);
                }
            }
            String[] names = image.toArray(String[]::new);
            imageLayout = Events.layoutOrNull(names);
            // The key in row order: key columns are source columns, which come first and in table order.
            keyLayout = t.key().isEmpty() ? null
                    : RowLayout.of(t.columns().stream().filter(t.key()::contains).distinct().toArray(String[]::new));
        }

        Row image(Object[] values) {
            if (imageLayout == null) {
                Row.Builder b = Row.builder();
                for (int j = 0; j < values.length; j++) {
                    if (imageNames[j] != null) {
                        b.put(imageNames[j], values[j]);
                    }
                }
                return b.build();
            }
            Object[] imageValues = new Object[imageLayout.size()];
            for (int j = 0, k = 0; j < values.length; j++) {
                if (imageNames[j] != null) {
                    imageValues[k++] = values[j];
                }
            }
            return imageLayout.row(imageValues);
        }
    }

    private Object value(int field) {
        String text = scanner.text(field);
        if (scanner.quoted(field)) {
            return text;
        }
        String nullString = settings.nullString();
        if (nullString == null) {
            return text.isEmpty() ? null : text;
        }
        return text.equals(nullString) ? null : text;
    }

    private static Instant timestamp(String text, Position pos, String column) {
        if (text.isEmpty()) {
            return null;
        }
        Instant fast = Timestamps.dmsTimestamp(text);
        if (fast != null) {
            return fast;
        }
        try {
            return LocalDateTime.parse(text, TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ChangeReadException.unexpectedType(pos, "timestamp column " + column,
                    "yyyy-MM-dd HH:mm:ss[.ffffff]", "text of another form");
        }
    }

    static boolean isOp(String text, boolean quoted) {
        if (quoted) {
            return false;
        }
        if (text.length() == 1) {
            return single(text.charAt(0)) != null;
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
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

    private Operation operation(String text, Position pos) {
        String s = text.length() == 1 ? "" : text.toUpperCase(Locale.ROOT);
        Operation op = text.length() == 1 ? single(text.charAt(0)) : switch (s) {
            case "I", "INSERT" -> Operation.INSERT;
            case "U", "UPDATE" -> Operation.UPDATE;
            case "D", "DELETE" -> Operation.DELETE;
            default -> null;
        };
        if (op == null) {
            throw ChangeReadException.unexpectedType(pos, "field 1 (Op)", "I, U, D, INSERT, UPDATE or DELETE",
                    text.isEmpty() ? "an empty field" : "another value");
        }
        return load ? Operation.SNAPSHOT : op;
    }
}
