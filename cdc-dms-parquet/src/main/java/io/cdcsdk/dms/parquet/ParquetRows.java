package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Parquet file of flat columns (see {@link FlatColumn}) row by row into arrays of model
 * values, straight from its row groups: parquet-column's record reader feeds
 * {@link RowMaterializer}'s converters, without an intermediate record. This class and the
 * package-private ones behind it are the only ones that touch Parquet and Hadoop.
 */
final class ParquetRows implements Closeable {
    /**
     * One top-level column of the file's schema.
     *
     * @param name     the column name
     * @param required whether the column is required
     * @param string   whether it has the STRING logical type
     */
    record Column(String name, boolean required, boolean string) {
    }

    /**
     * The codecs other than UNCOMPRESSED and GZIP (what DMS writes), with a class of the library
     * each needs and that library's coordinates: the module does not bring them.
     */
    private static final Map<CompressionCodecName, String[]> CODEC_LIBRARIES = Map.of(
            CompressionCodecName.SNAPPY, new String[] {"org.xerial.snappy.Snappy", "org.xerial.snappy:snappy-java"},
            CompressionCodecName.ZSTD, new String[] {"com.github.luben.zstd.Zstd", "com.github.luben:zstd-jni"},
            CompressionCodecName.LZ4_RAW, new String[] {"io.airlift.compress.lz4.Lz4Decompressor", "io.airlift:aircompressor"});

    private final ParquetFileReader file;
    private final List<Column> columns = new ArrayList<>();
    private final String[] names;
    private final MessageColumnIO columnIO;
    private final RowMaterializer materializer;
    private final long total;
    private long current;
    private long loaded;
    private int rowGroup = -1;
    private PageReadStore pages;
    private RecordReader<Object[]> records;

    /**
     * Opens {@code path} and reads its footer.
     *
     * @param origin the position of errors about the file as a whole
     * @throws ChangeReadException (UNSUPPORTED) when a column is not one the reader reads or is
     *                             compressed with a codec whose library is not on the class path
     */
    ParquetRows(Path path, Position origin) throws IOException {
        file = ParquetFileReader.open(new LocalInputFile(path),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        try {
            FileMetaData meta = file.getFooter().getFileMetaData();
            MessageType schema = meta.getSchema();
            List<FlatColumn> plan = new ArrayList<>();
            for (Type t : schema.getFields()) {
                FlatColumn column = FlatColumn.of(t);
                if (column == null) {
                    throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, origin, "column " + t.getName()
                            + ": " + FlatColumn.describe(t) + " is not supported (dms-parquet reads flat columns"
                            + " of the types DMS writes)");
                }
                plan.add(column);
                boolean string = t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
                columns.add(new Column(t.getName(), t.isRepetition(Type.Repetition.REQUIRED), string));
            }
            checkCodecs(file.getFooter().getBlocks(), origin);
            names = columns.stream().map(Column::name).toArray(String[]::new);
            // the writer's version decides how some old encodings are read, as in parquet-hadoop
            columnIO = new ColumnIOFactory(meta.getCreatedBy()).getColumnIO(schema);
            materializer = new RowMaterializer(plan);
            total = file.getFilteredRecordCount();
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    static void checkCodecs(List<BlockMetaData> blocks, Position origin) {
        for (BlockMetaData block : blocks) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                CompressionCodecName codec = chunk.getCodec();
                if (codec == CompressionCodecName.UNCOMPRESSED || codec == CompressionCodecName.GZIP) {
                    continue;
                }
                String[] library = CODEC_LIBRARIES.get(codec);
                if (library == null || !DmsParquetAdapter.loadable(library[0])) {
                    String needs = library == null ? "which dms-parquet does not read"
                            : "which needs " + library[1] + " on the class path";
                    throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, origin, "column "
                            + chunk.getPath().toDotString() + " is compressed with " + codec + ", " + needs
                            + " (DMS writes UNCOMPRESSED or GZIP)");
                }
            }
        }
    }

    /** The top-level columns in file order. */
    List<Column> columns() {
        return columns;
    }

    /** The column names in file order: the order of the values {@link #next()} returns. */
    String[] names() {
        return names;
    }

    /**
     * The values of the next row, in the order of {@link #names()}, or {@code null} at the end. The
     * array is the caller's.
     *
     * @throws ParquetDecodingException when the row cannot be read or a value cannot be converted
     */
    Object[] next() throws IOException {
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

    /** Closes the file. */
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
