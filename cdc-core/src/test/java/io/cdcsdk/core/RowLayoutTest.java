package io.cdcsdk.core;

import io.cdcsdk.core.internal.Origins;
import io.cdcsdk.core.internal.RowLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.testing.Seeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowLayoutTest {

    @Test
    void layoutRowsEqualBuiltRowsAndMaps() {
        Seeds.forAll("layout row equals built row", 0x1A70L, 500, random -> {
            int n = random.nextInt(20);
            String[] names = new String[n];
            Object[] values = new Object[n];
            Row.Builder builder = Row.builder();
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                names[i] = "c" + i + "_" + random.nextInt(1000);
                values[i] = switch (random.nextInt(5)) {
                    case 0 -> null;
                    case 1 -> random.nextLong();
                    case 2 -> "s" + random.nextInt();
                    case 3 -> List.of(random.nextInt(9));
                    default -> random.nextBoolean();
                };
                builder.put(names[i], values[i]);
                expected.put(names[i], Values.of(values[i]));
            }
            Row row = RowLayout.of(names).row(values);
            Row built = builder.build();
            assertEquals(built, row);
            assertEquals(row, built);
            assertEquals(built.hashCode(), row.hashCode());
            assertEquals(expected, row.asMap());
            assertEquals(expected.hashCode(), row.asMap().hashCode());
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(row.columns()));
            assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(row.asMap().entrySet()));
            for (String name : names) {
                assertTrue(row.has(name));
                assertEquals(expected.get(name), row.get(name));
            }
            assertFalse(row.has("absent"));
            assertNull(row.get("absent"));
        });
    }

    @Test
    void rowsAreImmutableAndTakenByValueWithoutACopy() {
        RowLayout layout = RowLayout.of("id", "name");
        Object[] values = {1, "Ada"};
        Row row = layout.row(values);
        values[1] = "changed";
        assertEquals("Ada", row.string("name"));
        assertEquals(BigDecimal.ONE, row.decimal("id"));
        assertThrows(UnsupportedOperationException.class, () -> row.asMap().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> row.asMap().entrySet().iterator().next().setValue("y"));
        assertThrows(UnsupportedOperationException.class, () -> row.columns().remove("id"));
        assertSame(row.asMap(), Values.of(row.asMap()));
        ChangeEvent event = new ChangeEvent(Operation.INSERT, SourceInfo.of("f", "t"), null, null, row, null, null,
                null, row.asMap());
        assertSame(row.asMap(), event.meta());
    }

    @Test
    void originMetaIsWhatStampingGives() {
        for (long line : new long[] {-1, 1, 4_000_000_000L}) {
            for (long record : new long[] {-1, 7}) {
                Position p = new Position("in.csv", line, -1, record);
                ChangeEvent.Builder b = ChangeEvent.builder(Operation.INSERT, SourceInfo.of("f", "t"));
                Origins.stampOrigin(b, p);
                Map<String, Object> stamped = b.build().meta();
                Map<String, Object> origin = Origins.origin(p);
                assertEquals(stamped, origin);
                assertEquals(new ArrayList<>(stamped.keySet()), new ArrayList<>(origin.keySet()));
            }
        }
    }

    @Test
    void repeatedNamesAndWrongCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RowLayout.of("a", "b", "a"));
        assertThrows(IllegalArgumentException.class, () -> RowLayout.of("a", "b").row("only one"));
        assertThrows(NullPointerException.class, () -> RowLayout.of("a", null));
        assertSame(Row.empty(), RowLayout.of().row());
    }
}
