package io.cdcsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cdcsdk.core.Row;
import io.cdcsdk.core.testing.Seeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows from {@link RowLayouts} are the rows a {@link Row.Builder} makes, however names repeat or collide. */
class RowLayoutsTest {

    private static Row row(RowLayouts layouts, List<String> names, Object... values) {
        return layouts.row(names.toArray(new String[0]), values, names.size());
    }

    private static Row built(List<String> names, Object... values) {
        Row.Builder b = Row.builder();
        for (int i = 0; i < names.size(); i++) {
            b.put(names.get(i), values[i]);
        }
        return b.build();
    }

    @Test
    void namesWhoseHashesCollideKeepTheirOwnColumns() {
        // "Aa" and "BB" have one String hash, so the lists of them have one hash too; [" #"] and
        // ["", "a"] have one hash as lists.
        RowLayouts layouts = new RowLayouts();
        for (int round = 0; round < 4; round++) {
            String suffix = Integer.toString(round);
            for (List<String> names : List.of(List.of("Aa"), List.of("BB"), List.of("Aa", "BB"), List.of("BB", "Aa"),
                    List.of(" #"), List.of("", "a"))) {
                Object[] values = names.stream().map(n -> (Object) (n + suffix)).toArray();
                Row row = row(layouts, names, values);
                assertEquals(built(names, values), row);
                assertEquals(names, List.copyOf(row.columns()));
            }
        }
    }

    @Test
    void aLongerListOfNamesWithTheSameHashAndFirstNamesIsAnotherLayout() {
        // ["", y] hashes as [""] when y's hash is -930
        String y = new String(new char[] {4650, 19, 28, 25, 4});
        assertEquals(-930, y.hashCode());
        RowLayouts layouts = new RowLayouts();
        for (int i = 0; i < 3; i++) {
            assertEquals(built(List.of("", y), "1", "2"), row(layouts, List.of("", y), "1", "2"));
            assertEquals(built(List.of(""), "3"), row(layouts, List.of(""), "3"));
        }
    }

    @Test
    void namesOfOneSlotThatAlternateBothGetALayout() {
        // An item's names and its nested map's can fall in one slot: these two do.
        List<String> address = List.of("street", "city", "zip", "geo");
        List<String> geo = List.of("lat", "lon");
        RowLayouts layouts = new RowLayouts();
        Row[] last = new Row[2];
        for (int i = 0; i < 4; i++) {
            Row g = row(layouts, geo, "1", "2");
            Row a = row(layouts, address, "s", "c", "z", g.asMap());
            if (i >= 2) {
                assertSame(last[0].columns(), g.columns());
                assertSame(last[1].columns(), a.columns());
            }
            last[0] = g;
            last[1] = a;
        }
    }

    @Test
    void aRepeatedNameIsNoRowEvenAfterItsNamesHadALayout() {
        RowLayouts layouts = new RowLayouts();
        for (int i = 0; i < 3; i++) {
            assertEquals(built(List.of("a", "b"), BigDecimal.ONE, "x"), row(layouts, List.of("a", "b"), BigDecimal.ONE, "x"));
            assertNull(row(layouts, List.of("a", "a"), BigDecimal.ONE, "x"));
            assertNull(row(layouts, List.of("a", "b", "a"), BigDecimal.ONE, "x", null));
        }
    }

    @Test
    void equalNamesThatAreOtherStringsShareALayout() {
        RowLayouts layouts = new RowLayouts();
        Row first = row(layouts, List.of(new String("id"), new String("v")), "1", "2");
        Row second = row(layouts, List.of(new String("id"), new String("v")), "3", null);
        Row third = row(layouts, List.of("id", "v"), "5", "6");
        assertEquals(built(List.of("id", "v"), "1", "2"), first);
        assertEquals(built(List.of("id", "v"), "3", null), second);
        assertEquals(built(List.of("id", "v"), "5", "6"), third);
        assertSame(second.columns(), third.columns()); // the layout's
    }

    @Test
    void onlyTheFirstCountNamesAndValuesAreTheRow() {
        RowLayouts layouts = new RowLayouts();
        String[] names = {"a", "b", "c"};
        Object[] values = {"1", "2", "3"};
        for (int i = 0; i < 3; i++) {
            assertEquals(built(List.of("a", "b"), "1", "2"), layouts.row(names, values, 2));
            assertEquals(Row.empty(), layouts.row(names, values, 0));
        }
    }

    @Test
    void rowsOfManyShapesInTurnHoldTheirOwnColumnsAndValues() {
        RowLayouts shapes = new RowLayouts();
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
        RowLayouts shapes = new RowLayouts();
        assertNull(shapes.row(new String[] {"id", "name", "id"}, new Object[] {1, "a", 2}, 3));
        assertEquals(Map.of("id", BigDecimal.ONE, "name", "a"),
                shapes.row(new String[] {"id", "name", "id"}, new Object[] {BigDecimal.ONE, "a", 2}, 2).asMap());
    }
}
