package io.cdcsdk.flink.examples;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * The latest row per key of a DMS table folder in Flink SQL: the {@code filesystem} connector with
 * {@code 'format' = 'cdc'} gives an upsert changelog keyed by the table's primary key, and Flink
 * keeps the current row of each key. The folder holds several tables and formats: each file's
 * format is detected, and {@code cdc.table-include} keeps the events of {@code public.orders}. Streaming mode (Flink reads a changelog source only there;
 * the bounded files still end the job) and a primary key are required.
 *
 * <p>Run it from the module with the test class path:
 * <pre>{@code
 * mvn -B -q -pl cdc-flink -am test-compile -DskipFuzz
 * mvn -B -q -pl cdc-flink exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.cdcsdk.flink.examples.LatestRowPerKeySql \
 *     -Dexec.args="src/test/resources/dms src/test/resources/dms-tables.json"
 * }</pre>
 * It prints the final {@code orders} table, one line per row.
 */
public final class LatestRowPerKeySql {
    private LatestRowPerKeySql() {
    }

    /**
     * Creates the table {@code orders} over the {@code public.orders} events of a DMS folder.
     *
     * @param tables      the table environment
     * @param folder      the DMS folder (a path or URI on any Flink file system)
     * @param definitions the table definitions JSON of the header-less CSV files
     */
    public static void createOrders(StreamTableEnvironment tables, String folder, String definitions) {
        tables.executeSql("""
                CREATE TABLE orders (
                  order_id BIGINT,
                  customer_id STRING,
                  employee_id INT,
                  order_date DATE,
                  freight DECIMAL(18, 8),
                  ship_region STRING,
                  PRIMARY KEY (order_id) NOT ENFORCED
                ) WITH (
                  'connector' = 'filesystem',
                  'path' = '%s',
                  'format' = 'cdc',
                  'cdc.table-def' = '%s',
                  'cdc.table-include' = 'public\\.orders'
                )""".formatted(folder, definitions));
    }

    /**
     * Runs {@code SELECT * FROM orders} and applies its changelog.
     *
     * @param tables the table environment holding {@code orders}
     * @return the final table by {@code order_id}
     * @throws Exception when the job fails
     */
    public static Map<Object, Row> finalTable(StreamTableEnvironment tables) throws Exception {
        Map<Object, Row> rows = new HashMap<>();
        TableResult result = tables.executeSql("SELECT * FROM orders");
        CloseableIterator<Row> changes = result.collect();
        try {
            changes.forEachRemaining(row -> {
                switch (row.getKind()) {
                    case INSERT, UPDATE_AFTER -> rows.put(row.getField("order_id"), row);
                    case UPDATE_BEFORE, DELETE -> rows.remove(row.getField("order_id"));
                }
            });
        } finally {
            changes.close();
        }
        return rows;
    }

    /**
     * {@code LatestRowPerKeySql <DMS folder> <table definitions JSON>}: prints the final orders.
     *
     * @param args the folder and the table definitions
     * @throws Exception when the job fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LatestRowPerKeySql <DMS folder> <table definitions JSON>");
            System.exit(2);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        createOrders(tables, java.nio.file.Path.of(args[0]).toAbsolutePath().toUri().toString(),
                java.nio.file.Path.of(args[1]).toAbsolutePath().toString());
        finalTable(tables).values().forEach(System.out::println);
    }
}
