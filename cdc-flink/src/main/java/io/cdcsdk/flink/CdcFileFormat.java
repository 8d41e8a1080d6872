package io.cdcsdk.flink;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import java.io.File;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.MutableRecordAndPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.apache.flink.metrics.Counter;

/**
 * Reads whole files through the library's adapters, one split per file: the format named in the
 * settings or the one detected, gzip recognized by its magic bytes, schema, table and LOAD or CDC
 * from the object key ({@code s3://bucket/schema/table/LOAD00000001.csv}, a local path of the same
 * shape). A local file is read in place (Parquet needs random access); a file of any other Flink
 * file system is read as a stream (a Parquet file is then copied to a temporary file by its adapter).
 *
 * <p>The position of each record is the number of events read from its file up to and including
 * it; a restored reader reads the file again from its start and passes over that many events
 * before emitting the next one. An adapter's reader cannot be entered in the middle of a file (a
 * CSV header, a gzip stream, a Parquet footer), so this is the one exact way back to the record
 * after the last one emitted.
 */
final class CdcFileFormat<T> implements BulkFormat<T, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH_SIZE = 256;

    private final ReadSettings settings;
    private final EventMapper<T> mapper;
    private final TypeInformation<T> type;
    // Set on each task's own copy of the format by the source that reads with it.
    private transient Counter errors;

    CdcFileFormat(ReadSettings settings, EventMapper<T> mapper, TypeInformation<T> type) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Counts each record skipped under {@code ignoreParseErrors} in the given metric. */
    void countErrorsIn(Counter counter) {
        this.errors = counter;
    }

    @Override
    public Reader<T> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new FileReader(split, 0);
    }

    @Override
    public Reader<T> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long emitted = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new FileReader(split, emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    /**
     * The name an input is read under: the local path of a local file, else the whole URI, from
     * which the DMS object-key rules take schema, table and the kind of file.
     */
    static String sourceName(Path path) throws IOException {
        return isLocal(path) ? path.toUri().getPath() : path.toString();
    }

    private static boolean isLocal(Path path) throws IOException {
        return path.getFileSystem() instanceof LocalFileSystem;
    }

    private final class FileReader implements Reader<T> {
        private final ChangeReader events;
        private long read;
        private boolean passing;
        private boolean done;

        FileReader(FileSourceSplit split, long alreadyEmitted) throws IOException {
            Path path = split.path();
            String sourceName = sourceName(path);
            var options = settings.options(this::skipped);
            if (isLocal(path)) {
                events = settings.registry().open(new File(path.toUri().getPath()).toPath(), settings.format, options);
            } else {
                FileSystem fs = path.getFileSystem();
                events = settings.registry().open(fs.open(path), sourceName, settings.format, options);
            }
            passing = true;
            try {
                while (read < alreadyEmitted && events.hasNext()) {
                    events.next();
                    read++;
                }
            } catch (RuntimeException e) {
                events.close();
                throw e;
            } finally {
                passing = false;
            }
        }

        private void skipped(ChangeReadException error) {
            if (!passing && errors != null) {
                errors.inc();
            }
        }

        @Override
        public RecordIterator<T> readBatch() throws IOException {
            if (done) {
                return null;
            }
            Batch<T> batch = new Batch<>();
            while (batch.size < BATCH_SIZE) {
                if (!events.hasNext()) {
                    done = true;
                    break;
                }
                ChangeEvent event = events.next();
                read++;
                if (!settings.included(event)) {
                    continue;
                }
                T record = map(event);
                if (record != null) {
                    batch.add(record, read);
                }
            }
            return batch.size == 0 && done ? null : batch;
        }

        private T map(ChangeEvent event) {
            try {
                return mapper.map(event, events.position());
            } catch (ChangeReadException e) {
                if (settings.ignoreParseErrors) {
                    skipped(e);
                    return null;
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            events.close();
        }
    }

    private static final class Batch<T> implements RecordIterator<T> {
        private Object[] records = new Object[16];
        private long[] positions = new long[16];
        private int size;
        private int next;
        private final MutableRecordAndPosition<T> current = new MutableRecordAndPosition<>();

        void add(T record, long position) {
            if (size == records.length) {
                records = java.util.Arrays.copyOf(records, size * 2);
                positions = java.util.Arrays.copyOf(positions, size * 2);
            }
            records[size] = record;
            positions[size] = position;
            size++;
        }

        @Override
        @SuppressWarnings("unchecked")
        public RecordAndPosition<T> next() {
            if (next == size) {
                return null;
            }
            current.set((T) records[next], CheckpointedPosition.NO_OFFSET, positions[next]);
            next++;
            return current;
        }

        @Override
        public void releaseBatch() {
        }
    }
}
