package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The net change per key over a batch or a file, in the vocabulary of APPLY CHANGES: key columns,
 * sequencing (by position or timestamp), which events count as deletes, ignoring null updates, and
 * columns to leave out. Immutable and thread-safe.
 *
 * <pre>{@code
 * Compaction compaction = Compaction.builder()
 *     .keys("order_id")
 *     .sequenceBy(Compaction.Sequence.POSITION)
 *     .ignoreNullUpdates(true)
 *     .exceptColumns("_loaded_at")
 *     .build();
 * List<ChangeEvent> net = compaction.compact(events);
 * }</pre>
 *
 * <p>Per key (table and key values), the events are folded in sequence order:
 * <ul>
 * <li>an insert followed, in the end, by a delete folds to nothing;</li>
 * <li>a row that did not exist before (first event an insert) and exists after becomes one
 *     {@link Operation#INSERT} of the final image;</li>
 * <li>a row that existed before and exists after becomes one {@link Operation#UPDATE} with the first
 *     before image and the final after image; when its image was replaced on the way (a delete then
 *     an insert, or a snapshot) and null updates are ignored, a {@link Operation#SNAPSHOT} carries the
 *     full final image instead, so that applying it replaces the row;</li>
 * <li>a row that existed before (or is unknown) and is deleted in the end becomes one
 *     {@link Operation#DELETE}.</li>
 * </ul>
 * With {@code ignoreNullUpdates}, a null column of an update keeps the value it had. The net event
 * carries the source, key, position, timestamp, transaction and meta of the key's last event. Events
 * without a key, and DDL, pass through unchanged. The output is in sequence order of each net
 * event's last contributing event.
 */
public final class Compaction {

    /** How events of one key are ordered. */
    public enum Sequence {
        /** In the order given (stable). */
        ARRIVAL,
        /** By {@link ChangeEvent#position()}: numerically when both are digits, else as strings. */
        POSITION,
        /** By {@link ChangeEvent#ts()}. */
        TIMESTAMP
    }

    private final List<String> keys;
    private final @Nullable Comparator<ChangeEvent> sequence;
    private final Predicate<ChangeEvent> isDelete;
    private final boolean ignoreNullUpdates;
    private final Set<String> except;

    private Compaction(Builder b) {
        this.keys = List.copyOf(b.keys);
        this.sequence = b.sequence;
        this.isDelete = b.isDelete;
        this.ignoreNullUpdates = b.ignoreNullUpdates;
        this.except = Set.copyOf(b.except);
    }

    /**
     * {@return a new builder with the defaults} Keys are the events' key rows, order is arrival
     * order, deletes are {@link Operation#DELETE} events, null updates are applied, and no column
     * is left out.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a compaction with the defaults of {@link #builder()}} */
    public static Compaction defaults() {
        return builder().build();
    }

    /**
     * The net changes of all {@code events} (a file's reader, for example: {@code
     * compaction.compact(() -> reader)}), held in memory.
     *
     * @param events the events, iterated once
     * @return a new list of the net events, in sequence order of each one's last contributing
     *         event
     * @throws RoutingException when sequencing by position or timestamp and an event has none
     */
    public List<ChangeEvent> compact(Iterable<ChangeEvent> events) {
        List<ChangeEvent> list = new ArrayList<>();
        events.forEach(list::add);
        return compact(list);
    }

    /**
     * The net changes of {@code events}.
     *
     * @param events the events; the list is not changed
     * @return a new list of the net events, in sequence order of each one's last contributing
     *         event
     * @throws RoutingException when sequencing by position or timestamp and an event has none
     */
    public List<ChangeEvent> compact(List<ChangeEvent> events) {
        int n = events.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (sequence != null) {
                checkSequence(events.get(i));
            }
        }
        if (sequence != null) {
            Arrays.sort(order, (a, b) -> sequence.compare(events.get(a), events.get(b))); // stable
        }
        Map<Object, Fold> folds = new LinkedHashMap<>();
        List<Fold> out = new ArrayList<>();
        for (int rank = 0; rank < n; rank++) {
            ChangeEvent e = events.get(order[rank]);
            Object key = e.op() == Operation.DDL ? null : keyOf(e);
            if (key == null) {
                Fold pass = new Fold(e, rank);
                out.add(pass);
                continue;
            }
            Fold f = folds.get(key);
            if (f == null) {
                f = new Fold(null, rank);
                folds.put(key, f);
                out.add(f);
            }
            f.add(e, rank);
        }
        out.sort(Comparator.comparingInt(f -> f.lastRank));
        List<ChangeEvent> result = new ArrayList<>(out.size());
        for (Fold f : out) {
            ChangeEvent net = f.result();
            if (net != null) {
                result.add(except.isEmpty() ? net : leaveOut(net));
            }
        }
        return result;
    }

    private void checkSequence(ChangeEvent e) {
        if (sequence == POSITION_ORDER && e.position() == null) {
            throw new RoutingException("cannot sequence by position: an event has none: " + e);
        }
        if (sequence == TIMESTAMP_ORDER && e.ts() == null) {
            throw new RoutingException("cannot sequence by timestamp: an event has none: " + e);
        }
    }

    private @Nullable Object keyOf(ChangeEvent e) {
        if (keys.isEmpty()) {
            return e.key() == null ? null : List.of(e.source().qualifiedTable(), e.key());
        }
        List<Object> values = new ArrayList<>(keys.size() + 1);
        values.add(e.source().qualifiedTable());
        for (String k : keys) {
            Row from = e.key() != null && e.key().has(k) ? e.key() : e.row();
            if (from == null || !from.has(k)) {
                return null;
            }
            values.add(from.get(k));
        }
        return values;
    }

    private ChangeEvent leaveOut(ChangeEvent e) {
        return e.toBuilder().before(drop(e.before())).after(drop(e.after())).build();
    }

    private @Nullable Row drop(@Nullable Row row) {
        if (row == null) {
            return null;
        }
        Set<String> keep = new LinkedHashSet<>(row.columns());
        keep.removeAll(except);
        return row.select(keep);
    }

    private static Row overlay(Row base, Row update) {
        Row.Builder b = Row.builder();
        base.asMap().forEach(b::put);
        update.asMap().forEach((c, v) -> {
            if (v != null) {
                b.put(c, v);
            }
        });
        return b.build();
    }

    /** The fold of one key, or a pass-through event. */
    private final class Fold {
        private final @Nullable ChangeEvent passThrough;
        private int lastRank;
        private ChangeEvent first;
        private ChangeEvent last;
        private boolean exists;
        private boolean replaced;
        private @Nullable Row image;
        private @Nullable Row deletedBefore;

        Fold(@Nullable ChangeEvent passThrough, int rank) {
            this.passThrough = passThrough;
            this.lastRank = rank;
        }

        void add(ChangeEvent e, int rank) {
            lastRank = rank;
            if (first == null) {
                first = e;
            }
            last = e;
            if (isDelete.test(e)) {
                exists = false;
                image = null;
                deletedBefore = e.before();
                return;
            }
            boolean wasDeleted = e != first && !exists;
            exists = true;
            if (e.op() == Operation.UPDATE && !wasDeleted) {
                if (e.after() != null) {
                    image = ignoreNullUpdates && image != null ? overlay(image, e.after()) : e.after();
                }
            } else {
                image = e.after();
                if (e != first || e.op() == Operation.SNAPSHOT) {
                    replaced = true;
                }
            }
        }

        @Nullable ChangeEvent result() {
            if (passThrough != null) {
                return passThrough;
            }
            boolean newRow = first.op() == Operation.INSERT && !isDelete.test(first);
            boolean unknown = first.op() == Operation.SNAPSHOT && !isDelete.test(first);
            ChangeEvent.Builder b = last.toBuilder();
            if (!exists) {
                if (newRow) {
                    return null;
                }
                Row before = !unknown && first.before() != null ? first.before() : deletedBefore;
                return b.op(Operation.DELETE).before(before).after(null).build();
            }
            if (newRow) {
                return b.op(Operation.INSERT).before(null).after(image).build();
            }
            Row before = unknown ? null : first.before();
            Operation op = replaced && (ignoreNullUpdates || unknown) ? Operation.SNAPSHOT : Operation.UPDATE;
            return b.op(op).before(op == Operation.SNAPSHOT && unknown ? null : before).after(image).build();
        }
    }

    private static final Comparator<ChangeEvent> POSITION_ORDER = (a, b) -> comparePositions(a.position(), b.position());
    private static final Comparator<ChangeEvent> TIMESTAMP_ORDER = Comparator.comparing(ChangeEvent::ts);

    /** Compares positions numerically when both are digits, else as strings. */
    static int comparePositions(String a, String b) {
        if (isDigits(a) && isDigits(b)) {
            String x = stripZeros(a);
            String y = stripZeros(b);
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** Configures a {@link Compaction}. Not thread-safe; {@link #build()} copies what it holds. */
    public static final class Builder {
        private final List<String> keys = new ArrayList<>();
        private Comparator<ChangeEvent> sequence;
        private Predicate<ChangeEvent> isDelete = e -> e.op() == Operation.DELETE;
        private boolean ignoreNullUpdates;
        private final Set<String> except = new LinkedHashSet<>();

        private Builder() {
        }

        /**
     * The key columns, looked up in the event's key, else its row; default the event's key row.
     * An event that lacks one of them passes through unchanged, as do events without a key under
     * the default.
     *
     * @param columns the column names; they replace those of an earlier call
     * @return this builder
     */
        public Builder keys(String... columns) {
            keys.clear();
            keys.addAll(Arrays.asList(columns));
            return this;
        }

        /**
     * The order of events within a key; default {@link Sequence#ARRIVAL}.
     *
     * @param by arrival, position or timestamp; replaces an earlier order or comparator
     * @return this builder
     */
        public Builder sequenceBy(Sequence by) {
            this.sequence = switch (Objects.requireNonNull(by, "by")) {
                case ARRIVAL -> null;
                case POSITION -> POSITION_ORDER;
                case TIMESTAMP -> TIMESTAMP_ORDER;
            };
            return this;
        }

        /**
     * A custom order of events within a key (ties keep arrival order).
     *
     * @param comparator compares two events; replaces an earlier order or comparator
     * @return this builder
     */
        public Builder sequenceBy(Comparator<ChangeEvent> comparator) {
            this.sequence = Objects.requireNonNull(comparator, "comparator");
            return this;
        }

        /**
     * Which events count as deletes; default operation {@link Operation#DELETE}.
     *
     * @param predicate true for an event that deletes its row (a soft-delete flag, for example)
     * @return this builder
     */
        public Builder deleteWhen(Predicate<ChangeEvent> predicate) {
            this.isDelete = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
     * Whether a null column of an update keeps its earlier value; default {@code false}.
     *
     * @param ignore true to keep the earlier value, false to apply the null
     * @return this builder
     */
        public Builder ignoreNullUpdates(boolean ignore) {
            this.ignoreNullUpdates = ignore;
            return this;
        }

        /**
     * Columns left out of the net events' before and after images; the key is kept as it is.
     *
     * @param columns the column names; added to those of earlier calls
     * @return this builder
     */
        public Builder exceptColumns(String... columns) {
            except.addAll(Arrays.asList(columns));
            return this;
        }

        /** {@return the compaction, immutable; the builder can go on and build another} */
        public Compaction build() {
            return new Compaction(this);
        }
    }
}
