package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.testing.Seeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class CompactionTest {

    private static final String[] TABLES = {"orders", "items"};

    /** The reference: apply events one by one to a table of rows keyed by table and id. */
    static final class Table {
        final Map<List<Object>, Row> rows = new HashMap<>();

        void apply(ChangeEvent e, boolean ignoreNullUpdates, Predicate<ChangeEvent> isDelete) {
            if (e.op() == Operation.DDL || e.key() == null) {
                return;
            }
            List<Object> k = List.of(e.source().table(), e.key().decimal("id").intValue());
            if (isDelete.test(e)) {
                rows.remove(k);
            } else if (e.op() == Operation.UPDATE && ignoreNullUpdates) {
                Row.Builder b = Row.builder();
                Row old = rows.get(k);
                if (old != null) {
                    old.asMap().forEach(b::put);
                }
                e.after().asMap().forEach((c, v) -> {
                    if (v != null) {
                        b.put(c, v);
                    }
                });
                rows.put(k, b.build());
            } else {
                rows.put(k, e.after());
            }
        }

        Map<List<Object>, Row> without(Set<String> columns) {
            Map<List<Object>, Row> out = new HashMap<>();
            rows.forEach((k, r) -> {
                Set<String> keep = new LinkedHashSet<>(r.columns());
                keep.removeAll(columns);
                out.put(k, r.select(keep));
            });
            return out;
        }

        Table copy() {
            Table t = new Table();
            t.rows.putAll(rows);
            return t;
        }
    }

    static Row row(Random r, int id, boolean nulls) {
        Row.Builder b = Row.builder().put("id", id);
        for (String c : List.of("a", "b", "gone")) {
            b.put(c, nulls && r.nextInt(3) == 0 ? null : r.nextInt(5));
        }
        if (r.nextInt(8) == 0) {
            b.put("deleted", true);
        }
        return b.build();
    }

    @Test
    void netChangeMatchesReplayReference() {
        Seeds.forAll("compaction vs replay", 0xC0_4FAC7L, 500, random -> {
            boolean ignoreNull = random.nextBoolean();
            boolean customDelete = random.nextBoolean();
            boolean byColumns = random.nextBoolean();
            boolean except = random.nextBoolean();
            Compaction.Sequence seq = Compaction.Sequence.values()[random.nextInt(3)];
            Predicate<ChangeEvent> isDelete = customDelete
                    ? e -> e.op() == Operation.DELETE || (e.after() != null && Boolean.TRUE.equals(e.after().bool("deleted")))
                    : e -> e.op() == Operation.DELETE;

            Table initial = new Table();
            Table sim = new Table();
            for (String t : TABLES) {
                for (int id = 0; id < 4; id++) {
                    if (random.nextBoolean()) {
                        Row r = row(random, id, false).select(List.of("id", "a", "b", "gone"));
                        initial.rows.put(List.of(t, id), r);
                    }
                }
            }
            sim.rows.putAll(initial.rows);
            List<ChangeEvent> events = new ArrayList<>();
            int n = random.nextInt(30);
            long position = random.nextInt(20);
            for (int i = 0; i < n; i++) {
                position += 1 + random.nextInt(20);
                String table = TABLES[random.nextInt(TABLES.length)];
                int id = random.nextInt(4);
                ChangeEvent.Builder b;
                if (random.nextInt(12) == 0) {
                    b = ChangeEvent.builder(Operation.DDL, SourceInfo.of("t", "s", table));
                } else {
                    Row current = sim.rows.get(List.of(table, id));
                    Operation op;
                    if (current == null) {
                        op = random.nextInt(5) == 0 ? Operation.SNAPSHOT : Operation.INSERT;
                    } else {
                        int p = random.nextInt(10);
                        op = p < 5 ? Operation.UPDATE : p < 8 ? Operation.DELETE : Operation.SNAPSHOT;
                    }
                    Row after = op == Operation.DELETE ? null : row(random, id, op == Operation.UPDATE);
                    if (!customDelete && after != null) {
                        after = after.select(List.of("id", "a", "b", "gone"));
                    }
                    if (current == null && after != null && customDelete && Boolean.TRUE.equals(after.bool("deleted"))) {
                        after = after.select(List.of("id", "a", "b", "gone"));
                    }
                    b = ChangeEvent.builder(op, SourceInfo.of("t", "s", table))
                            .key(Row.builder().put("id", id).build())
                            .before(op == Operation.UPDATE || op == Operation.DELETE ? current : null)
                            .after(after);
                }
                ChangeEvent e = b.position(Long.toString(position)).ts(Instant.ofEpochSecond(position)).build();
                sim.apply(e, ignoreNull, isDelete);
                events.add(e);
            }
            Table expected = initial.copy();
            events.forEach(e -> expected.apply(e, ignoreNull, isDelete));

            List<ChangeEvent> input = new ArrayList<>(events);
            if (seq != Compaction.Sequence.ARRIVAL) {
                Collections.shuffle(input, random);
            }
            Compaction.Builder cb = Compaction.builder().sequenceBy(seq).ignoreNullUpdates(ignoreNull);
            if (customDelete) {
                cb.deleteWhen(isDelete);
            }
            if (byColumns) {
                cb.keys("id");
            }
            if (except) {
                cb.exceptColumns("gone");
            }
            List<ChangeEvent> net = cb.build().compact(input);

            Table actual = initial.copy();
            net.forEach(e -> actual.apply(e, ignoreNull, isDelete));
            Set<String> left = except ? Set.of("gone") : Set.of();
            assertEquals(expected.without(left), actual.without(left), "net state differs from replay");

            // at most one net event per key; DDL passes through; insert..delete folds to nothing
            Set<List<Object>> keys = new HashSet<>();
            long ddl = 0;
            for (ChangeEvent e : net) {
                if (e.op() == Operation.DDL) {
                    ddl++;
                    continue;
                }
                assertTrue(keys.add(List.of(e.source().table(), e.key().get("id"))), "two net events for one key");
                if (except) {
                    assertTrue(e.after() == null || !e.after().has("gone"));
                }
            }
            assertEquals(events.stream().filter(e -> e.op() == Operation.DDL).count(), ddl);
            Map<List<Object>, List<ChangeEvent>> perKey = new HashMap<>();
            for (ChangeEvent e : events) {
                if (e.op() != Operation.DDL) {
                    perKey.computeIfAbsent(List.of(e.source().table(), e.key().get("id")), k -> new ArrayList<>()).add(e);
                }
            }
            perKey.forEach((k, list) -> {
                if (list.get(0).op() == Operation.INSERT && isDelete.test(list.get(list.size() - 1))) {
                    assertTrue(!keys.contains(k), "insert then delete must fold to nothing");
                }
            });
            // net events are in sequence order (positions increase with the true order)
            for (int i = 1; i < net.size(); i++) {
                assertTrue(Compaction.comparePositions(net.get(i - 1).position(), net.get(i).position()) < 0,
                        "net events out of sequence order");
            }
        });
    }

    private static ChangeEvent ev(Operation op, int id, Row before, Row after, String position) {
        return ChangeEvent.builder(op, SourceInfo.of("t", "s", "orders")).key(Row.builder().put("id", id).build())
                .before(before).after(after).position(position).build();
    }

    private static Row r(int id, Integer a) {
        return Row.builder().put("id", id).put("a", a).build();
    }

    @Test
    void foldsPerKey() {
        List<ChangeEvent> net = Compaction.builder().sequenceBy(Compaction.Sequence.POSITION).build().compact(List.of(
                ev(Operation.UPDATE, 1, r(1, 1), r(1, 2), "10"),
                ev(Operation.INSERT, 2, null, r(2, 1), "9"),
                ev(Operation.DELETE, 2, r(2, 1), null, "11"),
                ev(Operation.UPDATE, 1, r(1, 2), r(1, 3), "12")));
        assertEquals(1, net.size());
        ChangeEvent e = net.get(0);
        assertEquals(Operation.UPDATE, e.op());
        assertEquals(r(1, 1), e.before());
        assertEquals(r(1, 3), e.after());
        assertEquals("12", e.position());
    }

    @Test
    void ignoreNullUpdatesKeepsValues() {
        List<ChangeEvent> net = Compaction.builder().ignoreNullUpdates(true).build().compact(List.of(
                ev(Operation.INSERT, 1, null, r(1, 5), "1"),
                ev(Operation.UPDATE, 1, r(1, 5), r(1, null), "2")));
        assertEquals(Operation.INSERT, net.get(0).op());
        assertEquals(r(1, 5), net.get(0).after());
        Iterable<ChangeEvent> insertThenDelete = List.of(ev(Operation.INSERT, 2, null, r(2, 1), "1"),
                ev(Operation.DELETE, 2, r(2, 1), null, "2"))::iterator;
        assertEquals(List.of(), Compaction.defaults().compact(insertThenDelete));
    }

    @Test
    void sequencingNeedsTheSequenceColumn() {
        Compaction c = Compaction.builder().sequenceBy(Compaction.Sequence.TIMESTAMP).build();
        assertThrows(RoutingException.class, () -> c.compact(List.of(ev(Operation.INSERT, 1, null, r(1, 1), "1"))));
        assertTrue(Compaction.comparePositions("9", "10") < 0);
        assertTrue(Compaction.comparePositions("010", "9") > 0);
    }
}
