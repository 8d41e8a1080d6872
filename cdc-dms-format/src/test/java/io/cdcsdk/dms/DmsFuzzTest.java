package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsJsonAdapter;
import io.cdcsdk.dms.internal.DmsCsvAdapter;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.testing.FuzzCounts;

import java.util.Arrays;
import java.util.List;

import static io.cdcsdk.core.testing.FuzzReads.drain;

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

    /** dms-json over any bytes: FAIL and SKIP, small and default limits. */
    @FuzzTest(maxDuration = "10s")
    void dmsJson(byte[] input) {
        FuzzCounts.count("dmsJson");
        FormatAdapter adapter = new DmsJsonAdapter();
        detect(adapter, input, "fuzz.json");
        drain(adapter, input, "fuzz.json", ReadOptions.defaults().withLimits(SMALL));
        drain(adapter, input, "fuzz.json", ReadOptions.defaults());
    }

    /** dms-csv over any bytes: with a table definition, as a transaction file, and by its header row. */
    @FuzzTest(maxDuration = "10s")
    void dmsCsv(byte[] input) {
        FuzzCounts.count("dmsCsv");
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
        FuzzCounts.count("objectKey");
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
}
