package io.cdcsdk.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
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
 * DMS JSON (the Kinesis and Kafka envelope, one record per line): the library's dms-json reader
 * against a raw Jackson token scan of the same bytes (the limit any JSON reader can reach) and
 * against the seed's approach (the whole input as a String, split into lines, each line parsed
 * into a tree, the data fields, operation and table picked into a map). Each reads 10,000 records
 * per invocation. Goals: at least 0.5x the token scan and 3x the seed's approach.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DmsJsonBenchmark {
    static final int RECORDS = 10_000;

    private byte[] input;
    private final JsonFactory factory = new JsonFactory();
    private final ObjectMapper mapper = new ObjectMapper();

    @Setup
    public void setUp() {
        input = generate(RECORDS).getBytes(StandardCharsets.UTF_8);
    }

    /** Records as DMS writes them to Kinesis: data before metadata, inserts, updates (some with a before image) and deletes. */
    static String generate(int n) {
        StringBuilder sb = new StringBuilder(n * 600);
        String[] ops = {"insert", "update", "update", "delete", "load"};
        for (int i = 0; i < n; i++) {
            String op = ops[i % ops.length];
            sb.append("{\"data\":{\"order_id\":").append(10_000 + i)
                    .append(",\"customer_id\":\"C").append(i % 997).append('"')
                    .append(",\"employee_id\":").append(i % 9 + 1)
                    .append(",\"order_date\":\"2024-06-").append(10 + i % 18).append("T00:00:00Z\"")
                    .append(",\"freight\":").append(i % 1000).append('.').append(10 + i % 90)
                    .append(",\"ship_name\":\"Vins et alcools \\\"Chevalier\\\" ").append(i).append('"')
                    .append(",\"ship_city\":\"Reims\",\"ship_region\":null,\"shipped\":").append(i % 2 == 0)
                    .append('}');
            if (op.equals("update") && i % 2 == 0) {
                sb.append(",\"before-image\":{\"order_id\":").append(10_000 + i).append(",\"freight\":1.5}");
            }
            sb.append(",\"metadata\":{\"timestamp\":\"2024-06-12T10:35:23.").append(String.format("%06d", i % 1_000_000))
                    .append("Z\",\"record-type\":\"data\",\"operation\":\"").append(op)
                    .append("\",\"partition-key-type\":\"schema-table\",\"schema-name\":\"public\",\"table-name\":\"orders\"");
            if (!op.equals("load")) {
                sb.append(",\"transaction-id\":").append(80_000_000L + i / 3)
                        .append(",\"commit-timestamp\":\"2024-06-12T10:35:23.").append(String.format("%06d", i % 1_000_000))
                        .append("Z\",\"stream-position\":\"00000002/7C0").append(Integer.toHexString(i)).append(".3\"");
            }
            sb.append("}}\n");
        }
        return sb.toString();
    }

    @Benchmark
    public void sdkDmsJsonReader(Blackhole bh) throws IOException {
        try (ChangeReader reader = FormatRegistry.discover()
                .open(new ByteArrayInputStream(input), "orders.json", "dms-json", ReadOptions.defaults())) {
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

    @Benchmark
    public void baselineSeedSplitLinesReadTree(Blackhole bh) throws IOException {
        String all = new String(input, StandardCharsets.UTF_8);
        for (String line : all.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode root = mapper.readTree(line);
            Map<String, Object> event = new HashMap<>();
            JsonNode md = root.get("metadata");
            event.put("operation", md.path("operation").asText());
            event.put("table", md.path("table-name").asText());
            Map<String, Object> data = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                data.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
            event.put("data", data);
            bh.consume(event);
        }
    }
}
