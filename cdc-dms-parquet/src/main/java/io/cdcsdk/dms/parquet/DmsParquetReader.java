package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.internal.RowLayout;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dms.DmsObjectKey;
import io.cdcsdk.dms.TableDefinitions;
import io.cdcsdk.dms.internal.Events;
import io.cdcsdk.dms.internal.Timestamps;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads DMS S3 Parquet files (see {@link DmsParquetAdapter}). */
final class DmsParquetReader extends AbstractChangeReader {
    private static final String FORMAT = "dms-parquet";

    private final ParquetRows rows;
    private final long maxRecordBytes;
    private final boolean load;
    private final SourceInfo source;
    private final TableDefinitions.Table table;
    private final String opColumn;
    private final String timestampColumn;
    /** The CsvNoSupValue marker of the table definitions, or null: a text value equal to it is unavailable. */
    private final String noSupValue;
    private long record;
    private static final byte IMAGE = 0;
    private static final byte SKIP = 1;
    private static final byte POSITION = 2;
    private static final byte BEFORE = 3;
    private byte[] roles;
    private String[] beforeNames;
    /** The record fields of the after (or delete's before) image, in order, and their names. */
    private int[] imageIndexes;
    private String[] imageNames;
    /** Scratch for the image's values. */
    private Object[] imageValues;
    /** The layout of {@link #imageNames}, or null when a name repeats (the image is then built column by column). */
    private RowLayout imageLayout;
    /** The key columns in row order, or null when the row lacks one of them or there is no key. */
    private RowLayout keyLayout;
    /** How complete a before image from the before-image columns is, or null without them. */
    private Completeness beforeColumns;
    /** By image column: whether its NULL in an update means "not logged"; null when no column's does. */
    private boolean[] nullMeansUnavailable;
    private int opIndex = -1;
    private int timestampIndex = -1;

