package io.cdcsdk.benchmarks;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code dynamodb-stream}: one Lambda DynamoDB Streams event of {@link #records} records
 * (INSERT/MODIFY/REMOVE, NEW_AND_OLD_IMAGES, every attribute type: S, N, B, BOOL, NULL, SS, NS,
 * BS, M, L, nested), read from the same bytes into plain Java values by each side.
 *
 * <ul>
 * <li>{@code sdk...}: the library's {@code dynamodb-stream} reader: bytes to {@link ChangeEvent}s
 *     whose key/before/after rows hold plain values (exact BigDecimal numbers, Bytes, Sets, Lists,
 *     Maps), with table, op, timestamp, position and meta.</li>
 * <li>{@code baselineLambdaEventsSdkV2PlainValues}: Jackson maps the bytes into
 *     aws-lambda-java-events' {@link DynamodbEvent} (aws-lambda-java-serialization is not on the
 *     class path, so an ObjectMapper configured the way it behaves: case-insensitive properties,
 *     unknown properties ignored, {@code ApproximateCreationDateTime} as epoch seconds); each image
 *     is converted to SDK v2 {@link AttributeValue}s (what aws-lambda-java-events-sdk-transformer
 *     does), wrapped in {@link EnhancedDocument#fromAttributeValueMap}, and its {@code toMap()}
 *     turned into plain values (BigDecimal numbers, byte[] binaries, Sets, Lists, Maps) — the
 *     values comparable to the library's.</li>
 * <li>{@code baselineLambdaEventsSdkV2ToJson}: the same mapping, then {@code EnhancedDocument.toJson()}
 *     per image (a JSON string, not Java values; the cheaper conversion the SDK offers).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DynamoDbStreamBenchmark {
    @Param({"500"})
    public int records;

    private byte[] input;
    private FormatRegistry registry;
    private ObjectMapper eventsMapper;

    @Setup
    public void setUp() throws IOException {
        input = event(records, new Random(42));
        registry = FormatRegistry.discover();
        eventsMapper = eventsMapper();
        // Both sides read every record.
        int ours = 0;
        try (ChangeReader reader = open()) {
            while (reader.hasNext()) {
                reader.next();
                ours++;
            }
        }
        int theirs = eventsMapper.readValue(input, DynamodbEvent.class).getRecords().size();
        if (ours != records || theirs != records) {
            throw new IllegalStateException("records read: " + ours + " / " + theirs);
        }
    }

    private ChangeReader open() throws IOException {
        return registry.open(new ByteArrayInputStream(input), "event.json", "dynamodb-stream", ReadOptions.defaults());
    }

    @Benchmark
    public void sdkDynamoDbStream(Blackhole bh) throws IOException {
        try (ChangeReader reader = open()) {
            while (reader.hasNext()) {
                bh.consume(reader.next());
            }
        }
    }

    @Benchmark
    public void baselineLambdaEventsSdkV2PlainValues(Blackhole bh) throws IOException {
        DynamodbEvent event = eventsMapper.readValue(input, DynamodbEvent.class);
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            var d = r.getDynamodb();
            bh.consume(r.getEventName());
            bh.consume(d.getApproximateCreationDateTime());
            bh.consume(d.getSequenceNumber());
            bh.consume(plain(d.getKeys()));
            bh.consume(plain(d.getNewImage()));
            bh.consume(plain(d.getOldImage()));
        }
    }

    @Benchmark
    public void baselineLambdaEventsSdkV2ToJson(Blackhole bh) throws IOException {
        DynamodbEvent event = eventsMapper.readValue(input, DynamodbEvent.class);
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            var d = r.getDynamodb();
            bh.consume(r.getEventName());
            bh.consume(d.getApproximateCreationDateTime());
            bh.consume(d.getSequenceNumber());
            bh.consume(json(d.getKeys()));
            bh.consume(json(d.getNewImage()));
            bh.consume(json(d.getOldImage()));
        }
    }

    // ------------------------------------------------------------------ baseline conversions

    /** An ObjectMapper that reads Lambda's DynamoDB event JSON into aws-lambda-java-events classes. */
    static ObjectMapper eventsMapper() {
        SimpleModule seconds = new SimpleModule().addDeserializer(Date.class, new StdDeserializer<>(Date.class) {
            @Override
            public Date deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return new Date(p.getDecimalValue().movePointRight(3).longValue());
            }
        });
        return JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(seconds)
                .build();
    }

    private static Map<String, Object> plain(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, AttributeValue> v2 = EnhancedDocument.fromAttributeValueMap(LambdaEventsToSdkV2.image(image)).toMap();
        Map<String, Object> out = new LinkedHashMap<>();
        v2.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    private static String json(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return image == null ? null : EnhancedDocument.fromAttributeValueMap(LambdaEventsToSdkV2.image(image)).toJson();
    }

    private static Object plain(AttributeValue v) {
        switch (v.type()) {
            case S: return v.s();
            case N: return new BigDecimal(v.n());
            case B: return v.b().asByteArray();
            case BOOL: return v.bool();
            case NUL: return null;
            case SS: return new LinkedHashSet<>(v.ss());
            case NS: {
                Set<BigDecimal> s = new LinkedHashSet<>();
                v.ns().forEach(n -> s.add(new BigDecimal(n)));
                return s;
            }
            case BS: {
                Set<byte[]> s = new LinkedHashSet<>();
                v.bs().forEach(b -> s.add(b.asByteArray()));
                return s;
            }
            case L: {
                List<Object> l = new ArrayList<>(v.l().size());
                v.l().forEach(m -> l.add(plain(m)));
                return l;
            }
            case M: {
                Map<String, Object> m = new LinkedHashMap<>();
                v.m().forEach((k, x) -> m.put(k, plain(x)));
                return m;
            }
            default: throw new IllegalArgumentException("unknown attribute type");
        }
    }

    // ------------------------------------------------------------------ input

    /** A Lambda DynamoDB Streams event of {@code n} records with every attribute type. */
    static byte[] event(int n, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (int i = 0; i < n; i++) {
                String op = i % 5 == 4 ? "REMOVE" : i % 5 == 0 ? "INSERT" : "MODIFY";
                g.writeStartObject();
                g.writeStringField("eventID", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
                g.writeStringField("eventName", op);
                g.writeStringField("eventVersion", "1.1");
                g.writeStringField("eventSource", "aws:dynamodb");
                g.writeStringField("awsRegion", "eu-west-1");
                g.writeObjectFieldStart("dynamodb");
                g.writeNumberField("ApproximateCreationDateTime", new BigDecimal("1700000000." + (100 + i % 900)));
                g.writeObjectFieldStart("Keys");
                g.writeObjectFieldStart("pk");
                g.writeStringField("S", "customer#" + (i % 97));
                g.writeEndObject();
                g.writeObjectFieldStart("sk");
                g.writeStringField("N", Integer.toString(i));
                g.writeEndObject();
                g.writeEndObject();
                if (!op.equals("REMOVE")) {
                    g.writeFieldName("NewImage");
                    item(g, i, random, 1);
                }
                if (!op.equals("INSERT")) {
                    g.writeFieldName("OldImage");
                    item(g, i, random, 0);
                }
                g.writeStringField("SequenceNumber", String.format("%021d", 111_000_000_000_000L + i));
                g.writeNumberField("SizeBytes", 400 + random.nextInt(400));
                g.writeStringField("StreamViewType", "NEW_AND_OLD_IMAGES");
                g.writeEndObject();
                g.writeStringField("eventSourceARN",
                        "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void item(JsonGenerator g, int i, Random random, int version) throws IOException {
        g.writeStartObject();
        attr(g, "pk", "S", "customer#" + (i % 97));
        attr(g, "sk", "N", Integer.toString(i));
        attr(g, "status", "S", random.nextBoolean() ? "SHIPPED" : "PENDING");
        attr(g, "amount", "N", (random.nextInt(100_000)) + "." + (10 + random.nextInt(90)));
        attr(g, "quantity", "N", Integer.toString(1 + random.nextInt(20)));
        attr(g, "version", "N", Integer.toString(i * 2 + version));
        attr(g, "createdAt", "S", "2024-01-" + (10 + i % 18) + "T12:34:56.789Z");
        attr(g, "note", "S", "a note of some length for order " + i + " with unicode caf\u00e9 \u2713");
        byte[] blob = new byte[24];
        random.nextBytes(blob);
        attr(g, "digest", "B", Base64.getEncoder().encodeToString(blob));
        g.writeObjectFieldStart("gift");
        g.writeBooleanField("BOOL", random.nextBoolean());
        g.writeEndObject();
        g.writeObjectFieldStart("coupon");
        g.writeBooleanField("NULL", true);
        g.writeEndObject();
        g.writeObjectFieldStart("tags");
        g.writeArrayFieldStart("SS");
        g.writeString("retail");
        g.writeString("priority-" + (i % 3));
        g.writeString("eu");
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("scores");
        g.writeArrayFieldStart("NS");
        g.writeString("1");
        g.writeString("2.5");
        g.writeString(Integer.toString(100 + i));
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("chunks");
        g.writeArrayFieldStart("BS");
        g.writeString("AAEC");
        g.writeString("AwQF");
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("address");
        g.writeObjectFieldStart("M");
        attr(g, "street", "S", (i % 200) + " Main Street");
        attr(g, "city", "S", "Dublin");
        attr(g, "zip", "N", Integer.toString(10_000 + i % 80_000));
        g.writeObjectFieldStart("geo");
        g.writeObjectFieldStart("M");
        attr(g, "lat", "N", "53.3498" + (i % 10));
        attr(g, "lon", "N", "-6.2603" + (i % 10));
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("lines");
        g.writeArrayFieldStart("L");
        int lines = 1 + random.nextInt(3);
        for (int l = 0; l < lines; l++) {
            g.writeStartObject();
            g.writeObjectFieldStart("M");
            attr(g, "sku", "S", "SKU-" + random.nextInt(10_000));
            attr(g, "price", "N", random.nextInt(500) + ".99");
            attr(g, "qty", "N", Integer.toString(1 + random.nextInt(5)));
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void attr(JsonGenerator g, String name, String tag, String value) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField(tag, value);
        g.writeEndObject();
    }
}
