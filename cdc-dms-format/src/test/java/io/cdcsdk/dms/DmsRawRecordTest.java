package io.cdcsdk.dms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** dms-json and dms-csv give a bad record's bytes with its error (ChangeReadException.rawRecord). */
class DmsRawRecordTest {
    private static final TableDefinitions ORDERS = TableDefinitions.builder()
            .add(new TableDefinitions.Table("public", "orders", List.of("id", "name", "note"), List.of("id"),
                    null, List.of(), null, null))
            .build();

    private static List<ChangeReadException> skipped(String input, String source, String format, ReadOptions options,
                                                     int expectedEvents) throws IOException {
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = Golden.readAll(FormatRegistry.discover().open(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), source, format,
                options.skipOnError(skipped::add)));
        assertEquals(expectedEvents, events.size());
        for (ChangeReadException e : skipped) {
            assertEquals(Optional.of(format), e.format());
        }
        return skipped;
    }

    private static Optional<Bytes> bytes(String text) {
        return Optional.of(Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String record(int id, String operation) {
        return "{\"data\":{\"id\":" + id + ",\"name\":\"é\"},\"metadata\":{\"timestamp\":\"2024-06-12T10:35:23.123456Z\","
                + "\"record-type\":\"data\",\"operation\":\"" + operation + "\",\"partition-key-type\":\"schema-table\","
                + "\"schema-name\":\"public\",\"table-name\":\"orders\"}}";
    }

    @Test
    void dmsJsonRecordsThatFailKeepTheirBytesReadDirectlyOrFramed() throws IOException {
        String badOperation = record(2, "frobnicate");
        String badSyntax = record(3, "insert").replace("\"name\":", "\"name\"");
        String input = record(1, "insert") + "\n" + badOperation + "\n" + badSyntax + "\n" + record(4, "update") + "\n";

        List<ChangeReadException> skipped = skipped(input, "orders.json", "dms-json", ReadOptions.defaults(), 2);

        assertEquals(2, skipped.size());
        assertEquals(bytes(badOperation), skipped.get(0).rawRecord());
        assertEquals(bytes(badSyntax), skipped.get(1).rawRecord());
    }

    @Test
    void dmsCsvRowsThatFailKeepTheirLine() throws IOException {
        String badOp = "X,7,seven,";
        String tooFew = "I,8";
        String strayQuote = "I,9,\"ni\"ne,";
        String multiLine = "Q,10,\"ten\r\nlines\",";
        String csv = "I,1,one,\r\n" + badOp + "\r\n" + tooFew + "\n" + strayQuote + "\n" + multiLine + "\r\nU,2,two,x\n";

        List<ChangeReadException> skipped = skipped(csv, "cdc/public/orders/20240102-030405000.csv", "dms-csv",
                ReadOptions.defaults().withExtension(ORDERS), 2);

        assertEquals(4, skipped.size());
        assertEquals(bytes(badOp), skipped.get(0).rawRecord());
        assertEquals(bytes(tooFew), skipped.get(1).rawRecord());
        assertEquals(bytes(strayQuote), skipped.get(2).rawRecord());
        assertEquals(bytes(multiLine), skipped.get(3).rawRecord());
    }

    @Test
    void aRowSplitByTheReadBufferKeepsAllItsTextAndNoLineBreak() throws IOException {
        String badOp = "X,7,\"seven\",é";
        for (int shift = -20; shift < 20; shift++) {
            // The bad row and its line break end around the end of the first 64 KiB read buffer.
            int start = (1 << 16) - badOp.length() - 2 + shift;
            StringBuilder csv = new StringBuilder("I,1," + "p".repeat(start - 7) + ",\r\n");
            csv.append(badOp).append("\r\nU,2,two,x\n");
            List<ChangeReadException> skipped = skipped(csv.toString(), "cdc/public/orders/20240102-030405000.csv",
                    "dms-csv", ReadOptions.defaults().withExtension(ORDERS), 2);
            assertEquals(1, skipped.size());
            assertEquals(bytes(badOp), skipped.get(0).rawRecord(), "shift " + shift);
        }
    }
}
