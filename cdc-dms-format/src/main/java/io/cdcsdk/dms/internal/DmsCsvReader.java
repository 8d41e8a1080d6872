package io.cdcsdk.dms.internal;

import io.cdcsdk.core.internal.RowLayout;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Completeness;
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
    /** Whether the header's first cell is the operation column ({@code Op}, any case). */
    private boolean headerOp;
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
        this.objectKey = DmsObjectKey.parse(context.sourceName(), definitions);
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
                    // A full-load file without IncludeOpForFullLoad starts its header with the first
                    // data column; a CDC file's header starts with Op.
                    headerOp = header.get(0).equalsIgnoreCase("Op");
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
        Operation op = headerOp ? operation(scanner.text(0), pos) : load ? Operation.SNAPSHOT : Operation.INSERT;
        Row.Builder row = Row.builder();
        List<String> unavailable = List.of();
        String noSup = noSupValue(null);
        for (int i = headerOp ? 1 : 0; i < n; i++) {
            if (noSup != null && isNoSup(i, noSup)) {
                unavailable = add(unavailable, header.get(i));
            } else {
                row.put(header.get(i), value(i));
            }
        }
        return Events.ofImage(op, fileSource, row.build(), null, null, null, unavailable, null, null, pos);
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
        boolean[] unavailable = null;
        String noSup = l.noSupValue;
        boolean[] nullUnavailable = op == Operation.UPDATE ? l.nullMeansUnavailable : null;
        for (int j = 0; j < values.length; j++, i++) {
            int field = i == 0 ? 0 : i + skip;
            if (noSup != null && isNoSup(field, noSup)
                    || (values[j] = value(field)) == null && nullUnavailable != null && nullUnavailable[j]) {
                // A column missing from the supplemental log: out of the image, listed as unavailable.
                values[j] = null;
                if (unavailable == null) {
                    unavailable = new boolean[values.length];
                }
                unavailable[j] = true;
            }
        }
        String position = null;
        Row.Builder before = null;
        for (int j = l.columns; j < values.length; j++) {
            Object v = values[j];
            if (unavailable != null && unavailable[j]) {
                continue;
            }
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
        if (unavailable == null) {
            return Events.ofImage(op, source, l.image(values), before, l.beforeColumns, l.keyLayout, List.of(), ts,
                    position, pos);
        }
        return Events.ofImage(op, source, l.image(values, unavailable), before, l.beforeColumns, l.keyLayout,
                l.names(unavailable), ts, position, pos);
    }

    /** Whether field {@code field} is the {@code CsvNoSupValue} marker: unquoted and equal to it. */
    private boolean isNoSup(int field, String noSup) {
        return !scanner.quoted(field) && scanner.text(field).equals(noSup);
    }

    /**
     * The {@code CsvNoSupValue} of table {@code t} (null: of a file read by its header): the table's,
     * else the definitions', else the settings'; or null.
     */
    private String noSupValue(TableDefinitions.Table t) {
        String v = t == null ? definitions.noSupValue() : definitions.noSupValue(t);
        return v != null ? v : settings.noSupValue();
    }

    private static List<String> add(List<String> list, String name) {
        List<String> l = list.isEmpty() ? new ArrayList<>() : list;
        l.add(name);
        return l;
    }

    private TableLayout layout(TableDefinitions.Table t) {
        if (t != layoutTable) {
            layout = new TableLayout(t, noSupValue(t));
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
        /** How complete a before image from the before-image columns is, or null without them. */
        final Completeness beforeColumns;
        /** The CsvNoSupValue marker, or null. */
        final String noSupValue;
        /** By field: whether a NULL in an update means "not logged"; null when no field's does. */
        final boolean[] nullMeansUnavailable;

        TableLayout(TableDefinitions.Table t, String noSupValue) {
            this.noSupValue = noSupValue;
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
            beforeColumns = Events.beforeColumns(beforeNames, t);
            nullMeansUnavailable = Events.nullMeansUnavailable(imageNames, t);
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

        /** The image without the fields marked unavailable. */
        Row image(Object[] values, boolean[] unavailable) {
            Row.Builder b = Row.builder();
            for (int j = 0; j < values.length; j++) {
                if (imageNames[j] != null && !unavailable[j]) {
                    b.put(imageNames[j], values[j]);
                }
            }
            return b.build();
        }

        /** The image columns of the fields marked unavailable, in row order. */
        List<String> names(boolean[] unavailable) {
            List<String> names = new ArrayList<>();
            for (int j = 0; j < unavailable.length; j++) {
                if (unavailable[j] && imageNames[j] != null) {
                    names.add(imageNames[j]);
                }
            }
            return names;
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
