package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dms-parquet} format: Parquet files of the DMS S3 target, with or without an {@code Op}
 * column and with the {@code TimestampColumnName} column (a required string column right after
 * {@code Op}, or the one named by {@link io.cdcsdk.dms.TableDefinitions}). Rows of {@code LOAD*}
 * files are snapshots. With table definitions, a text value equal to the {@code noSupValue} and an
 * update's NULL in a {@code nullMeansUnavailable} column are unavailable: left out of the image and
 * listed in the event's {@code unavailable}.
 *
 * <p>Reads flat columns of the types DMS writes (strings, integers signed and unsigned, decimals,
 * floats, booleans, binary, dates, times, timestamps), UNCOMPRESSED or GZIP; a file with another
 * column (nested, repeated, UUID, INTERVAL...) fails to open with an {@code UNSUPPORTED}
 * {@link io.cdcsdk.core.ChangeReadException} that names the column.
 */
public final class DmsParquetAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "dms-parquet";
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    /**
     * A class of each jar the read path loads, Hadoop's codec classes included, checked in this
     * order: missing any of them, reading fails with a NoClassDefFoundError part way.
     */
    static final List<String> REQUIRED_CLASSES = List.of(
            "org.apache.parquet.hadoop.ParquetFileReader",                  // parquet-hadoop
            "org.apache.parquet.column.page.PageReadStore",                 // parquet-column
            "org.apache.parquet.bytes.BytesInput",                          // parquet-common
            "org.locationtech.jts.io.ParseException",                       // jts-core (PrimitiveStringifier)
            "org.apache.parquet.column.values.bitpacking.BytePacker",       // parquet-encoding
            "org.apache.parquet.format.FileMetaData",                       // parquet-format-structures
            "shaded.parquet.com.fasterxml.jackson.databind.ObjectMapper",   // parquet-jackson
            "org.apache.hadoop.conf.Configuration",                         // hadoop-common
            "org.apache.hadoop.io.compress.GzipCodec",
            "org.apache.hadoop.io.compress.zlib.ZlibCompressor$CompressionLevel",
            "org.apache.hadoop.mapreduce.lib.input.FileInputFormat",       // hadoop-mapreduce-client-core
            "org.apache.hadoop.thirdparty.com.google.common.cache.CacheLoader", // hadoop-shaded-guava
            "com.ctc.wstx.io.InputBootstrapper",                            // woodstox-core
            "org.codehaus.stax2.XMLStreamReader2",                          // stax2-api
            "org.apache.commons.collections4.map.UnmodifiableMap");         // commons-collections4

    /** Creates the adapter (used by {@link java.util.ServiceLoader}). */
    public DmsParquetAdapter() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@return {@code CERTAIN} for an input that starts with the {@code PAR1} magic bytes, else
     * {@code NO}} The name does not count: {@code .parquet} files of other writers are Parquet too.
     *
     * @param head the first bytes of the input
     */
    @Override
    public Detection detect(Head head) {
        return head.startsWith(MAGIC) ? Detection.CERTAIN : Detection.NO;
    }

    /**
     * Empty when every class the read path loads is on the class path; else names the first
     * missing one: {@code dms-parquet needs <class> on the class path (add io.cdcsdk:cdc-dms-parquet)}.
     */
    @Override
    public Optional<String> unavailableReason() {
        for (String name : REQUIRED_CLASSES) {
            if (!loadable(name)) {
                return Optional.of(NAME + " needs " + name + " on the class path (add io.cdcsdk:cdc-dms-parquet)");
            }
        }
        return Optional.empty();
    }

    /** Whether the class of that name can be loaded by this module's class loader (without initializing it). */
    static boolean loadable(String className) {
        try {
            Class.forName(className, false, DmsParquetAdapter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Copies the stream to a temporary file and reads that, since Parquet keeps its schema in a
     * footer at the end. The file is deleted when the reader closes, or at once when opening fails;
     * the stream is closed once copied. {@link io.cdcsdk.core.FormatRegistry} calls this only for
     * gzipped Parquet and for streams; a local file is read in place.
     *
     * @param in      the Parquet file's bytes, decompressed
     * @param context the source name (a DMS S3 object key gives schema, table and whether rows are
     *                snapshots) and the options ({@link io.cdcsdk.dms.TableDefinitions})
     * @return a reader over the file's rows
     * @throws io.cdcsdk.core.ChangeReadException {@code MALFORMED} for bytes that are not a readable
     *         Parquet file, {@code UNSUPPORTED} for a column this adapter does not read
     * @throws IOException when the stream cannot be read or the temporary file cannot be written
     */
    @Override
    public ChangeReader open(InputStream in, ReadContext context) throws IOException {
        Path tmp = Files.createTempFile("cdc-dms-", ".parquet");
        try (in) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return DmsParquetReader.open(tmp, context, tmp);
    }

    /**
     * Reads the file in place, row by row.
     *
     * @param file    a local, uncompressed Parquet file
     * @param context the source name and the options, as for {@link #open(InputStream, ReadContext)}
     * @return a reader over the file's rows
     * @throws io.cdcsdk.core.ChangeReadException {@code MALFORMED} for a file that cannot be read
     *         as Parquet (an I/O failure included), {@code UNSUPPORTED} for a column this adapter
     *         does not read
     */
    @Override
    public ChangeReader open(Path file, ReadContext context) throws IOException {
        return DmsParquetReader.open(file, context, null);
    }
}
