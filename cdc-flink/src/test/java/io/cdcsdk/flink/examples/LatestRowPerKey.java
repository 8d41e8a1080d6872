package io.cdcsdk.flink.examples;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.dms.DmsObjectKey;
import io.cdcsdk.flink.CdcFileSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * "Apply changes by key" on Flink: reads a DMS folder (CSV, Parquet, JSON, gzipped or not) with
 * parallelism 2, keys the events by table and primary key, and keeps the latest event per key; the
 * latest row of a key is that event's after image (none when it is a delete).
 *
 * <p>The files of one table are read in parallel, so "latest" is decided by the DMS order, not by
 * arrival: full-load ({@code LOAD*}) files before CDC files, CDC files by their timestamped names,
 * and records in file order. Run it from the module with the test class path:
 * <pre>{@code
 * mvn -B -q -pl cdc-flink -am test-compile -DskipFuzz
 * mvn -B -q -pl cdc-flink exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.cdcsdk.flink.examples.LatestRowPerKey \
 *     -Dexec.args="src/test/resources/dms src/test/resources/dms-tables.json"
 * }</pre>
 * It prints one line per current row, {@code table {key} -> {row}}.
 */
public final class LatestRowPerKey {
    /** The DMS order of events of one key: LOAD files first, then file names, then records in a file. */
    public static final Comparator<ChangeEvent> DMS_ORDER = Comparator
            .comparingInt((ChangeEvent e) -> kind(e) == DmsObjectKey.Kind.LOAD ? 0 : 1)
            .thenComparing(e -> DmsObjectKey.parse(e.origin().sourceName()).fileName())
            .thenComparingLong(e -> e.origin().line())
            .thenComparingLong(e -> e.origin().record());

    private LatestRowPerKey() {
    }

    /**
     * The job's core: keyed events with a key (DDL and key-less events left out), reduced to the
     * later of two by {@link #DMS_ORDER}. Each key's last output is its latest event.
     *
     * @param events the events of a DMS folder
     * @return for each key, an output each time its latest event changes
     */
    public static DataStream<ChangeEvent> latest(DataStream<ChangeEvent> events) {
        return events.filter(e -> e.key() != null && e.op() != Operation.DDL)
                .keyBy(LatestRowPerKey::key, Types.STRING)
                .reduce((a, b) -> DMS_ORDER.compare(a, b) <= 0 ? b : a);
    }

    /** {@return the key of an event: its table and its key columns} */
    public static String key(ChangeEvent event) {
        return event.source().qualifiedTable() + '\u0001' + event.key().asMap();
    }

    private static DmsObjectKey.Kind kind(ChangeEvent e) {
        Position origin = e.origin();
        return DmsObjectKey.parse(origin.sourceName()).kind();
    }

    /**
     * {@code LatestRowPerKey <DMS folder> <table definitions JSON>}: prints the current rows.
     *
     * @param args the folder and the table definitions
     * @throws Exception when the job fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LatestRowPerKey <DMS folder> <table definitions JSON>");
            System.exit(2);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CdcFileSource source = CdcFileSource.builder(new Path(java.nio.file.Path.of(args[0]).toAbsolutePath().toUri()))
                .tableDefinitions(java.nio.file.Path.of(args[1]))
                .build();
        Map<String, ChangeEvent> latest = new LinkedHashMap<>();
        latest(env.fromSource(source, WatermarkStrategy.noWatermarks(), "dms"))
                .executeAndCollect().forEachRemaining(e -> latest.put(key(e), e));
        latest.values().stream().filter(e -> e.after() != null).forEach(e -> {
            Row after = e.after();
            System.out.println(e.source().qualifiedTable() + " " + e.key().asMap() + " -> " + after.asMap());
        });
    }
}
