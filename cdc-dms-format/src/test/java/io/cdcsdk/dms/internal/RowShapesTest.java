package io.cdcsdk.dms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cdcsdk.core.Row;
import io.cdcsdk.core.testing.Seeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowShapesTest {

    @Test
    void rowsOfManyShapesInTurnHoldTheirOwnColumnsAndValues() {
        RowShapes shapes = new RowShapes();
        // More shapes than the cache holds, in random turns, with names as new String instances.
        Seeds.forAll("row shapes", 0x5A9EL, 300, random -> {
            int columns = random.nextInt(6);
            int shape = random.nextInt(12);
            String[] names = new String[columns + 3];
            Object[] values = new Object[columns + 3];
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = 0; i < columns; i++) {
                names[i] = new String("c" + shape + "_" + i);
                values[i] = random.nextBoolean() ? null : BigDecimal.valueOf(random.nextInt(1000));
                expected.put(names[i], values[i]);
            }
            names[columns] = "left over from a wider row";
            Row row = shapes.row(names, values, columns);
            assertEquals(expected, row.asMap());
            assertEquals(List.copyOf(expected.keySet()), new ArrayList<>(row.columns()));
        });
    }

    @Test
    void aRepeatedNameGivesNoRow() {
        RowShapes shapes = new RowShapes();
        assertNull(shapes.row(new String[] {"id", "name", "id"}, new Object[] {1, "a", 2}, 3));
        assertEquals(Map.of("id", BigDecimal.ONE, "name", "a"),
                shapes.row(new String[] {"id", "name", "id"}, new Object[] {BigDecimal.ONE, "a", 2}, 2).asMap());
    }
}
