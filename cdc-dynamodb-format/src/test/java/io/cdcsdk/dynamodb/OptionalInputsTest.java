package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

class OptionalInputsTest {
    private static final String MARKER = "SECRET-MARKER-42";

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lav() {
        return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    }

    private static DynamodbEvent.DynamodbStreamRecord lambdaRecord(String name, String seq,
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
        r.setEventID("e" + seq);
        r.setEventName(name);
        r.setAwsRegion("eu-west-1");
        r.setEventSourceARN("arn:aws:dynamodb:eu-west-1:1:table/Orders/stream/x");
        StreamRecord d = new StreamRecord();
        d.setKeys(Map.of("pk", lav().withS("k")));
        if (name.equals("REMOVE")) {
            d.setOldImage(image);
        } else {
            d.setNewImage(image);
        }
        d.setSequenceNumber(seq);
        d.setSizeBytes(12L);
        d.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        d.setApproximateCreationDateTime(new Date(1_700_000_000_123L));
        r.setDynamodb(d);
        return r;
    }

    @Test
    void lambdaEventObjects() {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        image.put("pk", lav().withS("k"));
        image.put("n", lav().withN("12345678901234567890123456789012345678"));
        image.put("b", lav().withB(ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xff})));
        image.put("ns", lav().withNS("1", "2.5"));
        image.put("m", lav().withM(Map.of("x", lav().withL(List.of(lav().withBOOL(true), lav().withNULL(true))))));
        DynamodbEvent.DynamodbStreamRecord bad = lambdaRecord("INSERT", "2", Map.of("n", lav().withN("12abc" + MARKER)));
        DynamodbEvent.DynamodbStreamRecord ttl = lambdaRecord("REMOVE", "3", image);
        Identity id = new Identity();
        id.setType("Service");
        id.setPrincipalId("dynamodb.amazonaws.com");
        ttl.setUserIdentity(id);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(lambdaRecord("INSERT", "1", image), bad, ttl));

        List<ChangeReadException> errors = new ArrayList<>();
        List<ChangeEvent> events = DynamoDbLambdaEvents.toChangeEvents(event, errors::add);
        assertEquals(2, events.size());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("$.Records[1].dynamodb.NewImage.n"), errors.get(0).getMessage());
        assertFalse(errors.get(0).getMessage().contains(MARKER));
        ChangeEvent insert = events.get(0);
        assertEquals(Operation.INSERT, insert.op());
        assertEquals("Orders", insert.source().table());
        assertEquals(Instant.parse("2023-11-14T22:13:20.123Z"), insert.ts());
        assertEquals(new BigDecimal("12345678901234567890123456789012345678"), insert.after().get("n"));
        assertEquals(Bytes.of(new byte[] {1, 2, (byte) 0xff}), insert.after().get("b"));
        assertInstanceOf(Set.class, insert.after().get("ns"));
        assertEquals("1", insert.position());
        ChangeEvent delete = events.get(1);
        assertEquals(Operation.DELETE, delete.op());
        assertEquals(true, delete.meta().get("ttl"));
        assertNull(delete.after());
        assertEquals(3L, delete.origin().record());
    }

    @Test
    void sdkAttributeValuesRoundTrip() {
        Seeds.forAll("SDK attribute value round trip", 0x5D4L, 1000, random -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("n", AttributeValuesTest.number(random));
            byte[] bytes = new byte[random.nextInt(8)];
            random.nextBytes(bytes);
            item.put("b", Bytes.of(bytes));
            item.put("ns", new LinkedHashSet<>(List.of(AttributeValuesTest.number(random))));
            item.put("l", new ArrayList<>(List.of("s", Map.of("k", true))));
            item.put("nul", null);
            Row expected = Row.of(item);
            assertEquals(expected, DynamoDbSdkValues.toRow(DynamoDbSdkValues.toItem(item)));
        });
        AttributeValue bs = DynamoDbSdkValues.toAttributeValue(Set.of(Bytes.of(new byte[] {7})));
        assertEquals(AttributeValue.Type.BS, bs.type());
        assertEquals(SdkBytes.fromByteArray(new byte[] {7}), bs.bs().get(0));
    }

    @Test
    void sdkStreamRecord() {
        Record r = Record.builder().eventID("u").eventName("MODIFY").awsRegion("ddblocal")
                .dynamodb(d -> d.approximateCreationDateTime(Instant.parse("2026-11-23T07:29:00.5Z"))
                        .keys(Map.of("pk", AttributeValue.fromS("a")))
                        .newImage(Map.of("pk", AttributeValue.fromS("a"), "v", AttributeValue.fromN("2")))
                        .oldImage(Map.of("pk", AttributeValue.fromS("a"), "v", AttributeValue.fromN("1")))
                        .sequenceNumber("000000000000000000002").sizeBytes(20L).streamViewType("NEW_AND_OLD_IMAGES"))
                .build();
        ChangeEvent e = DynamoDbSdkValues.toChangeEvent(r, "items");
        assertEquals(Operation.UPDATE, e.op());
        assertEquals("items", e.source().table());
        assertEquals(Instant.parse("2026-11-23T07:29:00.5Z"), e.ts());
        assertEquals(new BigDecimal("1"), e.before().get("v"));
        assertEquals(new BigDecimal("2"), e.after().get("v"));
        assertEquals("000000000000000000002", e.position());
    }

    /** An SDK attribute value as aws-lambda-java-events has it. */
    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambda(AttributeValue v) {
        var l = lav();
        switch (v.type()) {
            case S -> l.setS(v.s());
            case N -> l.setN(v.n());
            case B -> l.setB(v.b().asByteBuffer());
            case SS -> l.setSS(v.ss());
            case NS -> l.setNS(v.ns());
            case BS -> l.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> l.setM(lambda(v.m()));
            case L -> l.setL(v.l().stream().map(OptionalInputsTest::lambda).toList());
            case NUL -> l.setNULL(true);
            case BOOL -> l.setBOOL(v.bool());
            default -> throw new AssertionError(v.type());
        }
        return l;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambda(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, lambda(v)));
        return out;
    }

    @Test
    void objectsReadAsTheirDynamoDbJsonReads() {
        Seeds.forAll("objects = their DynamoDB JSON", 0x0B1EC7L, 500, random -> {
            Map<String, Object> item = new LinkedHashMap<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                item.put(AttributeValuesTest.name(random), AttributeValuesTest.value(random, 3));
            }
            Map<String, AttributeValue> sdk = DynamoDbSdkValues.toItem(item);
            Row json = AttributeValues.parseItem(AttributeValues.toDynamoDbItem(item).toString());
            assertEquals(json, DynamoDbSdkValues.toRow(sdk));
            assertEquals(json.asMap().toString(), DynamoDbSdkValues.toRow(sdk).asMap().toString(), "the same order");

            DynamodbEvent.DynamodbStreamRecord record = lambdaRecord("INSERT", "1", lambda(sdk));
            String text = "{\"Records\":[{\"eventID\":\"e1\",\"eventName\":\"INSERT\",\"awsRegion\":\"eu-west-1\","
                    + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:1:table/Orders/stream/x\",\"dynamodb\":{"
                    + "\"ApproximateCreationDateTime\":1700000000.123,\"Keys\":{\"pk\":{\"S\":\"k\"}},\"NewImage\":"
                    + AttributeValues.toDynamoDbItem(item) + ",\"SequenceNumber\":\"1\",\"SizeBytes\":12,"
                    + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}]}";
            ChangeEvent fromJson = Golden.readAll(new DynamoDbStreamAdapter().open(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    ReadContext.of("DynamodbEvent", ReadOptions.defaults()))).get(0);
            ChangeEvent fromObjects = DynamoDbLambdaEvents.toChangeEvent(record);
            assertEquals(withoutOrigin(fromJson), withoutOrigin(fromObjects));
        });
    }

    private static ChangeEvent withoutOrigin(ChangeEvent e) {
        Map<String, Object> meta = new LinkedHashMap<>(e.meta());
        meta.remove(ChangeEvent.META_LINE);
        meta.remove(ChangeEvent.META_RECORD);
        return new ChangeEvent(e.op(), e.source(), e.key(), e.before(), e.after(), e.ts(), e.position(), e.tx(), meta);
    }

    @Test
    void objectsBreakingTheRulesNameThePath() {
        var twoTags = lav().withS("a").withN("1");
        var setWithRepeats = lav().withNS("1", "1.0", "1");
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        image.put("ok", setWithRepeats);
        image.put("m", lav().withM(Map.of("x", lav().withL(List.of(lav().withBOOL(true), twoTags)))));
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> DynamoDbLambdaEvents.toChangeEvent(lambdaRecord("INSERT", "1", image)));
        assertEquals(ChangeReadException.Kind.UNEXPECTED_TYPE, e.kind());
        assertTrue(e.getMessage().contains("$.Records[0].dynamodb.NewImage.m.M.x.L[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("2 members"), e.getMessage());

        image.remove("m");
        image.put("none", lav());
        e = assertThrows(ChangeReadException.class,
                () -> DynamoDbLambdaEvents.toChangeEvent(lambdaRecord("INSERT", "1", image)));
        assertTrue(e.getMessage().contains("$.Records[0].dynamodb.NewImage.none") && e.getMessage().contains("none"),
                e.getMessage());

        image.remove("none");
        Set<?> ns = (Set<?>) DynamoDbLambdaEvents.toChangeEvent(lambdaRecord("INSERT", "1", image)).after().get("ok");
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("1.0")), new ArrayList<>(ns), "the first of equal members, in order");

        e = assertThrows(ChangeReadException.class,
                () -> DynamoDbSdkValues.toRow(Map.of("n", AttributeValue.fromN("12abc" + MARKER))));
        assertTrue(e.getMessage().contains("$.n.N") && !e.getMessage().contains(MARKER), e.getMessage());
        e = assertThrows(ChangeReadException.class,
                () -> DynamoDbSdkValues.toValue(AttributeValue.builder().build()));
        assertTrue(e.getMessage().contains("exactly one type tag"), e.getMessage());
    }
}
