package io.cdcsdk.dms.internal;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dms.DmsObjectKey;
import io.cdcsdk.dms.TableDefinitions;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads DMS S3 Parquet files (see {@link io.cdcsdk.dms.DmsParquetAdapter}). */
public final class DmsParquetReader extends AbstractChangeReader {
    private static final String FORMAT = "dms-parquet";

    private final ParquetRows rows;
    private final boolean load;
    private final SourceInfo source;
    private final TableDefinitions.Table table;
    private final String opColumn;
    private final String timestampColumn;
    private long record;

    /**
     * Opens a reader over a local Parquet file.
     *
     * @param file       the local Parquet file
     * @param context    the read context
     * @param deleteFile a temporary file to delete on close, or null
     */
    public static DmsParquetReader open(Path file, ReadContext context, Path deleteFile) throws IOException {
        ParquetRows rows;
        try {
            rows = new ParquetRows(file);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(deleteFile);
            throw new ChangeReadException(ChangeReadException.Kind.MALFORMED, Position.of(context.sourceName()),
                    "not a readable Parquet file (" + e.getClass().getSimpleName() + ")", e);
        }
        return new DmsParquetReader(rows, context, deleteFile);
    }

    private DmsParquetReader(ParquetRows rows, ReadContext context, Path deleteFile) {
        super(context, closer(rows, deleteFile));
        this.rows = rows;
        DmsObjectKey key = DmsObjectKey.parse(context.sourceName());
        this.load = key.kind() == DmsObjectKey.Kind.LOAD;
        TableDefinitions defs = context.options().extension(TableDefinitions.class).orElse(TableDefinitions.empty());
        TableDefinitions.Table t = null;
        String schema = null;
        String tableName = null;
        if (key.hasTable()) {
            schema = key.schema();
            tableName = key.table();
            t = defs.find(schema, tableName).orElse(null);
        } else if (defs.tables().size() == 1) {
            t = defs.tables().values().iterator().next();
            schema = t.schema();
            tableName = t.table();
        }
        this.table = t;
        this.source = SourceInfo.of(FORMAT, schema, tableName);
        List<ParquetRows.Column> cols = rows.columns();
        int i = 0;
        String op = null;
        if (!cols.isEmpty() && cols.get(0).name().equalsIgnoreCase("Op")) {
            op = cols.get(0).name();
            i = 1;
        }
        this.opColumn = op;
        String ts = null;
        if (t != null && t.timestampColumn() != null) {
            ts = t.timestampColumn();
        } else if (cols.size() > i && cols.get(i).required() && cols.get(i).string()) {
            // DMS writes the TimestampColumnName column as a required string right after Op; source
            // columns are optional.
            ts = cols.get(i).name();
        }
        this.timestampColumn = ts;
    }

    private static Closeable closer(ParquetRows rows, Path deleteFile) {
        return () -> {
            try {
                rows.close();
            } finally {
                deleteQuietly(deleteFile);
            }
        };
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file that cannot be deleted is left to the OS
            }
        }
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        Position pos = new Position(context.sourceName(), -1, -1, record + 1);
        markPosition(pos);
        Map<String, Object> values;
        try {
            values = rows.next();
        } catch (IOException | RuntimeException e) {
            throw ChangeReadException.inputBroken(ChangeReadException.Kind.MALFORMED, pos,
                    "cannot read Parquet row (" + e.getClass().getSimpleName() + ")", e);
        }
        if (values == null) {
            return null;
        }
        record++;
        Operation op = Operation.INSERT;
        if (opColumn != null) {
            Object o = values.get(opColumn);
            if (o != null) {
                op = switch (o.toString().toUpperCase(Locale.ROOT)) {
                    case "I", "INSERT" -> Operation.INSERT;
                    case "U", "UPDATE" -> Operation.UPDATE;
                    case "D", "DELETE" -> Operation.DELETE;
                    default -> throw ChangeReadException.unexpectedType(pos, "column " + opColumn,
                            "I, U or D", "another value");
                };
            }
        }
        if (load) {
            op = Operation.SNAPSHOT;
        }
        java.time.Instant ts = null;
        if (timestampColumn != null) {
            Object v = values.get(timestampColumn);
            if (v instanceof String s && !s.isEmpty()) {
                ts = Timestamps.dmsTimestamp(s);
                try {
                    if (ts == null) {
                        ts = LocalDateTime.parse(s, DmsCsvReader.TIMESTAMP).toInstant(ZoneOffset.UTC);
                    }
                } catch (DateTimeParseException e) {
                    throw ChangeReadException.unexpectedType(pos, "column " + timestampColumn,
                            "yyyy-MM-dd HH:mm:ss[.ffffff]", "text of another form");
                }
            }
        }
        String position = null;
        String prefix = table == null ? null : table.beforeImagePrefix();
        Row.Builder image = Row.builder();
        Row.Builder before = Row.builder();
        boolean anyBefore = false;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String c = e.getKey();
            if (c.equals(opColumn) || c.equals(timestampColumn)) {
                continue;
            }
            if (table != null && c.equals(table.positionColumn())) {
                position = e.getValue() == null ? null : e.getValue().toString();
            } else if (prefix != null && c.startsWith(prefix) && table.trailingColumns().contains(c)
                    && table.columns().contains(c.substring(prefix.length()))) {
                if (e.getValue() != null) {
                    before.put(c.substring(prefix.length()), e.getValue());
                    anyBefore = true;
                }
            } else {
                image.put(c, e.getValue());
            }
        }
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
        if (table != null && !table.key().isEmpty() && row.columns().containsAll(table.key())) {
            b.key(row.select(table.key()));
        }
        ReadContext.stampOrigin(b, pos); // spares the base class a copy of the event
        return b.build();
    }
}
