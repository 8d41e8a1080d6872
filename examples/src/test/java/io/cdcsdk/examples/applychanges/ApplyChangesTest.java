package io.cdcsdk.examples.applychanges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.Row;
import io.cdcsdk.dms.TableDefinitions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real northwind DMS output: the first 40 orders of the full load, then two CDC files. */
class ApplyChangesTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ApplyChangesTest.class.getResource("/northwind/" + name).toURI());
    }

    @Test
    void filesAreAppliedLoadFirstThenCdcByName() throws Exception {
        assertEquals(java.util.List.of("LOAD00000001.csv", "20240612-103125108.csv", "20240612-103623720.csv"),
                ApplyChanges.filesInApplyOrder(resource("public/orders")).stream()
                        .map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void latestRowPerOrder() throws Exception {
        Map<Row, Row> rows = ApplyChanges.latestRows(resource("public/orders"),
                TableDefinitions.read(resource("northwind-tables.json")));
        // 40 full-load orders, plus 20002 from CDC; 19998, 19999, 20000 and 30002 were inserted and deleted again
        assertEquals(41, rows.size());
        Row first = rows.get(key("10248"));
        assertEquals("VINET", first.string("customer_id"));
        assertEquals("Reims", first.string("ship_city"));
        Row last = rows.get(key("10287"));
        assertEquals("RICAR", last.string("customer_id"));
        // 20002: inserted, then six updates; the last one's required date, the fourth one's address
        Row changed = rows.get(key("20002"));
        assertEquals("1996-07-10", changed.string("required_date"));
        assertEquals("1996-08-01", changed.string("shipped_date"));
        assertEquals("60 rue de l'Abbaye", changed.string("ship_address"));
        for (String gone : new String[] {"19998", "19999", "20000", "30002"}) {
            assertEquals(null, rows.get(key(gone)), gone);
        }
    }

    private static Row key(String orderId) {
        return Row.of(Map.of("order_id", orderId));
    }
}
