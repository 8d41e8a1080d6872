package io.cdcsdk.dynamodb;

import io.cdcsdk.core.internal.JsonParsing;
import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.dynamodbv2.local.main.CommandLineInput;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real peer: DynamoDB Local, in-process on a random loopback port. Items covering every
 * attribute type and edge value are written with the library's own marshalling
 * ({@link AttributeValues#toDynamoDbItem}), the stream is read with raw GetRecords POSTs, and the
 * exact bytes the server sent are parsed by the {@code dynamodb-stream} adapter.
 */
class DynamoDbLocalStreamTest {
    private static final ObjectMapper MAPPER = JsonParsing.mapper(Limits.DEFAULTS.withMaxNestingDepth(200));
    private static final String TABLE = "cdc_items";
    private static DynamoDBProxyServer server;
    private static URI endpoint;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /**
     * The AWS SDK inside DynamoDB Local warns through java.util.logging that it lacks JAXB and uses its
     * own Base64 coder; its errors still show. Held here: java.util.logging keeps loggers only weakly.
     */
    private static final Logger SDK_BASE64_LOG = Logger.getLogger("com.amazonaws.util.Base64");

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // createServerFromCommandLineArgs would also print its configuration to standard output
        CommandLineInput options = new CommandLineInput(new String[] {
            "-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
        assertTrue(options.init(), "DynamoDB Local options");
        SDK_BASE64_LOG.setLevel(Level.SEVERE);
        server = ServerRunner.createServer(options);
        Field f = DynamoDBProxyServer.class.getDeclaredField("server"); // no host option: bind loopback only
        f.setAccessible(true);
        for (Connector c : ((org.eclipse.jetty.server.Server) f.get(server)).getConnectors()) {
            ((ServerConnector) c).setHost("127.0.0.1");
        }
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + port + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] call(String target, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=dummy/20240101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : MAPPER.writeValueAsString(body)))
                .build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            fail(target + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body();
    }

    private static JsonNode ddb(String op, Object body) throws Exception {
        return MAPPER.readTree(call("DynamoDB_20120810." + op, body));
    }

    private static JsonNode streams(String op, Object body) throws Exception {
        return MAPPER.readTree(call("DynamoDBStreams_20120810." + op, body));
    }

    private static Map<String, Object> itemA() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", "a");
        m.put("n38", new BigDecimal("12345678901234567890123456789012345678"));
        m.put("frac38", new BigDecimal("0.12345678901234567890123456789012345678"));
        m.put("negTinyFrac", new BigDecimal("-0.000000000000000000000000000000000001"));
        m.put("tiny", new BigDecimal("1E-130"));
        m.put("huge", new BigDecimal("9.9999999999999999999999999999999999999E+125"));
        m.put("negHuge", new BigDecimal("-9.9999999999999999999999999999999999999E+125"));
        m.put("exp50", new BigDecimal("1.00000000000000007629769841092E+50"));
        m.put("scaled", new BigDecimal("1.50"));
        m.put("zero", new BigDecimal("-0"));
        m.put("emptyS", "");
        m.put("emptyB", Bytes.empty());
        m.put("bin", Bytes.of(new byte[] {0, 1, 42, (byte) 0xff, (byte) 0x80}));
        m.put("unicode", "caf\u00e9 \u2603 \uD83C\uDF89 \"q\" \\ \n");
        m.put("ss", new LinkedHashSet<>(List.of("zeta", "alpha", "")));
        m.put("ns", new LinkedHashSet<>(List.of(new BigDecimal("3"), new BigDecimal("-1.25"), new BigDecimal("1E+100"))));
        m.put("bs", new LinkedHashSet<>(List.of(Bytes.of(new byte[] {(byte) 0xfe}), Bytes.of(new byte[] {1, 2}))));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("l", new ArrayList<>(List.of("x", new BigDecimal("2"), true, new LinkedHashMap<>(), new ArrayList<>())));
        inner.put("nul", null);
        m.put("map", inner);
        m.put("emptyM", new LinkedHashMap<>());
        m.put("emptyL", new ArrayList<>());
        m.put("nul", null);
        m.put("yes", true);
        m.put("no", false);
        Object deep = "bottom";
        for (int i = 0; i < 31; i++) {
            if (i % 2 == 0) {
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("d" + i, deep);
                deep = level;
            } else {
                deep = new ArrayList<>(List.of(deep));
            }
        }
        m.put("deep", deep);
        return m;
    }

    @Test
    void streamOfEveryTypeReadsBackExactly() throws Exception {
        long started = System.nanoTime();
        ddb("CreateTable", "{\"TableName\":\"" + TABLE + "\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}");
        String streamArn = ddb("DescribeTable", Map.of("TableName", TABLE)).path("Table").path("LatestStreamArn").asText();

        Map<String, Object> a = itemA();
        put(a);
        // update: change a number, remove an attribute, add to a string set
        ddb("UpdateItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                + "\"UpdateExpression\":\"SET n38 = :n REMOVE emptyS ADD ss :s\","
                + "\"ExpressionAttributeValues\":{\":n\":{\"N\":\"-99999999999999999999999999999999999999\"},\":s\":{\"SS\":[\"beta\"]}}}");
        Map<String, Object> a2 = new LinkedHashMap<>(a);
        a2.put("n38", new BigDecimal("-99999999999999999999999999999999999999"));
        a2.remove("emptyS");
        @SuppressWarnings("unchecked")
        Set<Object> ss = new LinkedHashSet<>((Set<Object>) a.get("ss"));
        ss.add("beta");
        a2.put("ss", ss);

        Map<String, Object> b = new LinkedHashMap<>();
        b.put("pk", "b");
        b.put("v", new BigDecimal("0.5"));
        put(b);
        ddb("DeleteItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"b\"}}}");

        String shard = streams("DescribeStream", Map.of("StreamArn", streamArn))
                .path("StreamDescription").path("Shards").get(0).path("ShardId").asText();
        String iterator = streams("GetShardIterator", Map.of("StreamArn", streamArn, "ShardId", shard,
                "ShardIteratorType", "TRIM_HORIZON")).path("ShardIterator").asText();

        List<ChangeEvent> events = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        int response = 0;
        while (events.size() < 4 && System.currentTimeMillis() < deadline) {
            byte[] raw = call("DynamoDBStreams_20120810.GetRecords", Map.of("ShardIterator", iterator));
            JsonNode tree = MAPPER.readTree(raw);
            // the library parses the exact bytes the server sent
            events.addAll(Golden.readAll(new DynamoDbStreamAdapter().open(new ByteArrayInputStream(raw),
                    ReadContext.of("getrecords-" + (++response) + ".json", ReadOptions.defaults()))));
            iterator = tree.path("NextShardIterator").asText();
            if (events.size() < 4) {
                Thread.sleep(200);
            }
        }
        assertEquals(4, events.size(), "stream records");

        ChangeEvent insert = events.get(0);
        assertEquals(Operation.INSERT, insert.op());
        assertEquals(TABLE, insert.source().table());
        assertNull(insert.before());
        assertSame(Map.of("pk", "a"), insert.key().asMap());
        assertSame(a, insert.after().asMap());

        ChangeEvent update = events.get(1);
        assertEquals(Operation.UPDATE, update.op());
        assertSame(a, update.before().asMap());
        assertSame(a2, update.after().asMap());

        ChangeEvent insertB = events.get(2);
        assertEquals(Operation.INSERT, insertB.op());
        assertSame(b, insertB.after().asMap());

        ChangeEvent delete = events.get(3);
        assertEquals(Operation.DELETE, delete.op());
        assertNull(delete.after());
        assertSame(b, delete.before().asMap());
        assertSame(Map.of("pk", "b"), delete.key().asMap());

        // canonical forms: written out in full, all digits kept
        Row after = insert.after();
        assertEquals("0." + "0".repeat(129) + "1", after.decimal("tiny").toPlainString());
        assertEquals(126, after.decimal("huge").toPlainString().length());
        assertEquals("100000000000000007629769841092000000000000000000000", after.decimal("exp50").toPlainString());
        assertInstanceOf(Set.class, after.get("ns"));
        assertInstanceOf(List.class, after.get("emptyL"));

        String previous = "";
        for (ChangeEvent e : events) {
            assertNotNull(e.ts());
            assertNotNull(e.position());
            assertTrue(e.position().compareTo(previous) > 0, "sequence numbers ascend");
            previous = e.position();
            assertEquals("NEW_AND_OLD_IMAGES", e.meta().get("streamViewType"));
            assertNotNull(e.meta().get("eventId"));
            assertNotNull(e.meta().get("sizeBytes"));
        }
        System.out.println("DynamoDB Local stream test body took " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** A Time to Live deletion arrives as a REMOVE with a service identity: it is marked {@code ttl: true}. */
    @Test
    void timeToLiveDeletionIsMarked() throws Exception {
        String table = "cdc_ttl";
        ddb("CreateTable", "{\"TableName\":\"" + table + "\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"KEYS_ONLY\"}}");
        ddb("UpdateTimeToLive", "{\"TableName\":\"" + table + "\",\"TimeToLiveSpecification\":{\"Enabled\":true,\"AttributeName\":\"exp\"}}");
        long expired = System.currentTimeMillis() / 1000 - 3600;
        ddb("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"old\"},\"exp\":{\"N\":\"" + expired + "\"}}}");
        String streamArn = ddb("DescribeTable", Map.of("TableName", table)).path("Table").path("LatestStreamArn").asText();
        String shard = streams("DescribeStream", Map.of("StreamArn", streamArn))
                .path("StreamDescription").path("Shards").get(0).path("ShardId").asText();
        String iterator = streams("GetShardIterator", Map.of("StreamArn", streamArn, "ShardId", shard,
                "ShardIteratorType", "TRIM_HORIZON")).path("ShardIterator").asText();
        List<ChangeEvent> events = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (events.size() < 2 && System.currentTimeMillis() < deadline) {
            byte[] raw = call("DynamoDBStreams_20120810.GetRecords", Map.of("ShardIterator", iterator));
            events.addAll(Golden.readAll(new DynamoDbStreamAdapter().open(new ByteArrayInputStream(raw),
                    ReadContext.of("ttl.json", ReadOptions.defaults().withExtension(DynamoDbStreamOptions.forTable(table))))));
            iterator = MAPPER.readTree(raw).path("NextShardIterator").asText();
            if (events.size() < 2) {
                Thread.sleep(500);
            }
        }
        assertEquals(2, events.size(), "INSERT and the TTL REMOVE");
        assertEquals(Operation.INSERT, events.get(0).op());
        assertNull(events.get(0).meta().get("ttl"));
        ChangeEvent delete = events.get(1);
        assertEquals(Operation.DELETE, delete.op());
        assertEquals(true, delete.meta().get("ttl"));
        assertEquals(table, delete.source().table());
        assertEquals("KEYS_ONLY", delete.meta().get("streamViewType"));
        assertSame(Map.of("pk", "old"), delete.key().asMap());
        assertNull(delete.before());
        assertNull(delete.after());
    }

    private static void put(Map<String, Object> item) throws Exception {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("TableName", TABLE);
        body.set("Item", AttributeValues.toDynamoDbItem(item));
        ddb("PutItem", body);
    }

    /** Deep equality where numbers compare by value (DynamoDB rewrites 1.50 as 1.5) and sets stay sets. */
    private static void assertSame(Object expected, Object actual) {
        assertSame(Values.of(expected), Values.of(actual), "$");
    }

    private static void assertSame(Object expected, Object actual, String path) {
        assertEquals(Values.kind(expected), Values.kind(actual), path);
        if (expected instanceof BigDecimal d) {
            assertEquals(0, d.compareTo((BigDecimal) actual), path);
        } else if (expected instanceof Map<?, ?> m) {
            Map<?, ?> am = (Map<?, ?>) actual;
            assertEquals(m.keySet(), am.keySet(), path);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertSame(e.getValue(), am.get(e.getKey()), path + "." + e.getKey());
            }
        } else if (expected instanceof List<?> l) {
            List<?> al = (List<?>) actual;
            assertEquals(l.size(), al.size(), path);
            for (int i = 0; i < l.size(); i++) {
                assertSame(l.get(i), al.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof Set<?> s) {
            Set<?> as = (Set<?>) actual;
            assertEquals(s.size(), as.size(), path);
            if (s.iterator().next() instanceof BigDecimal) {
                for (Object o : s) {
                    assertTrue(as.stream().anyMatch(x -> ((BigDecimal) x).compareTo((BigDecimal) o) == 0), path);
                }
            } else {
                assertEquals(s, as, path);
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }
}
