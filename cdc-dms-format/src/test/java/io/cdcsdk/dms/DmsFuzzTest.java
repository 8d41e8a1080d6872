package io.cdcsdk.dms;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.Head;
import io.cdcsdk.core.spi.ReadContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Coverage-guided fuzz targets for the DMS readers. In the default test run they replay the inputs
 * in {@code DmsFuzzTestInputs/<method>/} (regression mode); the {@code fuzz-*} surefire executions
 * fuzz one target per JVM with {@code JAZZER_FUZZ=1} (Jazzer fuzzes only one {@code @FuzzTest} per
 * JVM). A finding fails the build; Jazzer saves it in the inputs directory, where it stays as a
 * regression test.
 *
 * <p>Only {@link ChangeReadException} may leave a reader, with a position in the source; under
 * SKIP nothing leaves, and SKIP reads at least the events FAIL read before its error.
 */
class DmsFuzzTest {
    /** Small limits, so that the fuzzer reaches each limit with small inputs. */
    static final Limits SMALL = new Limits(1024, 128, 6, 30, 20, 1024);

    private static final TableDefinitions ORDERS = TableDefinitions.builder()
            .add(new TableDefinitions.Table("public", "orders", List.of("order_id", "customer_id", "employee_id",
                    "order_date", "required_date", "shipped_date", "ship_via", "freight", "ship_name", "ship_address",
                    "ship_city", "ship_region", "ship_postal_code", "ship_country"), List.of("order_id"),
                    "transaction_commit_timestamp", List.of("transaction_sequence_number"),
                    "transaction_sequence_number", null))
            .build();
    private static final TableDefinitions TRANSACTIONS = TableDefinitions.builder()
            .add("rdsTempsdb", "Names_03cdcad11a", List.of("id", "name"), List.of("id"))
            .add("rdsTempsdb", "Names_6d152ce62d", List.of("id", "name"), List.of("id"))
            .build();

    private static final Map<String, AtomicLong> EXECUTED = new ConcurrentHashMap<>();
    private static final long STARTED = System.nanoTime();

