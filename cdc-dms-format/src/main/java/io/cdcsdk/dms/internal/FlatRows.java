package io.cdcsdk.dms.internal;

import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.List;

/**
 * The fast path: rows of a flat schema (see {@link FlatColumn#plan}) read from the row groups of an
 * open {@link ParquetFileReader} by parquet-column's record reader into {@link RowMaterializer}'s
 * arrays, without Avro records. Reads row groups as parquet-hadoop's record reader does, and wraps a
 * runtime failure while reading a row in a {@link ParquetDecodingException} as it does.
 */
final class FlatRows implements RowSource {
    private final ParquetFileReader file;
    private final MessageColumnIO columnIO;
    private final RowMaterializer materializer;
    private final String[] names;
    private final long total;
    private long current;
    private long loaded;
    private int rowGroup = -1;
    private PageReadStore pages;
    private RecordReader<Object[]> records;

    /** Reads {@code file}, which it closes on {@link #close()}, with the columns of its schema's plan. */
    FlatRows(ParquetFileReader file, List<FlatColumn> columns) {
        this.file = file;
        FileMetaData meta = file.getFooter().getFileMetaData();
        MessageType schema = meta.getSchema();
        // the writer's version decides how some old encodings are read, as in parquet-hadoop
        this.columnIO = new ColumnIOFactory(meta.getCreatedBy()).getColumnIO(schema);
        this.materializer = new RowMaterializer(columns);
        this.names = schema.getFields().stream().map(f -> f.getName()).toArray(String[]::new);
        this.total = file.getFilteredRecordCount();
    }

    @Override
    public Object[] next() throws IOException {
        if (current >= total) {
            return null;
        }
        try {
            if (current == loaded) {
                nextRowGroup();
            }
            current++;
            return records.read();
        } catch (RuntimeException e) {
            throw new ParquetDecodingException("cannot read row " + current + " in row group " + rowGroup, e);
        }
    }

    private void nextRowGroup() throws IOException {
        if (pages != null) {
            pages.close();
            pages = null;
        }
        PageReadStore next = file.readNextFilteredRowGroup();
        if (next == null) {
            throw new IOException("expecting more rows but reached last row group: read " + current + " of " + total);
        }
        pages = next;
        rowGroup++;
        records = columnIO.getRecordReader(pages, materializer, FilterCompat.NOOP);
        loaded += pages.getRowCount();
    }

    @Override
    public String[] names() {
        return names;
    }

    @Override
    public void close() throws IOException {
        try {
            if (pages != null) {
                pages.close();
            }
        } finally {
            file.close();
        }
    }
}
