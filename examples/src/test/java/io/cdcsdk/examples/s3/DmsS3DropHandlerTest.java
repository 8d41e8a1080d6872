package io.cdcsdk.examples.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.dms.TableDefinitions;
import io.cdcsdk.router.Retry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * End to end against moto's S3 server on loopback: real DMS objects are uploaded under a bucket
 * folder with a space and a plus, and the handler gets the S3 event notification for each, its key
 * form-URL-encoded as S3 sends it. Skipped, saying why, where moto cannot be had ({@link MotoServer}).
 */
class DmsS3DropHandlerTest {
    private static final String BUCKET = "dms-target";
    private static final String FOLDER = "dms exports+eu/cdc/";

    private static MotoServer moto;
    private static String motoUnavailable;
    private static S3Client s3;
    private static TableDefinitions tables;

    @BeforeAll
    static void start() throws Exception {
        try {
            moto = MotoServer.start();
        } catch (MotoServer.Unavailable e) {
            motoUnavailable = e.getMessage();
            return;
        }
        s3 = S3Client.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(true)
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        put("public/orders/20240612-103125108.csv", resource("northwind/public/orders/20240612-103125108.csv"));
        put("public/orders/LOAD00000001.csv.gz", gzip(resource("northwind/public/orders/LOAD00000001.csv")));
        put("public/dms_test_table/LOAD00000001.parquet", resource("s3/dms_test_table_LOAD00000001.parquet"));
        put("SYSTEM/OFFENDERS/offenders+1.json", resource("dms/kinesis-oracle-insert.json"));
        try (InputStream in = resourceStream("northwind/northwind-tables.json")) {
            tables = TableDefinitions.parse(in);
        }
    }

    @BeforeEach
    void needsMoto() {
        Assumptions.assumeTrue(moto != null, () -> motoUnavailable);
    }

    @AfterAll
    static void stop() throws IOException {
        if (s3 != null) {
            s3.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    private static InputStream resourceStream(String name) {
        return DmsS3DropHandlerTest.class.getResourceAsStream("/" + name);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = resourceStream(name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void put(String name, byte[] bytes) {
        s3.putObject(b -> b.bucket(BUCKET).key(FOLDER + name), RequestBody.fromBytes(bytes));
    }

    /** The AWS documentation's ObjectCreated:Put notification, for our bucket and key as S3 encodes it. */
    private static String event(String name) throws IOException {
        String encoded = URLEncoder.encode(FOLDER + name, StandardCharsets.UTF_8).replace("%2F", "/");
        return new String(resource("s3/s3-event-objectcreated-put.json"), StandardCharsets.UTF_8)
                .replace("\"mybucket\"", "\"" + BUCKET + "\"")
                .replace("arn:aws:s3:::mybucket", "arn:aws:s3:::" + BUCKET)
                .replace("\"HappyFace.jpg\"", "\"" + encoded + "\"");
    }

    private static String invoke(DmsS3DropHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachDmsObjectIsStreamedAndRouted() throws IOException {
        List<ChangeEvent> seen = new ArrayList<>();
        DmsS3DropHandler handler = new DmsS3DropHandler(s3, tables, seen::add, Retry.none());

        String csvEvent = event("public/orders/20240612-103125108.csv");
        assertTrue(csvEvent.contains("\"dms+exports%2Beu/cdc/public/orders/20240612-103125108.csv\""), csvEvent);
        assertEquals("{\"batchItemFailures\":[],\"objects\":1,\"changes\":15}", invoke(handler, csvEvent));
        assertEquals("public.orders", seen.get(0).source().qualifiedTable());
        assertEquals(Operation.INSERT, seen.get(0).op());
        assertEquals("19998", seen.get(0).key().string("order_id"));
        assertEquals(Operation.DELETE, seen.get(2).op());
        assertEquals("20240612103025850000000000000000085", seen.get(2).position());

        seen.clear();
        assertEquals("{\"batchItemFailures\":[],\"objects\":1,\"changes\":40}", invoke(handler, event("public/orders/LOAD00000001.csv.gz")));
        assertTrue(seen.stream().allMatch(e -> e.op() == Operation.SNAPSHOT), "full-load rows are snapshots");
        assertEquals("10287", seen.get(39).after().string("order_id"));

        seen.clear();
        assertEquals("{\"batchItemFailures\":[],\"objects\":1,\"changes\":10}", invoke(handler, event("public/dms_test_table/LOAD00000001.parquet")));
        assertEquals("public.dms_test_table", seen.get(0).source().qualifiedTable());

        seen.clear();
        assertEquals("{\"batchItemFailures\":[],\"objects\":1,\"changes\":1}", invoke(handler, event("SYSTEM/OFFENDERS/offenders+1.json")));
        assertEquals("SYSTEM.OFFENDERS", seen.get(0).source().qualifiedTable());

        // The notification S3 sends when it is configured has no records.
        assertEquals("{\"batchItemFailures\":[],\"objects\":0,\"changes\":0}",
                invoke(handler, new String(resource("s3/s3-test-event.json"), StandardCharsets.UTF_8)));
    }

    /** The Lambda developer guide's SQS example event, a message per body. */
    private static String sqs(String... bodies) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < bodies.length; i++) {
            records.append(i == 0 ? "" : ",").append("{\"messageId\":\"m-").append(i + 1)
                    .append("\",\"receiptHandle\":\"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...\",\"body\":\"")
                    .append(bodies[i].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append("\",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"messageAttributes\":{},"
                            + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-2:123456789012:dms-objects\","
                            + "\"awsRegion\":\"us-east-2\"}");
        }
        return "{\"Records\":[" + records + "]}";
    }

    /** A handler whose sink fails every update and keeps the other changes in {@code seen}. */
    private static DmsS3DropHandler failingOnUpdates(List<ChangeEvent> seen) {
        return new DmsS3DropHandler(s3, tables, e -> {
            if (e.op() == Operation.UPDATE) {
                throw new IOException("warehouse down");
            }
            seen.add(e);
        }, Retry.none());
    }

    @Test
    void fedBySqsEachMessageIsAnsweredForAlone() throws IOException {
        List<ChangeEvent> seen = new ArrayList<>();
        DmsS3DropHandler handler = failingOnUpdates(seen);
        String event = sqs(event("SYSTEM/OFFENDERS/offenders+1.json"), "Test message.", event("public/orders/20240612-103125108.csv"),
                new String(resource("s3/s3-test-event.json"), StandardCharsets.UTF_8));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"},{\"itemIdentifier\":\"m-3\"}],"
                + "\"objects\":1,\"changes\":1}", invoke(handler, event),
                "the body that is no S3 event and the object whose change failed come back; the others are done");
        assertEquals("SYSTEM.OFFENDERS", seen.get(0).source().qualifiedTable());
    }

    @Test
    void aFailingChangeFailsTheInvocation() throws IOException {
        List<ChangeEvent> seen = new ArrayList<>();
        DmsS3DropHandler handler = failingOnUpdates(seen);
        String event = event("public/orders/20240612-103125108.csv");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> invoke(handler, event));
        assertTrue(e.getMessage().contains("1 change(s) failed, 13 not attempted"), e.getMessage());
        assertEquals(1, seen.size());
    }
}