    /**
     * Opens a reader over a local Parquet file.
     *
     * @param file       the local Parquet file
     * @param context    the read context
     * @param deleteFile a temporary file to delete on close, or null
     */
    static DmsParquetReader open(Path file, ReadContext context, Path deleteFile) throws IOException {
        ParquetRows rows;
        try {
            rows = new ParquetRows(file, Position.of(context.sourceName()));
        } catch (ChangeReadException e) {
            deleteQuietly(deleteFile);
            throw e;
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
        this.maxRecordBytes = context.options().limits().maxRecordBytes();
        TableDefinitions defs = context.options().extension(TableDefinitions.class).orElse(TableDefinitions.empty());
        DmsObjectKey key = DmsObjectKey.parse(context.sourceName(), defs);
        this.load = key.kind() == DmsObjectKey.Kind.LOAD;
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
        this.noSupValue = t == null ? defs.noSupValue() : defs.noSupValue(t);
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
        roles(rows.names());
    }

    // What each value of a row is, by the file's column names.
    private void roles(String[] names) {
        roles = new byte[names.length];
        beforeNames = new String[names.length];
        opIndex = -1;
        timestampIndex = -1;
        String prefix = table == null ? null : table.beforeImagePrefix();
        for (int i = 0; i < names.length; i++) {
            String c = names[i];
            if (c.equals(opColumn) || c.equals(timestampColumn)) {
                roles[i] = SKIP;
                if (c.equals(opColumn) && opIndex < 0) {
                    opIndex = i;
                } else if (c.equals(timestampColumn) && timestampIndex < 0) {
                    timestampIndex = i;
                }
            } else if (table != null && c.equals(table.positionColumn())) {
                roles[i] = POSITION;
            } else if (prefix != null && c.startsWith(prefix) && table.trailingColumns().contains(c)
                    && table.columns().contains(c.substring(prefix.length()))) {
                roles[i] = BEFORE;
                beforeNames[i] = c.substring(prefix.length());
            } else {
                roles[i] = IMAGE;
            }
        }
        int images = 0;
        for (byte role : roles) {
            images += role == IMAGE ? 1 : 0;
        }
        imageIndexes = new int[images];
        imageNames = new String[images];
        imageValues = new Object[images];
        for (int i = 0, j = 0; i < names.length; i++) {
            if (roles[i] == IMAGE) {
                imageIndexes[j] = i;
                imageNames[j++] = names[i];
            }
        }
        keyLayout = null;
        List<String> imageList = List.of(imageNames);
        if (table != null && !table.key().isEmpty() && imageList.containsAll(table.key())) {
            keyLayout = RowLayout.of(imageList.stream().filter(table.key()::contains).distinct().toArray(String[]::new));
        }
        imageLayout = Events.layoutOrNull(imageNames);
        beforeColumns = null;
        nullMeansUnavailable = null;
        if (table != null) {
            beforeColumns = Events.beforeColumns(beforeNames, table);
            nullMeansUnavailable = Events.nullMeansUnavailable(imageNames, table);
        }
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
        Object[] values;
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
        if (rowBytes(values) > maxRecordBytes) {
            throw ChangeReadException.limitExceeded(pos, "row size", maxRecordBytes);
        }
        Operation op = Operation.INSERT;
        if (opIndex >= 0) {
            Object o = values[opIndex];
            if (o != null) {
                op = Events.operation(o.toString());
                if (op == null) {
                    throw ChangeReadException.unexpectedType(pos, "column " + opColumn, "I, U or D", "another value");
                }
            }
        }
        if (load) {
            op = Operation.SNAPSHOT;
        }
        Instant ts = null;
        if (timestampIndex >= 0) {
            Object v = values[timestampIndex];
            if (v instanceof String s && !s.isEmpty()) {
                try {
                    ts = Timestamps.dmsColumn(s);
                } catch (DateTimeParseException e) {
                    throw ChangeReadException.unexpectedType(pos, "column " + timestampColumn,
                            "yyyy-MM-dd HH:mm:ss[.ffffff]", "text of another form");
                }
            }
        }
        String position = null;
        Row.Builder before = null;
        for (int i = 0; i < values.length; i++) {
            switch (roles[i]) {
                case POSITION -> position = values[i] == null ? null : values[i].toString();
                case BEFORE -> {
                    if (values[i] != null && !values[i].equals(noSupValue)) {
                        if (before == null) {
                            before = Row.builder();
                        }
                        before.put(beforeNames[i], values[i]);
                    }
                }
                default -> {
                }
            }
        }
        boolean[] unavailable = unavailable(values, op);
        if (unavailable == null) {
            return Events.ofImage(op, source, image(values), before, beforeColumns, keyLayout, List.of(), ts, position,
                    pos);
        }
        Row.Builder image = Row.builder();
        List<String> names = new ArrayList<>();
        for (int j = 0; j < imageIndexes.length; j++) {
            if (unavailable[j]) {
                names.add(imageNames[j]);
            } else {
                image.put(imageNames[j], values[imageIndexes[j]]);
            }
        }
        return Events.ofImage(op, source, image.build(), before, beforeColumns, keyLayout, names, ts, position, pos);
    }

    /**
     * By image column, whether the source did not supply it: a text value equal to the
     * {@code CsvNoSupValue}, or a NULL in an update of a {@code nullMeansUnavailable} column; null
     * when every column was supplied.
     */
    private boolean[] unavailable(Object[] values, Operation op) {
        boolean[] nulls = op == Operation.UPDATE ? nullMeansUnavailable : null;
        if (noSupValue == null && nulls == null) {
            return null;
        }
        boolean[] marks = null;
        for (int j = 0; j < imageIndexes.length; j++) {
            Object v = values[imageIndexes[j]];
            if (v == null ? nulls != null && nulls[j] : v.equals(noSupValue)) {
                if (marks == null) {
                    marks = new boolean[imageIndexes.length];
                }
                marks[j] = true;
            }
        }
        return marks;
    }

    /**
     * A row's size for {@code Limits.maxRecordBytes}: text by its characters, binary by its bytes,
     * any other value 8 (the values whose size the file does not bound are text and binary). The row has been read, so a row over the limit is
     * skippable and the reader goes on at the next one.
     */
    private static long rowBytes(Object[] values) {
        long size = 0;
        for (Object v : values) {
            if (v instanceof String s) {
                size += s.length();
            } else if (v instanceof Bytes b) {
                size += b.size();
            } else if (v != null) {
                size += 8;
            }
        }
        return size;
    }

    private Row image(Object[] values) {
        if (imageLayout == null) {
            Row.Builder image = Row.builder();
            for (int i : imageIndexes) {
                image.put(rows.names()[i], values[i]);
            }
            return image.build();
        }
        Object[] scratch = imageValues;
        for (int j = 0; j < scratch.length; j++) {
            scratch[j] = values[imageIndexes[j]];
        }
        Row row = imageLayout.row(scratch);
        Arrays.fill(scratch, null);
        return row;
    }
}
