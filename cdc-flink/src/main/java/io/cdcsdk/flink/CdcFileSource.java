package io.cdcsdk.flink;

import io.cdcsdk.core.ChangeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded Flink source of the {@link ChangeEvent}s in files and folders (walked recursively), on
 * any Flink file system ({@code file://}, {@code s3://} through Flink's S3 plugins): Flink's
 * {@link FileSource} with one split per file, each file read whole through the library's adapters.
 * A folder of files is read in parallel across the task slots.
 *
 * <pre>{@code
 * CdcFileSource source = CdcFileSource.builder(new Path("s3://bucket/dms/"))
 *         .format("dms-csv")
 *         .tableDefinitions(java.nio.file.Path.of("tables.json"))
 *         .build();
 * DataStream<ChangeEvent> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), "dms");
 * }</pre>
 *
 * <p>A bad record fails the job with a {@link io.cdcsdk.core.ChangeReadException} that names the
 * file and the line or record, never a value. With {@link Builder#ignoreParseErrors(boolean)} it
 * is skipped and counted in the source's standard {@code numRecordsInErrors} metric. A job
 * restored from a checkpoint or savepoint resumes each file at the record after the last one
 * emitted.
 */
public final class CdcFileSource implements Source<ChangeEvent, FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>,
        ResultTypeQueryable<ChangeEvent> {
    private static final long serialVersionUID = 1L;

    /** The format that reads each file; each parallel instance counts its errors in its own copy. */
    private final CdcFileFormat<ChangeEvent> format;
    /** Flink's file source, which finds the files, makes one split per file and checkpoints. */
    private final FileSource<ChangeEvent> files;

    private CdcFileSource(ReadSettings settings, Path[] paths) {
        this.format = new CdcFileFormat<>(settings, EventMapper.identity(), ChangeEventTypeInfo.INSTANCE);
        this.files = FileSource.forBulkFileFormat(format, paths).build();
    }

    /**
     * {@return a builder of a source over the given files and folders}
     *
     * @param paths files, or folders whose files are all read (names starting with {@code .} or
     *              {@code _} are left out, as Flink's file source does)
     */
    public static Builder builder(Path... paths) {
        return new Builder(paths);
    }

    /** {@return {@link Boundedness#BOUNDED}: the files found when the job starts are read} */
    @Override
    public Boundedness getBoundedness() {
        return files.getBoundedness();
    }

    /**
     * Creates the reader of one parallel instance; its skipped records count in its
     * {@code numRecordsInErrors} metric.
     *
     * @param context the reader's context
     * @return the reader
     * @throws Exception when Flink's file source cannot make its reader
     */
    @Override
    public SourceReader<ChangeEvent, FileSourceSplit> createReader(SourceReaderContext context) throws Exception {
        // each parallel instance holds its own copy of this source, and so of the format
        format.countErrorsIn(context.metricGroup().getNumRecordsInErrorsCounter());
        return files.createReader(context);
    }

    /** {@inheritDoc} */
    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> createEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context) {
        return files.createEnumerator(context);
    }

    /** {@inheritDoc} */
    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> restoreEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context, PendingSplitsCheckpoint<FileSourceSplit> checkpoint) {
        return files.restoreEnumerator(context, checkpoint);
    }

    /** {@inheritDoc} */
    @Override
    public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
        return files.getSplitSerializer();
    }

    /** {@inheritDoc} */
    @Override
    public SimpleVersionedSerializer<PendingSplitsCheckpoint<FileSourceSplit>> getEnumeratorCheckpointSerializer() {
        return files.getEnumeratorCheckpointSerializer();
    }

    /** {@return {@link ChangeEventTypeInfo#INSTANCE}} */
    @Override
    public TypeInformation<ChangeEvent> getProducedType() {
        return ChangeEventTypeInfo.INSTANCE;
    }

    /** Settings of a {@link CdcFileSource}. Not thread-safe. */
    public static final class Builder extends ReadSettingsBuilder<Builder> {
        private final Path[] paths;
        private String format;
        private byte[] tableDefinitions;

        private Builder(Path[] paths) {
            if (paths.length == 0) {
                throw new IllegalArgumentException("give at least one file or folder");
            }
            this.paths = paths.clone();
        }

        /**
         * Reads every file with the named adapter; without it, each file's format is detected from
         * its first bytes and its name.
         *
         * @param name an adapter name ({@code dms-csv}, {@code dms-json}, {@code dms-parquet}, a
         *             user's own), found through the adapter SPI on the job's class path
         * @return this builder
         */
        public Builder format(String name) {
            this.format = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Reads the table definitions (columns and keys of header-less DMS CSV, the spec's JSON
         * form) from a file where the job is built; they travel with the job.
         *
         * @param file the table definitions JSON
         * @return this builder
         * @throws IOException when the file cannot be read
         * @throws io.cdcsdk.core.ChangeReadException when it is not valid table definitions
         */
        public Builder tableDefinitions(java.nio.file.Path file) throws IOException {
            this.tableDefinitions = Files.readAllBytes(file);
            return this;
        }



        /**
         * {@return the source}
         *
         * @throws io.cdcsdk.core.ChangeReadException when the table definitions are not valid
         * @throws java.util.regex.PatternSyntaxException when the include pattern is not valid
         */
        public CdcFileSource build() {
            return new CdcFileSource(new ReadSettings(format, tableDefinitions, ignoreParseErrors, tableInclude), paths);
        }
    }
}
