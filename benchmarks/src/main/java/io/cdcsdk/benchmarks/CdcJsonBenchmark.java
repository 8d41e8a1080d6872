package io.cdcsdk.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
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
 * The ChangeEvent JSON form: the library's cdc-json reader against a raw Jackson token scan of the
 * same bytes (the limit any JSON reader can reach). Both read 10,000 events per invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CdcJsonBenchmark {
    private byte[] input;
    private final JsonFactory factory = new JsonFactory();

    @Setup
    public void setUp() throws IOException {
        input = ndjson();
    }

    /** 10,000 updates of an orders table in the JSON form, one a line. */
    static byte[] ndjson() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            ChangeEvent e = ChangeEvent.builder(Operation.UPDATE, SourceInfo.of("dms-json", "public", "orders"))
                    .key(Row.builder().put("order_id", i).build())
                    .before(Row.builder().put("order_id", i).put("amount", new BigDecimal("10.50")).build())
                    .after(Row.builder().put("order_id", i).put("amount", new BigDecimal("12.75"))
                            .put("customer", "customer-" + i).put("note", null).build())
                    .ts(Instant.ofEpochSecond(1_700_000_000L + i, 123_456_000))
                    .position(String.format("%038d", i)).tx(Integer.toString(i / 10))
                    .meta("file", "orders.json").meta("line", i + 1)
                    .build();
            ChangeEventJson.writeLine(e, out);
        }
        return out.toByteArray();
    }

    @Benchmark
    public void sdkCdcJsonReader(Blackhole bh) throws IOException {
        try (ChangeReader reader = FormatRegistry.discover()
                .open(new ByteArrayInputStream(input), "orders.ndjson", "cdc-json", ReadOptions.defaults())) {
            while (reader.hasNext()) {
                bh.consume(reader.next());
            }
        }
    }

    @Benchmark
    public void baselineJacksonTokenScan(Blackhole bh) throws IOException {
        try (JsonParser p = factory.createParser(input)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING) {
                    bh.consume(p.getText());
                } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    bh.consume(p.getDecimalValue());
                }
            }
        }
    }
}
