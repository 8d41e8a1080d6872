package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Compaction with partial, keys-only and absent after images and unavailable columns: applying
 * the net events, only the columns they supply, gives the table that applying every event gives,
 * and the result names the rows left with unknown columns as a plain replay does.
 */
class CompactionImagesTest {
    private static final List<String> COLUMNS = List.of("a", "b", "c");
    private static final SourceInfo SOURCE = SourceInfo.of("t", "s", "docs");

    /** Whether an event gives values of its after image, as a consumer sees it. */
    private static boolean supplies(ChangeEvent e) {
        Completeness c = e.images().after();
        return e.after() != null && c != Completeness.KEYS && c != Completeness.ABSENT;
    }

    private static boolean partial(ChangeEvent e) {
        return e.images().after() == Completeness.PARTIAL || !e.unavailable().isEmpty();
    }

    /**
     * The reference consumer: a delete removes the row, an insert or snapshot replaces it (with
     * its key alone when it supplies nothing), an update puts only the columns it supplies on the
     * row held, or replaces it when its image is full (or not said to be less).
     */
    static void apply(Map<Integer, Map<String, Object>> table, ChangeEvent e) {
        int id = e.key().decimal("id").intValue();
        Map<String, Object> held = table.get(id);
        Map<String, Object> keyOnly = new LinkedHashMap<>(Map.of("id", id));
        if (e.op() == Operation.DELETE) {
            table.remove(id);
        } else if (e.op() != Operation.UPDATE) {
            table.put(id, supplies(e) ? new LinkedHashMap<>(e.after().asMap()) : keyOnly);
        } else if (!supplies(e)) {
            table.put(id, held == null ? keyOnly : held);
        } else if (partial(e)) {
            Map<String, Object> row = held == null ? new LinkedHashMap<>() : new LinkedHashMap<>(held);
            row.putAll(e.after().asMap());
            table.put(id, row);
        } else {
            table.put(id, new LinkedHashMap<>(e.after().asMap()));
        }
    }

    /** What a plain replay of one key knows: the columns still unknown, and whether some cannot be named. */
    static final class Knowledge {
        boolean exists;
        final Set<String> known = new LinkedHashSet<>();
        final Set<String> unknown = new LinkedHashSet<>();
        boolean unnamed;

        void apply(ChangeEvent e) {
            boolean namesNothing = e.images().after() == Completeness.PARTIAL && e.unavailable().isEmpty();
            if (e.op() == Operation.DELETE) {
                exists = false;
                known.clear();
                unknown.clear();
                unnamed = false;
            } else if (e.op() != Operation.UPDATE || !exists) {
                exists = true;
                known.clear();
                unknown.clear();
                if (supplies(e)) {
                    known.addAll(e.after().columns());
                    unknown.addAll(e.unavailable());
                }
                unnamed = !supplies(e) || namesNothing;
            } else if (!supplies(e)) {
                unnamed = true;
            } else if (partial(e)) {
                for (String column : e.unavailable()) {
                    if (!known.contains(column)) {
                        unknown.add(column);
                    }
                }
                known.addAll(e.after().columns());
                unknown.removeAll(known);
                unnamed |= namesNothing;
            } else {
                known.clear();
                known.addAll(e.after().columns());
                unknown.clear();
                unnamed = false;
            }
        }

        boolean incomplete() {
            return exists && (unnamed || !unknown.isEmpty());
        }
    }

