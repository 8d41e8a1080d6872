package io.cdcsdk.benchmarks;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dms.parquet.DmsParquetAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * DMS S3 Parquet (Op, the commit timestamp as a required string, then optional source columns):
 * the library's dms-parquet reader against raw {@link AvroParquetReader} {@link GenericRecord}
 * iteration of the same file. Each reads 10,000 rows per invocation. Goal: at least 0.8x raw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DmsParquetBenchmark {
    static final int ROWS = 10_000;

    private Path file;
    private final DmsParquetAdapter adapter = new DmsParquetAdapter();

    @Setup
    public void setUp() throws IOException {
        Schema schema = SchemaBuilder.record("orders").fields()
                .requiredString("Op")
                .requiredString("transaction_commit_timestamp")
                .optionalInt("order_id")
                .optionalString("customer_id")
                .optionalInt("employee_id")
                .optionalString("order_date")
                .optionalDouble("freight")
                .optionalString("ship_name")
                .optionalString("ship_city")
                .optionalString("ship_region")
                .optionalLong("transaction_sequence_number")
                .endRecord();
        file = Files.createTempFile("dms-bench-", ".parquet");
        Files.delete(file);
        String[] ops = {"I", "U", "U", "D"};
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema).withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
            for (int i = 0; i < ROWS; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("Op", ops[i % ops.length]);
                r.put("transaction_commit_timestamp", "2024-06-12 10:35:" + (10 + i % 50) + "." + (100_000 + i % 900_000));
                r.put("order_id", 30_000 + i);
                r.put("customer_id", "C" + (i % 997));
                r.put("employee_id", i % 9 + 1);
                r.put("order_date", "2024-05-03");
                r.put("freight", 32.38 + i % 100);
                r.put("ship_name", "Vins et alcools Chevalier " + i);
                r.put("ship_city", "Reims");
                r.put("ship_region", i % 3 == 0 ? null : "Marne");
                r.put("transaction_sequence_number", 20240612103523710L + i);
                writer.write(r);
            }
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public void sdkDmsParquetReader(Blackhole bh) throws IOException {
        try (ChangeReader reader = adapter.open(file,
                ReadContext.of("dms/public/orders/20240612-103125108.parquet", ReadOptions.defaults()))) {
            while (reader.hasNext()) {
                bh.consume(reader.next());
            }
        }
    }

    @Benchmark
    public void baselineAvroParquetReader(Blackhole bh) throws IOException {
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .build()) {
            GenericRecord r;
            while ((r = reader.read()) != null) {
                bh.consume(r);
            }
        }
    }
}
