package io.cdcsdk.benchmarks;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.dms.TableDefinitions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * DMS S3 CSV (a CDC file with Op, commit timestamp, 14 source columns and the sequence number):
 * the library's dms-csv reader against raw jackson-dataformat-csv row iteration ({@code String[]}
 * per row) of the same bytes. Each reads 10,000 rows per invocation. Goal: at least 0.7x raw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DmsCsvBenchmark {
    static final int ROWS = 10_000;
    static final String SOURCE = "cdc/public/orders/20240612-103125108.csv";

    private byte[] input;
    private ReadOptions options;
    private final CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    @Setup
    public void setUp() {
        options = ReadOptions.defaults().withExtension(TableDefinitions.builder()
                .add(new TableDefinitions.Table("public", "orders", List.of("order_id", "customer_id", "employee_id",
                        "order_date", "required_date", "shipped_date", "ship_via", "freight", "ship_name", "ship_address",
                        "ship_city", "ship_region", "ship_postal_code", "ship_country"), List.of("order_id"),
                        "transaction_commit_timestamp", List.of("transaction_sequence_number"),
                        "transaction_sequence_number", null))
                .build());
        StringBuilder sb = new StringBuilder(ROWS * 200);
        String[] ops = {"I", "U", "U", "D"};
        for (int i = 0; i < ROWS; i++) {
            String op = ops[i % ops.length];
            sb.append(op).append(",2024-06-12 10:35:").append(10 + i % 50).append('.').append(100_000 + i % 900_000)
                    .append(',').append(30_000 + i)
                    .append(",C").append(i % 997)
                    .append(',').append(i % 9 + 1)
                    .append(",2024-05-03,2024-06-09,").append(i % 3 == 0 ? "" : "2024-06-11")
                    .append(',').append(i % 3 + 1)
                    .append(",+3.23800011e+01");
            if (i % 5 == 0) {
                sb.append(",\"Vins et alcools, \"\"Chevalier\"\"\"");
            } else {
                sb.append(",Vins et alcools Chevalier ").append(i);
            }
            sb.append(",59 rue de l'Abbaye,Reims,,51100,France,")
                    .append(String.format("2024061210352371%019d", i)).append('\n');
        }
        input = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public void sdkDmsCsvReader(Blackhole bh) throws IOException {
        try (ChangeReader reader = FormatRegistry.discover()
                .open(new ByteArrayInputStream(input), SOURCE, "dms-csv", options)) {
            while (reader.hasNext()) {
                bh.consume(reader.next());
            }
        }
    }

    @Benchmark
    public void baselineJacksonCsvRows(Blackhole bh) throws IOException {
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(input)) {
            while (rows.hasNext()) {
                bh.consume(rows.next());
            }
        }
    }
}
