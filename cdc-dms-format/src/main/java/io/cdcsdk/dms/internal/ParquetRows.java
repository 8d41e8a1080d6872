package io.cdcsdk.dms.internal;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Parquet file row by row into arrays of model values; it and the package-private classes
 * behind it are the only ones that touch Parquet, Avro and Hadoop. Typed dates and timestamps become ISO-8601 strings, decimals exact
 * {@link BigDecimal}, integers {@link BigDecimal}, floats the shortest decimal that reads back as
 * the same float, binary {@link io.cdcsdk.core.Bytes}, unsigned integers their unsigned value.
 *
 * <p>A file whose top-level columns are all primitives of known types (what DMS writes) is read by
 * a fast path straight from its row groups into the values; any other goes through Avro records.
 * Both give the same values.
 */
public final class ParquetRows implements Closeable {
    /**
     * One top-level column of the file's schema.
     *
     * @param name     the column name
     * @param required whether the column is required
     * @param string   whether it has the STRING logical type
     */
    public record Column(String name, boolean required, boolean string) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final RowSource source;

    /** Opens {@code file}: reads its footer for the schema, then starts the row reader. */
    public ParquetRows(Path file) throws IOException {
        this(file, true);
    }

    /** @param fastPath whether flat files may take the fast path (tests compare it with the Avro path) */
    ParquetRows(Path file, boolean fastPath) throws IOException {
        LocalInputFile input = new LocalInputFile(file);
        ParquetFileReader reader = ParquetFileReader.open(input,
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        RowSource flat = null;
        boolean[] unsigned;
        try {
            FileMetaData meta = reader.getFooter().getFileMetaData();
            MessageType schema = meta.getSchema();
            unsigned = new boolean[schema.getFieldCount()];
            for (int i = 0; i < schema.getFieldCount(); i++) {
                Type t = schema.getType(i);
                LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
                boolean isString = a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
                columns.add(new Column(t.getName(), t.isRepetition(Type.Repetition.REQUIRED), isString));
                unsigned[i] = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ia && !ia.isSigned();
            }
            List<FlatColumn> plan = fastPath ? FlatColumn.plan(schema, meta.getKeyValueMetaData()) : null;
            if (plan != null) {
                flat = new FlatRows(reader, plan);
            }
        } finally {
            if (flat == null) {
                reader.close();
            }
        }
        this.source = flat != null ? flat : new AvroRows(input, columns, unsigned);
    }

    /** Whether the rows come from the fast path rather than Avro records. */
    boolean fastPath() {
        return source instanceof FlatRows;
    }

    /** The top-level columns in file order. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The values of the next row, in the order of {@link #names()}, or {@code null} at the end. The
     * array is the caller's.
     */
    public Object[] next() throws IOException {
        return source.next();
    }

    /**
     * The names of the values {@link #next()} returned last (the row's record fields). The same
     * array for every row of a schema, so callers may cache what they derive from it by identity.
     */
    public String[] names() {
        return source.names();
    }

    /** Closes the row reader. */
    @Override
    public void close() throws IOException {
        source.close();
    }
}
