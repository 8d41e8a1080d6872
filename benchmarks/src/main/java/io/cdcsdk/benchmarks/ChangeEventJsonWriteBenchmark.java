package io.cdcsdk.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Writing the ChangeEvent JSON form: the library's {@link ChangeEventJson.LineWriter} writing
 * 10,000 events (as the cdc-json reader gives them, the rows of {@link CdcJsonBenchmark}'s input)
 * against a raw Jackson generator writing the same values, taken out of the events beforehand into
 * plain arrays, timestamps already as text: the generator's own speed, the limit of any writer of
 * the form. Both write the same bytes, checked at setup, into one reused buffer through one
 * generator per invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChangeEventJsonWriteBenchmark {
    private final JsonFactory factory = new JsonFactory();
    private List<ChangeEvent> events;
    private List<Object[]> plain;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);

    @Setup
    public void setUp() throws IOException {
        events = new ArrayList<>();
        try (ChangeReader reader = FormatRegistry.discover().open(new ByteArrayInputStream(CdcJsonBenchmark.ndjson()),
                "orders.ndjson", "cdc-json", ReadOptions.defaults())) {
            reader.forEachRemaining(events::add);
        }
        plain = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            plain.add(new Object[] {e.op().wireName(), e.source().format(), e.source().schema(), e.source().table(),
                    columns(e.key()), columns(e.before()), columns(e.after()), e.ts() == null ? null : e.ts().toString(),
                    e.position(), e.tx(), columns(e.meta())});
        }
        sdkLineWriter(null);
        byte[] ours = out.toByteArray();
        baselineJacksonGenerator(null);
        if (!Arrays.equals(ours, out.toByteArray())) {
            throw new IllegalStateException("the two sides write different bytes");
        }
    }

    @Benchmark
    public void sdkLineWriter(Blackhole bh) throws IOException {
        out.reset();
        try (ChangeEventJson.LineWriter w = ChangeEventJson.lineWriter(out)) {
            for (ChangeEvent e : events) {
                w.write(e);
            }
        }
        consume(bh);
    }

    @Benchmark
    public void baselineJacksonGenerator(Blackhole bh) throws IOException {
        out.reset();
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (Object[] e : plain) {
                g.writeStartObject();
                g.writeStringField("op", (String) e[0]);
                g.writeObjectFieldStart("source");
                g.writeStringField("format", (String) e[1]);
                g.writeStringField("schema", (String) e[2]);
                g.writeStringField("table", (String) e[3]);
                g.writeEndObject();
                row(g, "key", (Object[]) e[4]);
                row(g, "before", (Object[]) e[5]);
                row(g, "after", (Object[]) e[6]);
                g.writeStringField("ts", (String) e[7]);
                g.writeStringField("position", (String) e[8]);
                g.writeStringField("tx", (String) e[9]);
                row(g, "meta", (Object[]) e[10]);
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
        consume(bh);
    }

    private void consume(Blackhole bh) {
        if (bh != null) {
            bh.consume(out.size());
        }
    }

    /** Names and values in turn; the values of this input are strings, decimals and nulls. */
    private static void row(JsonGenerator g, String name, Object[] columns) throws IOException {
        g.writeFieldName(name);
        if (columns == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (int i = 0; i < columns.length; i += 2) {
            g.writeFieldName((String) columns[i]);
            Object v = columns[i + 1];
            if (v == null) {
                g.writeNull();
            } else if (v instanceof BigDecimal d) {
                g.writeNumber(d);
            } else {
                g.writeString((String) v);
            }
        }
        g.writeEndObject();
    }

    private static Object[] columns(Row row) {
        return row == null ? null : columns(row.asMap());
    }

    private static Object[] columns(Map<String, Object> map) {
        Object[] columns = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> c : map.entrySet()) {
            columns[i++] = c.getKey();
            columns[i++] = c.getValue();
        }
        return columns;
    }
}
