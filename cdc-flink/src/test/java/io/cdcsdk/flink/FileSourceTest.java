package io.cdcsdk.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.dms.TableDefinitions;
import io.cdcsdk.flink.examples.LatestRowPerKey;
import io.cdcsdk.router.Compaction;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The DataStream file source on a MiniCluster at parallelism 2, over the DMS samples. */
class FileSourceTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    java.nio.file.Path tmp;

    static java.nio.file.Path resource(String name) {
        try {
            return java.nio.file.Path.of(FileSourceTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.nio.file.Path TABLES = resource("dms-tables.json");
    private static final List<java.nio.file.Path> INPUTS = List.of(resource("dms"), resource("firehose"));

    @Test
    void eventsEqualTheSingleProcessReaderAsAMultiset() throws Exception {
        List<ChangeEvent> flink = collect(samples());
        List<ChangeEvent> local = readLocally(INPUTS);
        assertEquals(FlinkTests.multiset(local), FlinkTests.multiset(flink));
        assertEquals(Set.of("dms-csv", "dms-parquet", "dms-json"),
                flink.stream().map(e -> e.source().format()).collect(Collectors.toSet()));
        assertTrue(flink.stream().anyMatch(e -> e.source().qualifiedTable().equals("public.categories")), "the gzip file");
        assertTrue(flink.stream().anyMatch(e -> e.source().qualifiedTable().equals("hr.employee")), "the CSV with a header");
    }

    @Test
    void latestRowPerKeyEqualsTheRoutersCompaction() throws Exception {
        StreamExecutionEnvironment env = env();
        Map<String, ChangeEvent> latest = new HashMap<>();
        LatestRowPerKey.latest(env.fromSource(samples(), WatermarkStrategy.noWatermarks(), "dms"))
                .executeAndCollect().forEachRemaining(e -> latest.put(LatestRowPerKey.key(e), e));
        Map<String, Row> flinkRows = new HashMap<>();
        latest.forEach((key, e) -> {
            if (e.after() != null) {
                flinkRows.put(key, e.after());
            }
        });

        // the router's Compaction over the same events in DMS order (LOAD files, CDC files, records)
        List<ChangeEvent> ordered = readLocally(INPUTS).stream()
                .filter(e -> e.key() != null && e.op() != io.cdcsdk.core.Operation.DDL)
                .sorted(LatestRowPerKey.DMS_ORDER).toList();
        Map<String, Row> compacted = new HashMap<>();
        for (ChangeEvent e : Compaction.defaults().compact(ordered)) {
            if (e.after() != null) {
                compacted.put(LatestRowPerKey.key(e), e.after());
            }
        }
        assertFalse(compacted.isEmpty());
        assertEquals(compacted, flinkRows);
    }

    @Test
    void aSavepointInTheMiddleOfAFileGivesEveryEventExactlyOnce() throws Exception {
        java.nio.file.Path folder = tmp.resolve("in");
        for (String file : List.of("s/t/20240101-000000000.csv", "s/u/20240101-000000000.csv.gz")) {
            java.nio.file.Path path = folder.resolve(file);
            Files.createDirectories(path.getParent());
            StringBuilder csv = new StringBuilder("Op,id,v\n");
            for (int i = 0; i < 3000; i++) {
                csv.append(i % 5 == 4 ? "U," : "I,").append(i).append(",v").append(i).append('\n');
            }
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            if (file.endsWith(".gz")) {
                var out = new java.io.ByteArrayOutputStream();
                try (var gz = new java.util.zip.GZIPOutputStream(out)) {
                    gz.write(bytes);
                }
                bytes = out.toByteArray();
            }
            Files.write(path, bytes);
        }
        CdcFileSource source = CdcFileSource.builder(new Path(folder.toUri())).format("dms-csv").build();

        Collected.EVENTS.clear();
        StreamExecutionEnvironment first = env();
        slowly(first.fromSource(source, WatermarkStrategy.noWatermarks(), "in")).sinkTo(new Collected());
        JobClient job = first.executeAsync();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Collected.EVENTS.size() < 600 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String savepoint = job.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        int beforeStop = Collected.EVENTS.size();
        assertTrue(beforeStop > 0 && beforeStop < 6000, "stopped in the middle: " + beforeStop);

        Configuration restore = new Configuration();
        restore.setString("execution.state-recovery.path", savepoint);
        StreamExecutionEnvironment second = StreamExecutionEnvironment.getExecutionEnvironment(restore);
        second.setParallelism(2);
        second.fromSource(source, WatermarkStrategy.noWatermarks(), "in").sinkTo(new Collected());
        second.execute();

        List<ChangeEvent> all = new ArrayList<>(Collected.EVENTS);
        assertEquals(FlinkTests.multiset(readLocally(List.of(folder))), FlinkTests.multiset(all));
        assertEquals(6000, all.size());
    }

    @Test
    void aBadRecordFailsTheJobNamingFileAndRecordWithoutValues() throws Exception {
        java.nio.file.Path folder = badFolder();
        StreamExecutionEnvironment env = env();
        env.fromSource(CdcFileSource.builder(new Path(folder.toUri())).format("dms-csv").build(),
                WatermarkStrategy.noWatermarks(), "bad").sinkTo(new Collected());
        Exception failure = assertThrows(Exception.class, env::execute);
        ChangeReadException cause = rootCause(failure, ChangeReadException.class);
        assertTrue(cause.getMessage().contains("20240101-000000000.csv"), cause.getMessage());
        assertEquals(3, cause.position().line(), cause.getMessage());
        assertFalse(cause.getMessage().contains("SECRET"), cause.getMessage());
    }

    @Test
    void withIgnoreParseErrorsTheJobFinishesAndTheMetricCounts() throws Exception {
        java.nio.file.Path folder = badFolder();
        StreamExecutionEnvironment env = env();
        Collected.EVENTS.clear();
        env.fromSource(CdcFileSource.builder(new Path(folder.toUri())).format("dms-csv").ignoreParseErrors(true).build(),
                WatermarkStrategy.noWatermarks(), "bad").sinkTo(new Collected());
        JobID id = env.execute().getJobID();
        assertEquals(3, Collected.EVENTS.size());
        long errors = METRICS.findMetrics(id, "numRecordsInErrors").values().stream()
                .mapToLong(m -> ((Counter) m).getCount()).sum();
        assertEquals(2, errors);
    }

    private java.nio.file.Path badFolder() throws IOException {
        java.nio.file.Path file = tmp.resolve("bad/s/t/20240101-000000000.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "Op,id,v\nI,1,a\nI,2,SECRET,extra\nI,3,c\nI,\"4,SECRET\nI,5,e");
        return tmp.resolve("bad");
    }

    private static CdcFileSource samples() throws IOException {
        return CdcFileSource.builder(INPUTS.stream().map(p -> new Path(p.toUri())).toArray(Path[]::new))
                .tableDefinitions(TABLES).build();
    }

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return env;
    }

    private static List<ChangeEvent> collect(CdcFileSource source) throws Exception {
        List<ChangeEvent> out = new ArrayList<>();
        env().fromSource(source, WatermarkStrategy.noWatermarks(), "in").executeAndCollect().forEachRemaining(out::add);
        return out;
    }

    /** What the single-process reader gives for every file under the folders. */
    static List<ChangeEvent> readLocally(List<java.nio.file.Path> folders) throws IOException {
        ReadOptions options = ReadOptions.defaults().withExtension(TableDefinitions.read(TABLES));
        FormatRegistry registry = FormatRegistry.discover();
        List<ChangeEvent> events = new ArrayList<>();
        for (java.nio.file.Path folder : folders) {
            List<java.nio.file.Path> files;
            try (Stream<java.nio.file.Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
            }
            for (java.nio.file.Path file : files) {
                try (ChangeReader reader = registry.open(file, null, options)) {
                    reader.forEachRemaining(events::add);
                }
            }
        }
        return events;
    }

    private static DataStream<ChangeEvent> slowly(DataStream<ChangeEvent> events) {
        return events.map(e -> {
            Thread.sleep(1);
            return e;
        }).returns(ChangeEventTypeInfo.INSTANCE);
    }

    private static <T extends Throwable> T rootCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the failure", t);
    }

    /** Keeps what reaches it in a static queue, across jobs of the one test JVM. */
    static final class Collected implements Sink<ChangeEvent> {
        static final ConcurrentLinkedQueue<ChangeEvent> EVENTS = new ConcurrentLinkedQueue<>();

        @Override
        public SinkWriter<ChangeEvent> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(ChangeEvent element, Context context) {
                    EVENTS.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