    /**
     * A history from numbers: each number picks a key, an operation that fits whether the row
     * exists, the after image's completeness (full, partial naming its unavailable columns,
     * partial naming none, keys or absent, unknown) and the values. Keys present before are
     * given by {@code initial}.
     */
    static List<ChangeEvent> history(int initial, List<Integer> steps) {
        Map<Integer, Boolean> exists = new HashMap<>();
        for (int id = 0; id < 3; id++) {
            exists.put(id, (initial >> id & 1) == 1);
        }
        List<ChangeEvent> events = new ArrayList<>();
        int position = 0;
        for (int x : steps) {
            int id = x % 3;
            x /= 3;
            int kind = x % 8;
            x /= 8;
            int completeness = x % 6;
            x /= 6;
            int mask = 1 + x % 7; // a non-empty set of columns
            x /= 7;
            int value = x % 10;
            Operation op;
            if (!exists.get(id)) {
                op = kind == 0 ? Operation.SNAPSHOT : Operation.INSERT;
            } else {
                op = kind < 2 ? Operation.DELETE : kind == 2 ? Operation.SNAPSHOT : Operation.UPDATE;
            }
            exists.put(id, op != Operation.DELETE);
            ChangeEvent.Builder b = ChangeEvent.builder(op, SOURCE).key(Row.builder().put("id", id).build())
                    .position(Integer.toString(++position));
            if (op != Operation.DELETE) {
                Row.Builder after = Row.builder().put("id", id);
                List<String> missing = new ArrayList<>();
                for (int i = 0; i < COLUMNS.size(); i++) {
                    if (completeness == 1 || completeness == 2) {
                        if ((mask >> i & 1) == 1) {
                            missing.add(COLUMNS.get(i));
                            continue;
                        }
                    }
                    after.put(COLUMNS.get(i), position * 100 + value * 10 + i);
                }
                switch (completeness) {
                    case 0 -> b.after(after.build()).images(new Images(null, Completeness.FULL));
                    case 1 -> b.after(after.build()).images(new Images(null, Completeness.PARTIAL)).unavailable(missing);
                    case 2 -> b.after(after.build()).images(new Images(null, Completeness.PARTIAL));
                    case 3 -> b.images(new Images(null, Completeness.KEYS));
                    case 4 -> b.images(new Images(null, Completeness.ABSENT));
                    default -> b.after(after.build());
                }
            }
            events.add(b.build());
        }
        return events;
    }

    private static Map<Integer, Map<String, Object>> initialTable(int initial) {
        Map<Integer, Map<String, Object>> table = new HashMap<>();
        for (int id = 0; id < 3; id++) {
            if ((initial >> id & 1) == 1) {
                Map<String, Object> row = new LinkedHashMap<>(Map.of("id", id));
                for (String c : COLUMNS) {
                    row.put(c, "held-" + c);
                }
                table.put(id, row);
            }
        }
        return table;
    }

    /**
     * Rows compared by their values (numbers as the decimals the model holds), without the columns
     * a compaction leaves out.
     */
    private static Map<Integer, Map<String, Object>> normalized(Map<Integer, Map<String, Object>> table, Set<String> left) {
        Map<Integer, Map<String, Object>> out = new HashMap<>();
        table.forEach((id, row) -> {
            Map<String, Object> r = new HashMap<>();
            row.forEach((c, v) -> {
                if (!left.contains(c)) {
                    r.put(c, v instanceof Number n ? new java.math.BigDecimal(n.toString()) : v);
                }
            });
            out.put(id, r);
        });
        return out;
    }

    @Test
    void compactedHistoriesApplyAsTheirEventsAndReportTheUnknownColumns() {
        int[] seen = new int[3]; // partial net events, keys-or-absent net events, incomplete rows
        qt().withExamples(1000).withShrinkCycles(200)
                .forAll(integers().between(0, 15), lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(0, 16))
                .checkAssert((setup, steps) -> {
                    int initial = setup & 7;
                    boolean leaveOutC = setup >= 8;
                    List<ChangeEvent> events = history(initial, steps);
                    Compaction compaction = leaveOutC ? Compaction.builder().exceptColumns("c").build() : Compaction.defaults();
                    Compaction.Result result = compaction.compactWithUnknowns(events);

                    Map<Integer, Map<String, Object>> replayed = initialTable(initial);
                    Map<Integer, Knowledge> knowledge = new HashMap<>();
                    for (ChangeEvent e : events) {
                        apply(replayed, e);
                        knowledge.computeIfAbsent(e.key().decimal("id").intValue(), k -> new Knowledge()).apply(e);
                    }
                    Map<Integer, Map<String, Object>> compacted = initialTable(initial);
                    result.events().forEach(e -> apply(compacted, e));
                    Set<String> left = leaveOutC ? Set.of("c") : Set.of();
                    assertEquals(normalized(replayed, left), normalized(compacted, left), events.toString());

                    Map<Integer, Set<String>> expected = new HashMap<>();
                    knowledge.forEach((id, k) -> {
                        k.unknown.removeAll(left);
                        if (k.incomplete()) {
                            expected.put(id, k.unknown);
                        }
                    });
                    Map<Integer, Set<String>> reported = new HashMap<>();
                    for (ChangeEvent e : result.incomplete()) {
                        assertTrue(result.events().contains(e), "an incomplete event is a net event");
                        reported.put(e.key().decimal("id").intValue(), e.unavailable());
                        seen[2]++;
                    }
                    assertEquals(expected, reported, events.toString());
                    for (ChangeEvent e : result.events()) {
                        Completeness after = e.images().after();
                        seen[0] += after == Completeness.PARTIAL ? 1 : 0;
                        seen[1] += after == Completeness.KEYS || after == Completeness.ABSENT ? 1 : 0;
                        if (!result.incomplete().contains(e)) {
                            assertEquals(Set.of(), e.unavailable(), "a complete row names no unknown column");
                        }
                    }
                    assertEquals(result.events(), compaction.compact(events));
                });
        assertTrue(seen[0] > 200 && seen[1] > 50 && seen[2] > 200,
                "partial " + seen[0] + ", keys or absent " + seen[1] + ", incomplete " + seen[2]);
    }

