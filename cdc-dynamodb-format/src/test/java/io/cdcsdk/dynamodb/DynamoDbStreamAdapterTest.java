package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DynamoDbStreamAdapterTest {
    private static final String MARKER = "SECRET-MARKER-42";
    private final DynamoDbStreamAdapter adapter = new DynamoDbStreamAdapter();

    static List<ChangeEvent> read(String name, byte[] bytes, ReadOptions options) throws IOException {
        ChangeReader reader = new DynamoDbStreamAdapter().open(new ByteArrayInputStream(bytes), ReadContext.of(name, options));
        return Golden.readAll(reader);
    }

    static List<ChangeEvent> read(String json, ReadOptions options) throws IOException {
        return read("test.json", json.getBytes(StandardCharsets.UTF_8), options);
    }

    /** Read as the registry opens an input: a Lambda Kinesis event is unwrapped first. */
    static List<ChangeEvent> viaRegistry(String json, ReadOptions options) throws IOException {
        return Golden.readAll(FormatRegistry.discover().open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "test.json", DynamoDbStreamAdapter.NAME, options));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "lambda-event_aws-docs-lambda-dg_example.json",
        "lambda-event_aws-lambda-go_all-attribute-types.json",
        "lambda-event_java-libs_insert-modify-remove_fractional-ts.json",
        "lambda-event_java-libs_roundtrip-expected-after-java-serializer.json",
        "lambda-event_java-libs_tumbling-window.json",
        "lambda-event_powertools-java_batch-test.json",
        "lambda-event_powertools-ts_batch-sample-no-timestamp.json",
        "lambda-event_sam-cli_generated-template_DynamoDBUpdate.json",
        "lambda-record_java-libs_single-modify-record.json",
        "streams-getrecords-response_botocore-example_keys-only.json",
        "kds-for-dynamodb_payloads_decoded-from-powertools-ts-capture.json",
        "kds-for-dynamodb_record_rust-runtime_optional-fields.json",
    })
    void golden(String name) throws IOException {
        Path sample = Golden.resource("samples/" + name);
        byte[] bytes = Files.readAllBytes(sample);
        Head head = new Head(name, bytes, false);
        assertEquals(Detection.CERTAIN, adapter.detect(head), "detection");
        assertEquals(DynamoDbStreamAdapter.NAME, FormatRegistry.discover().detect(head).name());
        List<ChangeEvent> events = read(name, bytes, ReadOptions.defaults());
        Golden.assertMatches(Golden.resource("golden/" + name + ".expected.ndjson"), events);
    }

    /** One record of each operation under a view type, with the images that view type gives. */
    private static String viewTypeRecords(String viewType) {
        // Without a view type, or with an unknown one, the records have both images.
        boolean known = viewType != null && viewType.endsWith("IMAGE") || "KEYS_ONLY".equals(viewType)
                || "NEW_AND_OLD_IMAGES".equals(viewType);
        boolean newImage = !known || viewType.startsWith("NEW");
        boolean oldImage = !known || viewType.startsWith("OLD") || viewType.equals("NEW_AND_OLD_IMAGES");
        String keys = "\"Keys\":{\"id\":{\"N\":\"1\"}}";
        String item = "{\"id\":{\"N\":\"1\"},\"v\":{\"S\":\"x\"}}";
        StringBuilder b = new StringBuilder("{\"Records\":[");
        String[] names = {"INSERT", "MODIFY", "REMOVE"};
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"eventName\":\"").append(names[i]).append("\",\"dynamodb\":{").append(keys);
            if (newImage && i < 2) {
                b.append(",\"NewImage\":").append(item);
            }
            if (oldImage && i > 0) {
                b.append(",\"OldImage\":").append(item);
            }
            b.append(viewType == null ? "" : ",\"StreamViewType\":\"" + viewType + "\"").append("}}");
        }
        return b.append("]}").toString();
    }

    @Test
    void imagesFollowTheStreamViewType() throws IOException {
        Completeness full = Completeness.FULL;
        Completeness keys = Completeness.KEYS;
        Completeness absent = Completeness.ABSENT;
        Map<String, List<Images>> expected = new LinkedHashMap<>();
        expected.put("KEYS_ONLY", List.of(new Images(null, keys), new Images(keys, keys), new Images(keys, null)));
        expected.put("NEW_IMAGE", List.of(new Images(null, full), new Images(absent, full), new Images(absent, null)));
        expected.put("OLD_IMAGE", List.of(new Images(null, absent), new Images(full, absent), new Images(full, null)));
        expected.put("NEW_AND_OLD_IMAGES", List.of(new Images(null, full), new Images(full, full), new Images(full, null)));
        expected.put("SOME_FUTURE_VIEW", List.of(Images.UNKNOWN, Images.UNKNOWN, Images.UNKNOWN));
        expected.put(null, List.of(Images.UNKNOWN, Images.UNKNOWN, Images.UNKNOWN));
        for (Map.Entry<String, List<Images>> e : expected.entrySet()) {
            List<ChangeEvent> events = read(viewTypeRecords(e.getKey()), ReadOptions.defaults());
            assertEquals(e.getValue(), events.stream().map(ChangeEvent::images).toList(), String.valueOf(e.getKey()));
            for (ChangeEvent event : events) {
                assertEquals(Set.of(), event.unavailable());
                assertEquals(new BigDecimal("1"), event.key().get("id"));
                if (event.images().after() == keys || event.images().after() == absent) {
                    assertNull(event.after(), "a keys or absent image is not in after");
                }
                if (event.images().before() == keys || event.images().before() == absent) {
                    assertNull(event.before(), "a keys or absent image is not in before");
                }
            }
        }
    }

    @Test
    void anImageTheViewTypeGivesButTheRecordLacksIsUnknown() throws IOException {
        String record = "{\"eventName\":\"MODIFY\",\"dynamodb\":{\"Keys\":{\"id\":{\"N\":\"1\"}},"
                + "\"NewImage\":{\"id\":{\"N\":\"1\"}},\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}";
        assertEquals(new Images(null, Completeness.FULL), read(record, ReadOptions.defaults()).get(0).images());
    }

    @Test
    void setsStaySetsAndBinaryStaysBinary() throws IOException {
        byte[] bytes = Files.readAllBytes(Golden.resource("samples/lambda-event_aws-lambda-go_all-attribute-types.json"));
        ChangeEvent e = read("x", bytes, ReadOptions.defaults()).get(1);
        assertInstanceOf(Set.class, e.after().get("NumberSet"));
        assertInstanceOf(Set.class, e.after().get("EmptyStringSet"));
        assertFalse(e.after().get("List") instanceof Set);
        assertEquals(4, e.after().bytes("Binary").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "lambda-response_powertools-ts_batchItemFailures.json",
        "lambda-onfailure-destination-record_aws-docs-lambda-dg_DDBStreamBatchInfo.json",
    })
    void notChangeRecords(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(Golden.resource("samples/" + name));
        assertEquals(Detection.NO, adapter.detect(new Head(name, bytes, false)));
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(name, bytes, ReadOptions.defaults()));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, e.kind());
    }

    @Test
    void ttlDeletionIsMarked() throws IOException {
        String lambda = "{\"Records\":[{\"eventID\":\"e1\",\"eventName\":\"REMOVE\",\"awsRegion\":\"eu-west-1\","
                + "\"userIdentity\":{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"},"
                + "\"dynamodb\":{\"ApproximateCreationDateTime\":1700000000.5,\"Keys\":{\"pk\":{\"S\":\"a\"}},"
                + "\"SequenceNumber\":\"1\",\"SizeBytes\":5,\"StreamViewType\":\"KEYS_ONLY\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:1:table/T\"},"
                // GetRecords spells the identity capitalised
                + "{\"eventID\":\"e2\",\"eventName\":\"REMOVE\",\"userIdentity\":{\"Type\":\"Service\",\"PrincipalId\":\"dynamodb.amazonaws.com\"},"
                + "\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"b\"}},\"SequenceNumber\":\"2\"}},"
                + "{\"eventID\":\"e3\",\"eventName\":\"REMOVE\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"c\"}}}}]}";
        List<ChangeEvent> events = read(lambda, ReadOptions.defaults().withExtension(DynamoDbStreamOptions.forTable("Other")));
        assertEquals(3, events.size());
        assertEquals(true, events.get(0).meta().get("ttl"));
        assertEquals("T", events.get(0).source().table());
        assertNull(events.get(0).source().schema());
        assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), events.get(0).ts());
        assertEquals(true, events.get(1).meta().get("ttl"));
        assertEquals("Other", events.get(1).source().table());
        assertFalse(events.get(2).meta().containsKey("ttl"));
        assertEquals(Operation.DELETE, events.get(2).op());
    }

    @Test
    void kinesisMicrosecondsAndPipesEvents() throws IOException {
        String payload = "{\"eventID\":\"u\",\"eventName\":\"MODIFY\",\"tableName\":\"T\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1700000000123456,\"ApproximateCreationDateTimePrecision\":\"MICROSECOND\","
                + "\"Keys\":{\"k\":{\"N\":\"1\"}},\"NewImage\":{\"k\":{\"N\":\"1\"}},\"OldImage\":{\"k\":{\"N\":\"1\"}}}}";
        String kinesis = "{\"Records\":[{\"kinesis\":{\"sequenceNumber\":\"987\",\"partitionKey\":\"p\",\"data\":\""
                + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "\"},\"eventSource\":\"aws:kinesis\"}]}";
        ChangeEvent e = viaRegistry(kinesis, ReadOptions.defaults()).get(0);
        assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), e.ts());
        assertEquals("987", e.position());
        assertEquals("987", e.meta().get(ChangeEvent.META_ENVELOPE_ID));
        assertEquals("T", e.source().table());
        assertEquals(Detection.NO, adapter.detect(new Head("k", kinesis.getBytes(StandardCharsets.UTF_8), false)),
                "the Kinesis event is the registry's to unwrap");
        String pipes = "{\"version\":\"0\",\"detail-type\":\"Event from aws:dynamodb\",\"source\":\"Pipe p\",\"detail\":"
                + "{\"eventName\":\"INSERT\",\"eventSource\":\"aws:dynamodb\",\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:111122223333:table/EventSourceTable\","
                + "\"dynamodb\":{\"Keys\":{\"k\":{\"N\":\"1\"}},\"NewImage\":{\"k\":{\"N\":\"1\"}},\"SequenceNumber\":\"5\"}}}";
        e = read(pipes, ReadOptions.defaults()).get(0);
        assertEquals("EventSourceTable", e.source().table());
        assertEquals(new BigDecimal("1"), e.after().get("k"));
    }

    @Test
    void pipesArrayAndBadKinesisDataUnderSkip() throws IOException {
        String pipes = "[\n" + record(1, "{\"a\":{\"S\":\"x\"}}") + ",\n" + record(2, "{\"a\":{\"BOOL\":true}}") + "\n]";
        List<ChangeEvent> events = read(pipes, ReadOptions.defaults());
        assertEquals(List.of("1", "2"), events.stream().map(ChangeEvent::position).toList());
        assertEquals(List.of(2L, 3L), events.stream().map(e -> e.origin().line()).toList());
        assertEquals("T", events.get(0).source().table());
        assertEquals(Detection.CERTAIN, adapter.detect(new Head("p", pipes.getBytes(StandardCharsets.UTF_8), false)));

        String good = Base64.getEncoder().encodeToString(record(4, "{\"a\":{\"S\":\"x\"}}").getBytes(StandardCharsets.UTF_8));
        String kinesis = "{\"Records\":[{\"kinesis\":{\"sequenceNumber\":\"7\",\"data\":\"" + MARKER + "!!\"}},"
                + "{\"kinesis\":{\"sequenceNumber\":\"8\",\"data\":\"" + Base64.getEncoder().encodeToString(
                        ("{\"x\":\"" + MARKER).getBytes(StandardCharsets.UTF_8)) + "\"}},"
                + "{\"kinesis\":{\"sequenceNumber\":\"9\",\"data\":\"" + good + "\"}}]}";
        List<ChangeReadException> skipped = new ArrayList<>();
        events = viaRegistry(kinesis, ReadOptions.defaults().skipOnError(skipped::add));
        assertEquals(1, events.size());
        assertEquals("4", events.get(0).position(), "a stream record's own SequenceNumber wins");
        assertEquals("9", events.get(0).meta().get(ChangeEvent.META_ENVELOPE_ID));
        assertEquals(2, skipped.size());
        assertEquals(List.of("7", "8"), skipped.stream().map(e -> e.envelopeId().orElseThrow()).toList());
        for (ChangeReadException e : skipped) {
            assertFalse(e.getMessage().contains(MARKER), e.getMessage());
        }
    }

    @Test
    void deepNestingWithDefaultLimits() throws IOException {
        String v = "{\"S\":\"x\"}";
        for (int i = 0; i < 32; i++) {
            v = "{\"M\":{\"a\":" + v + "}}";
        }
        String json = "{\"Records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"k\":{\"S\":\"1\"}},\"NewImage\":{\"deep\":"
                + v + "}}}]}";
        assertEquals(1, read(json, ReadOptions.defaults()).size());
    }

    private static String record(int i, String image) {
        return "{\"eventID\":\"id" + i + "\",\"eventName\":\"INSERT\",\"eventSourceARN\":\"arn:aws:dynamodb:r:1:table/T/stream/x\","
                + "\"dynamodb\":{\"Keys\":{\"k\":{\"N\":\"" + i + "\"}},\"NewImage\":" + image + ",\"SequenceNumber\":\"" + i + "\"}}";
    }

    @Test
    void badRecordsFailAloneAndNeverQuoteValues() throws IOException {
        String[] bad = {
            "{\"price\":{\"N\":\"12abc" + MARKER + "\"}}",
            "{\"price\":{\"S\":\"" + MARKER + "\",\"N\":\"1\"}}",
            "{\"price\":{\"X\":\"" + MARKER + "\"}}",
            "{\"price\":{\"B\":\"" + MARKER + "*\"}}",
            "{\"price\":{\"L\":[{\"N\":\"" + MARKER + "\"}]}}",
        };
        StringBuilder sb = new StringBuilder("{\"Records\":[").append(record(0, "{\"a\":{\"S\":\"ok\"}}"));
        for (int i = 0; i < bad.length; i++) {
            sb.append(',').append(record(i + 1, bad[i]));
        }
        sb.append(',').append(record(9, "{\"a\":{\"S\":\"ok\"}}")).append("]}\n");
        // a second frame after a broken line: skipping resumes there too
        sb.append("{\"Records\":[").append(record(10, "{\"a\":{\"N\":\"" + MARKER + "}")).append("\n");
        sb.append(record(11, "{\"a\":{\"S\":\"ok\"}}")).append("\n");
        String json = sb.toString();

        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read(json, ReadOptions.defaults().skipOnError(skipped::add));
        assertEquals(List.of("0", "9", "11"), events.stream().map(ChangeEvent::position).toList());
        assertEquals(7L, events.get(1).origin().record());
        assertEquals(bad.length + 1, skipped.size());
        for (int i = 0; i < bad.length; i++) {
            ChangeReadException e = skipped.get(i);
            assertEquals(ChangeReadException.Kind.UNEXPECTED_TYPE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("$.Records[" + (i + 1) + "].dynamodb.NewImage.price"), e.getMessage());
            assertEquals(i + 2, e.position().record());
        }
        assertTrue(skipped.get(2).getMessage().contains("expected one of S N B SS NS BS M L NULL BOOL but found type tag \"X\""));
        for (ChangeReadException e : skipped) {
            assertFalse(e.getMessage().contains(MARKER), e.getMessage());
            assertFalse(e.getMessage().contains("12abc"), e.getMessage());
        }
        ChangeReadException fail = assertThrows(ChangeReadException.class, () -> read(json, ReadOptions.defaults()));
        assertEquals(2, fail.position().record());
        assertFalse(fail.getMessage().contains(MARKER));
    }

    @Test
    void missingAndWrongFields() {
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> read("{\"Records\":[{\"eventName\":\"INSERT\"}]}", ReadOptions.defaults()));
        assertEquals(ChangeReadException.Kind.MISSING_FIELD, e.kind());
        assertTrue(e.getMessage().contains("$.Records[0].dynamodb"), e.getMessage());
        e = assertThrows(ChangeReadException.class,
                () -> read("{\"eventName\":\"" + MARKER + "\",\"dynamodb\":{}}", ReadOptions.defaults()));
        assertEquals(ChangeReadException.Kind.UNEXPECTED_TYPE, e.kind());
        assertFalse(e.getMessage().contains(MARKER));
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
