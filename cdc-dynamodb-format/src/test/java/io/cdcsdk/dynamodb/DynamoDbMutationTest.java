package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbExportAdapter;
import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import static io.cdcsdk.core.testing.Mutations.indexOf;
import static io.cdcsdk.core.testing.Mutations.insert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.MutationHarness;
import io.cdcsdk.core.testing.MutationHarness.Sample;
import io.cdcsdk.core.testing.Mutations;
import io.cdcsdk.core.testing.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Both DynamoDB readers and {@link AttributeValues} under mutation: the samples, with a marker
 * planted in a value, then damaged at random (truncated, bytes flipped, garbage inserted, ranges
 * deleted or repeated, keys duplicated, attribute values of the wrong type such as
 * {@code {"N": "12abc"}}, two type tags, unknown tags, deep nesting, long strings), read under FAIL
 * and SKIP. Only {@link ChangeReadException} may leave, always with a position naming the source,
 * and the marker never reaches a message. Replay one try with {@code -Dcdc.seed=... -Dcdc.tries=1}.
 */
class DynamoDbMutationTest {
    static final String MARKER = "SECRET-MARKER-DDB";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8);
    private static final byte[][] GARBAGE = Stream.of(
        "{", "}", "[", "]", "\"", ",", ":", "\n", "\r\n", "\\", "\\u", "\\ud800", "\u0000", "\u00ff", "\ufeff",
        "1e999999999", "-0.0E-2147483649", "null", "true", "\"\"", "{}", "[]",
        "\"Records\":[],", "\"Records\":{},", "\"eventName\":\"INSERT\",", "\"eventName\":\"REMOVE\",",
        "\"dynamodb\":{},", "\"dynamodb\":[],", "\"Item\":{},", "\"Keys\":{},", "\"NewImage\":null,",
        "\"kinesis\":{\"data\":\"e30=\"},", "\"detail\":{},\"detail-type\":\"x\",", "\"batchItemFailures\":[],",
        "\"Metadata\":{\"WriteTimestampMicros\":{\"S\":\"x\"}},", "\"ApproximateCreationDateTime\":1e400,",
        "\"ApproximateCreationDateTime\":\"1.5e99\",", "\"eventSourceARN\":\"arn:aws:dynamodb:r:1:table/\",",
        "\"x\":{\"NULL\":false},", "\"x\":{\"BOOL\":\"true\"},", "\"x\":{\"SS\":[1]},", "\"x\":{\"NS\":[\"1\",\"1\"]},",
        "\"x\":{\"BS\":[\"!!\"]},", "\"x\":{\"L\":{}},", "\"x\":{\"M\":[]},", "\"x\":{},")
            .map(DynamoDbMutationTest::bytes).toArray(byte[][]::new);
    private static final String[][] REPLACEMENTS = {
        // wrong attribute types, two tags, unknown tags, bad numbers and base64 (the marker rides along)
        {"\"N\":\"", "\"N\":\"12abc" + MARKER}, {"\"N\": \"", "\"N\": \"1e999999" + MARKER},
        {"\"N\":\"", "\"N\":\"" + "9".repeat(60)}, {"\"N\":\"", "\"N\":1"},
        {"{\"S\":", "{\"N\":\"1\",\"S\":"}, {"{\"S\": ", "{\"B\": \"AA==\", \"S\": "}, {"\"S\":", "\"Q\":"},
        {"\"S\": ", "\"SS\": "}, {"\"M\":", "\"L\":"}, {"\"L\":", "\"M\":"}, {"\"SS\":", "\"NS\":"},
        {"\"NS\":", "\"BS\":"}, {"\"B\":\"", "\"B\":\"!" + MARKER}, {"\"BOOL\":", "\"NULL\":"},
        {"\"S\":\"", "\"S\":{\"S\":\"" + MARKER + "\"},\"x\":\""}, {"\"INSERT\"", "\"UPSERT\""},
        {"\"MODIFY\"", "\"modify\""}, {"\"REMOVE\"", "null"}, {"\"Records\":", "\"Records\":{\"r\":"},
        {"\"dynamodb\":", "\"dynamodb\":\"" + MARKER + "\",\"y\":"}, {"\"NewImage\":", "\"NewImage\":[],\"z\":"},
        {"\"Keys\":", "\"Keys\":\"" + MARKER + "\",\"k\":"}, {"\"Item\":", "\"Item\":[\"" + MARKER + "\"],\"i\":"},
        {"\"data\":\"", "\"data\":\"!!" + MARKER}, {"\"data\":\"", "\"data\":\"e30K"},
        {"\"ApproximateCreationDateTime\":", "\"ApproximateCreationDateTime\":\"" + MARKER + "\",\"t\":"},
        {"\"ApproximateCreationDateTime\": ", "\"ApproximateCreationDateTime\": -9e30, \"t\": "},
        {"\"WriteTimestampMicros\":", "\"WriteTimestampMicros\":{\"N\":\"9e40\"},\"w\":"},
        {"\"eventSourceARN\":\"", "\"eventSourceARN\":\"" + MARKER},
    };

    static List<Sample> streamSamples() throws IOException {
        List<Sample> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Golden.resource("samples"))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json")) {
                    out.add(new Sample(name, Files.readAllBytes(p), name, new DynamoDbStreamAdapter(),
                            ReadOptions.defaults()));
                }
            }
        }
        // NDJSON and concatenated records: the reader resumes at the next line or value
        byte[] record = Files.readAllBytes(Golden.resource("samples/lambda-record_java-libs_single-modify-record.json"));
        String one = new String(record, StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*", "");
        out.add(new Sample("ndjson", (one + "\n" + one + "\n" + one + "\n").getBytes(StandardCharsets.UTF_8),
                "records.ndjson", new DynamoDbStreamAdapter(), ReadOptions.defaults()));
        out.add(new Sample("concatenated", (one + one + " " + one).getBytes(StandardCharsets.UTF_8),
                "records.json", new DynamoDbStreamAdapter(), ReadOptions.defaults()));
        return out;
    }

    static List<Sample> exportSamples() throws IOException {
        ReadOptions options = ReadOptions.defaults().withExtension(DynamoDbExportOptions.of("Books", "Id"));
        List<Sample> out = new ArrayList<>();
        out.add(new Sample("full-export", Files.readAllBytes(
                Golden.resource("samples/export/full-export_data_dynamodb-json_aws-docs.jsonl")),
                "AWSDynamoDB/01/data/a.json", new DynamoDbExportAdapter(), options));
        out.add(new Sample("incremental", String.join("\n",
                "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1680109764000000\"}},\"Keys\":{\"Id\":{\"N\":\"101\"}},"
                        + "\"OldImage\":{\"Id\":{\"N\":\"101\"},\"S\":{\"S\":\"a\"}},\"NewImage\":{\"Id\":{\"N\":\"101\"},"
                        + "\"S\":{\"S\":\"b\"},\"L\":{\"L\":[{\"NULL\":true},{\"BOOL\":false},{\"B\":\"AAE=\"}]}}}",
                "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1680109764000001\"}},\"Keys\":{\"Id\":{\"N\":\"102\"}},"
                        + "\"NewImage\":{\"Id\":{\"N\":\"102\"},\"M\":{\"M\":{\"x\":{\"NS\":[\"1\",\"2.50\"]},"
                        + "\"s\":{\"SS\":[\"p\",\"q\"]}}}}}",
                "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1680109764000002\"}},\"Keys\":{\"Id\":{\"N\":\"103\"}}}",
                "").getBytes(StandardCharsets.UTF_8), "AWSDynamoDB/01/data/b.json", new DynamoDbExportAdapter(), options));
        out.add(new Sample("manifest", Files.readAllBytes(
                Golden.resource("samples/export/full-export_manifest-summary_aws-docs.json")),
                "manifest-summary.json", new DynamoDbExportAdapter(), options));
        return out;
    }

    private static final MutationHarness HARNESS = new MutationHarness(MARKER, Limits.DEFAULTS.withMaxRecordBytes(900)
            .withMaxStringLength(60).withMaxNestingDepth(9).withMaxNumberLength(20), DynamoDbMutationTest::mutate);

    @Test
    void streamSamplesUnderMutation() throws IOException {
        List<Sample> samples = streamSamples();
        assertEquals(17, samples.size());
        HARNESS.run("dynamodb-stream mutation", 0xDDB_0001L, 3000, samples);
    }

    @Test
    void exportSamplesUnderMutation() throws IOException {
        HARNESS.run("dynamodb-export mutation", 0xDDB_0002L, 1500, exportSamples());
    }

    @Test
    void itemsUnderMutation() throws IOException {
        List<Sample> items = new ArrayList<>();
        for (String line : Files.readAllLines(
                Golden.resource("samples/export/full-export_data_dynamodb-json_aws-docs.jsonl"))) {
            String item = line.substring(line.indexOf(':') + 1, line.length() - 1);
            items.add(new Sample("item", item.getBytes(StandardCharsets.UTF_8), "item", null, ReadOptions.defaults()));
        }
        int[] inputs = new int[1];
        Seeds.forAll("AttributeValues mutation", 0xDDB_0003L, 1500, random -> {
            Sample s = items.get(random.nextInt(items.size()));
            byte[] input = mutate(s, random);
            inputs[0]++;
            try {
                AttributeValues.parseItem(new String(input, StandardCharsets.UTF_8));
            } catch (ChangeReadException e) {
                HARNESS.assertClean(e, s);
            } catch (RuntimeException | StackOverflowError e) {
                fail("escaped " + e.getClass().getName() + " from AttributeValues.parseItem", e);
            }
        });
        System.out.println("AttributeValues mutation: " + inputs[0] + " mutated items");
    }

    static byte[] mutate(Sample s, Random random) {
        return Mutations.oneToThree(plantMarker(s.bytes(), random), random, DynamoDbMutationTest::mutateText);
    }

    /** Puts the marker at the start of a string value (after {@code ":"}). */
    static byte[] plantMarker(byte[] b, Random random) {
        List<Integer> spots = new ArrayList<>();
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == ':' && (b[i + 1] == '"' || b[i + 1] == ' ' && b[i + 2] == '"')) {
                spots.add(b[i + 1] == '"' ? i + 2 : i + 3);
            }
        }
        return Mutations.insertAtOneOf(b, spots, MARKER_BYTES, random);
    }

    static byte[] mutateText(byte[] b, Random random) {
        return Mutations.text(b, random, GARBAGE, 5, DynamoDbMutationTest::dynamoDbEdit);
    }

    private static byte[] dynamoDbEdit(int edit, byte[] b, int at, Random random) {
        switch (edit) {
            case 0: { // a key repeated in the same object
                int q = indexOf(b, (byte) '{', at);
                String[] keys = {"\"eventName\":\"INSERT\",", "\"dynamodb\":{},", "\"S\":\"x\",", "\"N\":\"1\",",
                    "\"Item\":{},", "\"Records\":[],", "\"Keys\":{},"};
                return insert(b, q >= 0 ? q + 1 : at, bytes(keys[random.nextInt(keys.length)]));
            }
            case 1: { // deep nesting, under and over the limits
                int depth = 1 + random.nextInt(random.nextBoolean() ? 20 : 400);
                int q = indexOf(b, (byte) '{', at);
                String open = "\"d\":" + "{\"L\":[".repeat(depth) + "{\"S\":\"" + MARKER + "\"}" + "]}".repeat(depth) + ",";
                return insert(b, q >= 0 ? q + 1 : at, bytes(open));
            }
            case 2: { // a long string or number
                int q = indexOf(b, (byte) '{', at);
                String v = random.nextBoolean() ? "\"long\":{\"S\":\"" + MARKER.repeat(1 + random.nextInt(20)) + "\"},"
                        : "\"big\":{\"N\":\"" + "1".repeat(1 + random.nextInt(60)) + "\"},";
                return insert(b, q >= 0 ? q + 1 : at, bytes(v));
            }
            default: { // a DynamoDB-specific damage
                for (int i = 0; i < 4; i++) {
                    String[] r = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
                    byte[] c = Mutations.replaceOne(b, bytes(r[0]), bytes(r[1]), random);
                    if (c != null) {
                        return c;
                    }
                }
                return insert(b, at, bytes("\n"));
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