    static {
        // In a fuzzing run, record how many inputs the target executed, for the build log and the issue note.
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz != null && !fuzz.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(DmsFuzzTest::writeStats));
        }
    }

    private static void count(String target) {
        EXECUTED.computeIfAbsent(target, t -> new AtomicLong()).incrementAndGet();
    }

    private static void writeStats() {
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        for (Map.Entry<String, AtomicLong> e : EXECUTED.entrySet()) {
            String line = "fuzz target " + e.getKey() + ": " + e.getValue().get() + " inputs executed in " + seconds + " s";
            System.err.println(line);
            try {
                Path dir = Path.of("target", "fuzz");
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(e.getKey() + ".txt"), line + "\n");
            } catch (IOException ignored) {
                // the line on standard error is enough
            }
        }
    }

    /** dms-json over any bytes: FAIL and SKIP, small and default limits. */
    @FuzzTest(maxDuration = "10s")
    void dmsJson(byte[] input) {
        count("dmsJson");
        FormatAdapter adapter = new DmsJsonAdapter();
        detect(adapter, input, "fuzz.json");
        drain(adapter, input, "fuzz.json", ReadOptions.defaults().withLimits(SMALL));
        drain(adapter, input, "fuzz.json", ReadOptions.defaults());
    }

    /** dms-csv over any bytes: with a table definition, as a transaction file, and by its header row. */
    @FuzzTest(maxDuration = "10s")
    void dmsCsv(byte[] input) {
        count("dmsCsv");
        FormatAdapter adapter = new DmsCsvAdapter();
        detect(adapter, input, "cdc/public/orders/20240612-103623720.csv");
        drain(adapter, input, "cdc/public/orders/20240612-103623720.csv", ReadOptions.defaults().withExtension(ORDERS));
        drain(adapter, input, "cdc/public/orders/LOAD00000001.csv",
                ReadOptions.defaults().withExtension(ORDERS).withLimits(SMALL));
        drain(adapter, input, "CDC_TXN-20201117153046033.csv", ReadOptions.defaults().withExtension(TRANSACTIONS));
        drain(adapter, input, "s/t/20240102-000000000.csv", ReadOptions.defaults().withLimits(SMALL));
    }

    /** Object keys: parsing never fails, keeps the key, and reports a table only for LOAD and CDC files. */
    @FuzzTest(maxDuration = "10s")
    void objectKey(@NotNull String key) {
        count("objectKey");
        DmsObjectKey k = DmsObjectKey.parse(key);
        if (!k.key().equals(key)) {
            throw new AssertionError("the key is not kept");
        }
        if (k.hasTable() && k.kind() != DmsObjectKey.Kind.LOAD && k.kind() != DmsObjectKey.Kind.CDC) {
            throw new AssertionError("a table for a " + k.kind() + " key");
        }
        if ((k.kind() == DmsObjectKey.Kind.LOAD) != (k.loadCounter() >= 0)) {
            throw new AssertionError("load counter of a " + k.kind() + " key");
        }
        if (k.datePartition() != null && (k.datePartitionSequence() == null || k.datePartitionDelimiter() == null)) {
            throw new AssertionError("a date partition without sequence or delimiter");
        }
        if (k.hasTable() && (k.schema().isEmpty() || k.table().isEmpty() || k.schema().contains("/"))) {
            throw new AssertionError("schema or table empty or with a slash");
        }
        new DmsCsvAdapter().detect(new Head(key, new byte[0], false));
    }

    private static void detect(FormatAdapter adapter, byte[] input, String name) {
        adapter.detect(new Head(name, Arrays.copyOf(input, Math.min(input.length, Head.MAX_BYTES)), false));
    }

    /**
     * Reads the input to the end under FAIL and under SKIP. Under FAIL only ChangeReadException may
     * leave; under SKIP nothing may leave, every report has a position in this source, and SKIP reads
     * at least the events FAIL read.
     */
    static void drain(FormatAdapter adapter, byte[] input, String name, ReadOptions options) {
        List<ChangeEvent> failEvents = new ArrayList<>();
        try (ChangeReader reader = open(adapter, input, name, options.failOnError())) {
            while (reader.hasNext()) {
                failEvents.add(reader.next());
            }
        } catch (ChangeReadException e) {
            checkReport(e, name);
        }
        List<ChangeReadException> reports = new ArrayList<>();
        List<ChangeEvent> skipEvents = new ArrayList<>();
        try (ChangeReader reader = open(adapter, input, name, options.skipOnError(reports::add))) {
            while (reader.hasNext()) {
                skipEvents.add(reader.next());
                if (skipEvents.size() > input.length + 1) {
                    throw new AssertionError("more events than bytes: the reader loops");
                }
            }
        }
        for (ChangeReadException r : reports) {
            checkReport(r, name);
        }
        if (skipEvents.size() < failEvents.size() || !skipEvents.subList(0, failEvents.size()).equals(failEvents)) {
            throw new AssertionError("SKIP lost events that FAIL read: " + failEvents.size() + " / " + skipEvents.size());
        }
    }

    private static void checkReport(ChangeReadException e, String name) {
        if (e.position() == null || !e.position().sourceName().equals(name) || e.detail() == null
                || !e.getMessage().startsWith(name)) {
            throw new AssertionError("report without a position in " + name);
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException || cause instanceof Error) {
            // AbstractChangeReader wraps what a reader did not expect: a bug in the reader.
            throw new AssertionError("unexpected " + cause.getClass().getName() + " in the reader", cause);
        }
    }

    private static ChangeReader open(FormatAdapter adapter, byte[] input, String name, ReadOptions options) {
        try {
            return adapter.open(new ByteArrayInputStream(input), ReadContext.of(name, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
