package io.cdcsdk.dms;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.spi.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.Head;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dms.internal.DmsParquetReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code dms-parquet} format: Parquet files of the DMS S3 target, with or without an {@code Op}
 * column and with the {@code TimestampColumnName} column (a required string column right after
 * {@code Op}, or the one named by {@link TableDefinitions}). Rows of {@code LOAD*} files are
 * snapshots. Needs parquet-avro and the trimmed Hadoop jars, which are optional dependencies of this
 * module; without them {@link #isAvailable()} is {@code false}.
 */
public final class DmsParquetAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "dms-parquet";
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    /** Creates the adapter (used by {@link java.util.ServiceLoader}). */
    public DmsParquetAdapter() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /** {@code CERTAIN} for the {@code PAR1} magic bytes. */
    @Override
    public Detection detect(Head head) {
        return head.startsWith(MAGIC) ? Detection.CERTAIN : Detection.NO;
    }

    /** Whether parquet-avro is on the class path. */
    @Override
    public boolean isAvailable() {
        try {
            Class.forName("org.apache.parquet.avro.AvroParquetReader", false, DmsParquetAdapter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Copies the stream to a temporary file (deleted when the reader closes) and reads that. */
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

    /** Reads the file in place, row by row. */
    @Override
    public ChangeReader open(Path file, ReadContext context) throws IOException {
        return DmsParquetReader.open(file, context, null);
    }
}
