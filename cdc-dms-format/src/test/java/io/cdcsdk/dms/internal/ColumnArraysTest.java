package io.cdcsdk.dms.internal;

import io.cdcsdk.core.Row;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The array view is the map of its arrays, and a row made from it is the row a builder makes. */
class ColumnArraysTest {

    @Test
    void isTheMapOfItsArraysInOrder() {
        String[] names = {"b", "a", "c", "unused"};
        Object[] values = {"x", null, BigDecimal.ONE, "unused"};
        ColumnArrays view = new ColumnArrays(names, values, 3);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", "x");
        expected.put("a", null);
        expected.put("c", BigDecimal.ONE);
        assertEquals(expected, view);
        assertEquals(view, expected);
        assertEquals(expected.hashCode(), view.hashCode());
        assertEquals(List.copyOf(expected.keySet()), new ArrayList<>(view.keySet()));
        assertEquals(3, view.size());
        assertFalse(view.containsKey("unused"));
    }

    @Test
    void makesTheRowABuilderMakes() {
        String[] names = new String[20];
        Object[] values = new Object[20];
        Row.Builder builder = Row.builder();
        for (int i = 0; i < names.length; i++) {
            names[i] = "column" + (names.length - i);
            values[i] = i % 3 == 0 ? null : i % 3 == 1 ? "v" + i : BigDecimal.valueOf(i);
            builder.put(names[i], values[i]);
        }
        Row expected = builder.build();
        Row row = Row.of(new ColumnArrays(names, values, names.length));
        assertEquals(expected, row);
        assertEquals(List.copyOf(expected.columns()), List.copyOf(row.columns()));
        assertEquals(Row.empty(), Row.of(new ColumnArrays(names, values, 0)));
    }

    @Test
    void distinct() {
        assertTrue(ColumnArrays.distinct(new String[] {"a", "b", "a"}, 2));
        assertFalse(ColumnArrays.distinct(new String[] {"a", "b", "a"}, 3));
    }
}
