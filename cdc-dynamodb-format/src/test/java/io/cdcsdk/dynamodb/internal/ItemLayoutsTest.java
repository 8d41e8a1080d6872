package io.cdcsdk.dynamodb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cdcsdk.core.Row;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows from {@link ItemLayouts} are the rows a {@link Row.Builder} makes, however names repeat or collide. */
class ItemLayoutsTest {

    private static Row row(ItemLayouts layouts, List<String> names, Object... values) {
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
        ItemLayouts layouts = new ItemLayouts();
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
        ItemLayouts layouts = new ItemLayouts();
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
        ItemLayouts layouts = new ItemLayouts();
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
        ItemLayouts layouts = new ItemLayouts();
        for (int i = 0; i < 3; i++) {
            assertEquals(built(List.of("a", "b"), BigDecimal.ONE, "x"), row(layouts, List.of("a", "b"), BigDecimal.ONE, "x"));
            assertNull(row(layouts, List.of("a", "a"), BigDecimal.ONE, "x"));
            assertNull(row(layouts, List.of("a", "b", "a"), BigDecimal.ONE, "x", null));
        }
    }

    @Test
    void equalNamesThatAreOtherStringsShareALayout() {
        ItemLayouts layouts = new ItemLayouts();
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
        ItemLayouts layouts = new ItemLayouts();
        String[] names = {"a", "b", "c"};
        Object[] values = {"1", "2", "3"};
        for (int i = 0; i < 3; i++) {
            assertEquals(built(List.of("a", "b"), "1", "2"), layouts.row(names, values, 2));
            assertEquals(Row.empty(), layouts.row(names, values, 0));
        }
    }
}
