package io.cdcsdk.examples.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example adapter's converter reads each value as a tree, both straight from the read buffer
 * and from a framed value (one longer than the buffer, or one it fails on), with the same result.
 */
class DebeziumJsonAdapterTest {
    private static String record(String op, String after) {
        return "{\"schema\":null,\"payload\":{\"before\":null,\"after\":" + after + ",\"source\":{\"connector\":\"postgresql\","
                + "\"ts_ms\":1700000000123,\"db\":\"inventory\",\"schema\":\"inventory\",\"table\":\"customers\",\"txId\":771,"
                + "\"lsn\":33841536},\"op\":\"" + op + "\",\"ts_ms\":1700000000200}}";
    }

    @Test
    void readsValuesFromTheBufferAndFramedAlike() {
        String small = record("c", "{\"id\":1,\"note\":\"n\"}");
        String large = record("c", "{\"id\":2,\"note\":\"" + "x".repeat(200_000) + "\"}");
        List<String> read = read(small + "\n" + large + "\n" + small + "\n");
        assertEquals(List.of("insert 1 inventory.customers 33841536 771 1", "insert 2 inventory.customers 33841536 771 200000",
                "insert 1 inventory.customers 33841536 771 1"), read);
    }

    @Test
    void aBadRecordIsReportedAtItsLineAndTheNextOneIsRead() {
        String good = record("c", "{\"id\":1,\"note\":\"n\"}");
        List<String> read = read(good + "\n" + record("x", "{\"id\":3}") + "\n" + record("c", "{\"n\":1E999999999999}") + "\n"
                + record("c", "[1]") + "\n" + good + "\n");
        assertEquals(List.of("insert 1 inventory.customers 33841536 771 1",
                "failure line 2 UNEXPECTED_TYPE at $.payload.op: expected one of c u d r t but found another string",
                "failure line 3 MALFORMED number out of the range of an exact decimal",
                "failure line 4 UNEXPECTED_TYPE at $.payload.after: expected an object or null but found array",
                "insert 1 inventory.customers 33841536 771 1"), read);
    }

    private static List<String> read(String input) {
        List<String> out = new ArrayList<>();
        ReadContext context = ReadContext.of("in.json", ReadOptions.defaults().skipOnError(e ->
                out.add("failure line " + e.position().line() + " " + e.kind() + " " + e.detail())));
        try (ChangeReader reader = new DebeziumJsonAdapter().open(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), context)) {
            while (reader.hasNext()) {
                var e = reader.next();
                out.add(e.op().wireName() + " " + e.after().get("id") + " " + e.source().qualifiedTable() + " "
                        + e.position() + " " + e.tx() + " " + (e.after().get("note") == null ? 0 : e.after().get("note").toString().length()));
            }
        }
        return out;
    }
}
