package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsJsonAdapter;
import io.cdcsdk.dms.internal.DmsCsvAdapter;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.MutationHarness;
import io.cdcsdk.core.testing.MutationHarness.Sample;
import io.cdcsdk.core.testing.Mutations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.cdcsdk.core.testing.Mutations.concat;
import static io.cdcsdk.core.testing.Mutations.indexOf;
import static io.cdcsdk.core.testing.Mutations.insert;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every DMS reader under mutation: the golden samples, damaged at random (truncated, bytes flipped,
 * garbage inserted, ranges deleted or repeated, keys duplicated, CSV quotes and delimiters added or
 * removed), read under FAIL and SKIP. Only {@link ChangeReadException} may leave a reader, always
 * with a position naming the source, and a marker planted in the input never reaches a message.
 */
class DmsMutationTest {
    static final String MARKER = "SECRET-MARKER-7Q";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8);
    private static final byte[][] GARBAGE = {
        "{".getBytes(StandardCharsets.UTF_8), "}".getBytes(StandardCharsets.UTF_8), "[".getBytes(StandardCharsets.UTF_8),
        "]".getBytes(StandardCharsets.UTF_8), "\"".getBytes(StandardCharsets.UTF_8), ",".getBytes(StandardCharsets.UTF_8),
        ":".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
        "\\".getBytes(StandardCharsets.UTF_8), "\\u".getBytes(StandardCharsets.UTF_8), "\\ud800".getBytes(StandardCharsets.UTF_8),
        {0}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "1e999999999".getBytes(StandardCharsets.UTF_8), "-0.0E-2147483649".getBytes(StandardCharsets.UTF_8),
        "null".getBytes(StandardCharsets.UTF_8), "\"metadata\":{},".getBytes(StandardCharsets.UTF_8),
        "\"data\":\"x\",".getBytes(StandardCharsets.UTF_8), "\"record-type\":\"data\",".getBytes(StandardCharsets.UTF_8),
        "\"operation\":\"update\",".getBytes(StandardCharsets.UTF_8), "I,".getBytes(StandardCharsets.UTF_8),
        "D,".getBytes(StandardCharsets.UTF_8), "\"\"".getBytes(StandardCharsets.UTF_8),
        "2024-13-45 25:61:61".getBytes(StandardCharsets.UTF_8), "{\"_source\":".getBytes(StandardCharsets.UTF_8),
        "{\"data\":\"{\\\"metadata\\\":1}\",\"partitionKey\":\"p\"}".getBytes(StandardCharsets.UTF_8),
    };

    static List<Sample> jsonSamples() throws IOException {
        List<Sample> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Golden.resource("samples"))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if ((name.endsWith(".json") || name.endsWith(".ndjson")) && !name.contains("table-def")
                        && !name.startsWith("s3-event")) {
                    out.add(new Sample(name, Files.readAllBytes(p), name, new DmsJsonAdapter(),
                            ReadOptions.defaults()));
                }
            }
        }
        return out;
    }

    static final String[][] CSV = {
        {"s3-csv_real_brabster-northwind_orders_cdc_20240612-103125108.csv", "cdc/public/orders/20240612-103125108.csv"},
        {"s3-csv_real_brabster-northwind_orders_cdc_20240612-103623720.csv", "cdc/public/orders/20240612-103623720.csv"},
        {"s3-csv_real_brabster-northwind_orders_LOAD00000001_first40lines.csv", "cdc/public/orders/LOAD00000001.csv"},
        {"s3-csv_real_brabster-northwind_orders_cdc-with-before-image-pk_20240705-202150266.csv", "cdc/public/orders/20240705-202150266.csv"},
        {"s3-csv_real_brabster-northwind_order_details_cdc_20240612-103540301.csv", "cdc/public/order_details/20240612-103540301.csv"},
        {"s3-csv_real_brabster-northwind_order_details_cdc-with-before-image-pk_20240705-201037838.csv", "cdc/public/order_details/20240705-201037838.csv"},
        {"s3-csv_real_brabster-northwind_categories_LOAD00000001.csv", "cdc/public/categories/LOAD00000001.csv"},
        {"s3-csv_real_brabster-northwind_employees_LOAD00000001.csv", "cdc/public/employees/LOAD00000001.csv"},
        {"s3-csv_aws-docs_employee_cdc_example.csv", "s3-csv_aws-docs_employee_cdc_example.csv"},
        {"s3-csv_aws-repost_before-image-pk-columns_example.csv", "s3-csv_aws-repost_before-image-pk-columns_example.csv"},
        {"s3-csv_aws-docs_preserve-transactions_example.csv", "CDC_TXN-20201117153046033.csv"},
        {"s3-csv_made-from-brabster-northwind_employees_cdc-nosup_20240612-110005000.csv",
            "cdc/public/employees/20240612-110005000.csv"},
        {"s3-csv_made-from-brabster-northwind_employees_cdc-null-means-unavailable_20240612-110505000.csv",
            "cdc/public/employees/20240612-110505000.csv"},
    };

    static List<Sample> csvSamples() throws IOException {
        List<Sample> out = new ArrayList<>();
        for (String[] s : CSV) {
            String base = s[0].substring(0, s[0].length() - 4);
            TableDefinitions defs = TableDefinitions.read(Golden.resource("samples/" + base + ".table-def.json"));
            out.add(new Sample(s[0], Files.readAllBytes(Golden.resource("samples/" + s[0])), s[1], new DmsCsvAdapter(),
                    ReadOptions.defaults().withExtension(defs)));
        }
        // The same rows read by their header row, without a definition.
        out.add(new Sample("header", ("Op,id,name,note\r\nI,1,\"a,b\",x\nU,2,\"multi\nline\",\nD,3,,\"\"\n")
                .getBytes(StandardCharsets.UTF_8), "bucket/s/t/20240102-000000000.csv", new DmsCsvAdapter(),
                ReadOptions.defaults()));
        return out;
    }

    private static final MutationHarness HARNESS = new MutationHarness(MARKER, Limits.DEFAULTS.withMaxRecordBytes(600)
            .withMaxStringLength(80).withMaxNestingDepth(4).withMaxNumberLength(12), DmsMutationTest::mutate);

    @Test
    void jsonSamplesUnderMutation() throws IOException {
        List<Sample> samples = jsonSamples();
        assertEquals(19, samples.size());
        HARNESS.run("dms-json mutation", 0x7E57_0001L, 3000, samples);
    }

    @Test
    void csvSamplesUnderMutation() throws IOException {
        List<Sample> samples = csvSamples();
        HARNESS.run("dms-csv mutation", 0x7E57_0002L, 3000, samples);
    }

    static byte[] mutate(Sample s, Random random) {
        return Mutations.oneToThree(plantMarker(s.bytes(), random), random, DmsMutationTest::mutateText);
    }

    /** Puts the marker inside a value: after a {@code ":"} (JSON) or a delimiter (CSV). */
    static byte[] plantMarker(byte[] b, Random random) {
        List<Integer> spots = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] == ':' && b[i + 1] == '"') || b[i] == ',') {
                spots.add(b[i] == ':' ? i + 2 : i + 1);
            }
        }
        return Mutations.insertAtOneOf(b, spots, MARKER_BYTES, random);
    }

    static byte[] mutateText(byte[] b, Random random) {
        return Mutations.text(b, random, GARBAGE, 4, DmsMutationTest::csvOrJsonEdit);
    }

    private static byte[] csvOrJsonEdit(int edit, byte[] b, int at, Random random) {
        switch (edit) {
            case 0: // an extra quote: unbalanced in CSV, broken string in JSON
                return insert(b, at, new byte[] {'"'});
            case 1: { // a delimiter more or less: a wrong column count
                int comma = indexOf(b, (byte) ',', at);
                if (comma >= 0 && random.nextBoolean()) {
                    return concat(Arrays.copyOf(b, comma), Arrays.copyOfRange(b, comma + 1, b.length));
                }
                return insert(b, at, new byte[] {','});
            }
            case 2: { // a key repeated in the same object
                int q = indexOf(b, (byte) '{', at);
                if (q >= 0) {
                    String[] keys = {"\"metadata\":{\"record-type\":\"data\"},", "\"data\":{},", "\"operation\":\"x\",",
                        "\"schema-name\":\"s\",", "\"control\":[],"};
                    return insert(b, q + 1, keys[random.nextInt(keys.length)].getBytes(StandardCharsets.UTF_8));
                }
                return insert(b, at, "\"a\":1,\"a\":2".getBytes(StandardCharsets.UTF_8));
            }
            default: { // a line break where none was
                return insert(b, at, random.nextBoolean() ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
            }
        }
    }
}
