package io.cdcsdk.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.flink.examples.LatestRowPerKey;
import io.cdcsdk.flink.examples.LatestRowPerKeySql;
import io.cdcsdk.router.Compaction;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SQL format 'cdc' with the filesystem connector, in streaming mode on a MiniCluster. */
class SqlFormatTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkTests.cluster();

    @TempDir
    java.nio.file.Path tmp;

    private static StreamTableEnvironment tables() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return StreamTableEnvironment.create(env);
    }

    /** A table {@code t (id BIGINT, <column>)} over one DMS CSV file with a header. */
    private StreamTableEnvironment csvTable(String csv, String column, String options) throws java.io.IOException {
        java.nio.file.Path file = tmp.resolve("s/t/20240101-000000000.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
        StreamTableEnvironment tables = tables();
        tables.executeSql("CREATE TABLE t (id BIGINT, " + column + ", PRIMARY KEY (id) NOT ENFORCED) WITH ("
                + "'connector' = 'filesystem', 'path' = '" + tmp.toUri() + "', 'format' = 'cdc'" + options + ")");
        return tables;
    }

    @Test
    void theFinalTableEqualsCompactionWithExactDecimals() throws Exception {
        StreamTableEnvironment tables = tables();
        LatestRowPerKeySql.createOrders(tables, FileSourceTest.resource("dms").toUri().toString(),
                FileSourceTest.resource("dms-tables.json").toString());
        Map<Object, List<Object>> sql = new HashMap<>();
        LatestRowPerKeySql.finalTable(tables).forEach((key, row) -> sql.put(key, Arrays.asList(
                row.getField("customer_id"), row.getField("employee_id"), row.getField("order_date"),
                row.getField("freight"), row.getField("ship_region"))));

        List<ChangeEvent> orders = FileSourceTest.readLocally(List.of(FileSourceTest.resource("dms"))).stream()
                .filter(e -> e.source().qualifiedTable().equals("public.orders"))
                .sorted(LatestRowPerKey.DMS_ORDER).toList();
        Map<Object, List<Object>> expected = new HashMap<>();
        for (ChangeEvent e : Compaction.defaults().compact(orders)) {
            if (e.after() != null) {
                io.cdcsdk.core.Row r = e.after();
                expected.put(Long.parseLong(r.string("order_id")), Arrays.asList(r.string("customer_id"),
                        Integer.parseInt(r.string("employee_id")), LocalDate.parse(r.string("order_date")),
                        new BigDecimal(r.string("freight")).setScale(8), r.string("ship_region")));
            }
        }
        assertEquals(41, expected.size());
        assertEquals(expected, sql);
        assertEquals(new BigDecimal("32.38000110"), sql.get(10248L).get(3));
    }

    @Test
    void aValueThatDoesNotFitItsTypeFailsNamingTheColumnNotTheValue() throws Exception {
        StreamTableEnvironment tables = csvTable("Op,id,amount\nI,1,12.50\nI,2,12.345\n", "amount DECIMAL(10, 2)", "");
        Exception failure = assertThrows(Exception.class, () -> tables.executeSql("SELECT * FROM t").collect().forEachRemaining(r -> { }));
        ChangeReadException cause = null;
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof ChangeReadException e) {
                cause = e;
            }
        }
        assertTrue(cause != null, "no ChangeReadException in the failure");
        assertTrue(cause.getMessage().contains("amount"), cause.getMessage());
        assertEquals(3, cause.position().line(), cause.getMessage());
        assertFalse(cause.getMessage().contains("12.345"), cause.getMessage());
    }

    @Test
    void rowKindsFollowTheOperationsAndDeletesWithoutBeforeImageDoNotFail() throws Exception {
        StreamTableEnvironment tables = csvTable("Op,id,v\nI,1,a\nI,2,b\nU,1,c\nD,2,\n", "v STRING", ", 'cdc.format' = 'dms-csv'");
        List<String> changes = new java.util.ArrayList<>();
        tables.executeSql("SELECT * FROM t").collect().forEachRemaining(r -> changes.add(r.toString()));
        assertEquals(List.of("+I[1, a]", "+I[2, b]", "-U[1, a]", "+U[1, c]", "-D[2, b]"), changes);
    }

    @Test
    void theFilesystemConnectorOffersNoFormatMetadata() throws Exception {
        // README: with 'filesystem' the event's metadata cannot be read (Flink offers its file.* keys only)
        StreamTableEnvironment tables = csvTable("Op,id,v\nI,1,a\n", "v STRING, op STRING METADATA FROM 'operation' VIRTUAL", "");
        Exception e = assertThrows(Exception.class, () -> tables.executeSql("SELECT * FROM t").collect().close());
        assertTrue(String.valueOf(e.getMessage()).contains("operation"), e.getMessage());
    }
}