    private static ChangeEvent event(Operation op, Row after, Completeness completeness, String... unavailable) {
        return ChangeEvent.builder(op, SOURCE).key(Row.builder().put("id", 1).build()).after(after)
                .images(new Images(null, completeness)).unavailable(List.of(unavailable)).build();
    }

    @Test
    void anUnloggedColumnKeepsTheValueAnInsertGaveIt() {
        Row inserted = Row.builder().put("id", 1).put("title", "t").put("body", "long text").build();
        Row updated = Row.builder().put("id", 1).put("title", "u").build();
        Compaction.Result result = Compaction.defaults().compactWithUnknowns(List.of(
                event(Operation.INSERT, inserted, Completeness.FULL),
                event(Operation.UPDATE, updated, Completeness.PARTIAL, "body")));
        ChangeEvent net = result.events().get(0);
        assertEquals(Operation.INSERT, net.op());
        assertEquals(Row.builder().put("id", 1).put("title", "u").put("body", "long text").build(), net.after());
        assertEquals(new Images(null, Completeness.FULL), net.images());
        assertEquals(List.of(), result.incomplete());
    }

    @Test
    void anUnloggedColumnNeverHeldIsReportedAndLeftOut() {
        Row first = Row.builder().put("id", 1).put("title", "u").build();
        Row second = Row.builder().put("id", 1).put("title", "v").build();
        Compaction.Result result = Compaction.defaults().compactWithUnknowns(List.of(
                event(Operation.UPDATE, first, Completeness.PARTIAL, "body"),
                event(Operation.UPDATE, second, Completeness.PARTIAL, "body")));
        ChangeEvent net = result.events().get(0);
        assertEquals(Operation.UPDATE, net.op());
        assertEquals(second, net.after());
        assertEquals(Set.of("body"), net.unavailable());
        assertEquals(Completeness.PARTIAL, net.images().after());
        assertEquals(List.of(net), result.incomplete());
    }

    @Test
    void aColumnLeftOutIsNotReportedUnknown() {
        Row first = Row.builder().put("id", 1).put("title", "u").build();
        Compaction.Result result = Compaction.builder().exceptColumns("body").build().compactWithUnknowns(List.of(
                event(Operation.UPDATE, first, Completeness.PARTIAL, "body")));
        ChangeEvent net = result.events().get(0);
        assertEquals(first, net.after());
        assertEquals(Set.of(), net.unavailable());
        assertEquals(Completeness.FULL, net.images().after());
        assertEquals(List.of(), result.incomplete());
    }

    @Test
    void aKeysOnlyUpdateKeepsTheRowHeldAndMarksItUnknown() {
        Row inserted = Row.builder().put("id", 1).put("title", "t").build();
        Compaction.Result result = Compaction.defaults().compactWithUnknowns(List.of(
                event(Operation.INSERT, inserted, Completeness.FULL),
                event(Operation.UPDATE, null, Completeness.KEYS)));
        ChangeEvent net = result.events().get(0);
        assertEquals(inserted, net.after());
        assertEquals(Completeness.PARTIAL, net.images().after());
        assertEquals(Set.of(), net.unavailable());
        assertEquals(List.of(net), result.incomplete());

        Compaction.Result keysOnly = Compaction.defaults().compactWithUnknowns(List.of(
                event(Operation.UPDATE, null, Completeness.KEYS), event(Operation.UPDATE, null, Completeness.KEYS)));
        assertEquals(null, keysOnly.events().get(0).after());
        assertEquals(Completeness.KEYS, keysOnly.events().get(0).images().after());
        assertEquals(keysOnly.events(), keysOnly.incomplete());
    }
}
