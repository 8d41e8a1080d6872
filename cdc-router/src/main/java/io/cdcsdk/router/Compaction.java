package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
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
 *
 * <p>A value the source did not supply never overwrites one that is known (see
 * {@link ChangeEvent#images()} and {@link ChangeEvent#unavailable()}):
 * <ul>
 * <li>an update whose after image is {@link Completeness#PARTIAL} or that names unavailable
 *     columns puts only the columns it supplies on the row held; an unavailable column keeps the
 *     value held, and when none is held it stays unknown until an event supplies it;</li>
 * <li>an update whose after image is {@link Completeness#KEYS} or {@link Completeness#ABSENT}, or
 *     that has none, keeps the row held, which is from then on not known whole;</li>
 * <li>a full after image, or one whose completeness is unknown (events that do not say, as in
 *     version 1.0 of the JSON form), replaces the row, as does an insert or snapshot; a delete
 *     removes it.</li>
 * </ul>
 * The net event says what is known: its after image is {@link Completeness#PARTIAL} (or the keys
 * or absent image given) while columns are unknown, and its {@link ChangeEvent#unavailable()} names
 * those that can be named, so that applying it keeps their values. A net update is applied on top
 * of the row held; a row replaced on the way whose final image is not full comes as a
 * {@link Operation#SNAPSHOT}, which replaces. {@link #compactWithUnknowns(List)} also lists the
 * net events whose rows still have unknown columns.
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

    /**
     * The net changes of a compaction and the rows they leave incomplete.
     *
     * @param events     the net events, in sequence order of each one's last contributing event
     * @param incomplete those of {@code events} (in the same order) whose row is not known whole:
     *                   their after image is {@link Completeness#PARTIAL}, {@link Completeness#KEYS}
     *                   or {@link Completeness#ABSENT}. Each one's source and key say which row;
     *                   its {@link ChangeEvent#unavailable()} names the columns still unknown,
     *                   which a consumer keeps as it holds them. An empty list there with a
     *                   partial, keys or absent image means columns that cannot be named (an
     *                   update gave only its keys, or no after image): the row as held may be
     *                   out of date. Deletes and events that pass through are never listed.
     */
    public record Result(List<ChangeEvent> events, List<ChangeEvent> incomplete) {
        /**
         * Copies both lists, unmodifiable.
         *
         * @param events     the net events
         * @param incomplete the incomplete ones among them
         */
        public Result {
            events = List.copyOf(events);
            incomplete = List.copyOf(incomplete);
        }
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
        return new ArrayList<>(compactWithUnknowns(events).events());
    }

    /**
     * The net changes of {@code events}, and which of them leave a row with columns of unknown
     * value: columns named unavailable that no later event supplied, or a row whose after image
     * was only its keys or absent.
     *
     * @param events the events; the list is not changed
     * @return the net events, as {@link #compact(List)} gives them, and the incomplete ones
     * @throws RoutingException when sequencing by position or timestamp and an event has none
     */
    public Result compactWithUnknowns(List<ChangeEvent> events) {
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
        List<ChangeEvent> incomplete = new ArrayList<>();
        for (Fold f : out) {
            ChangeEvent net = f.result();
            if (net != null) {
                net = except.isEmpty() ? net : leaveOut(net);
                result.add(net);
                if (f.passThrough == null && isIncomplete(net)) {
                    incomplete.add(net);
                }
            }
        }
        return new Result(result, incomplete);
    }

    private static boolean isIncomplete(ChangeEvent net) {
        Completeness after = net.images().after();
        return net.op() != Operation.DELETE && after != null && after != Completeness.FULL;
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
        Set<String> unavailable = new LinkedHashSet<>(e.unavailable());
        unavailable.removeAll(except);
        return e.toBuilder().before(drop(e.before())).after(drop(e.after())).unavailable(unavailable).build();
    }

    private @Nullable Row drop(@Nullable Row row) {
        if (row == null) {
            return null;
        }
        Set<String> keep = new LinkedHashSet<>(row.columns());
        keep.removeAll(except);
        return row.select(keep);
    }

    /** {@code base} with the columns of {@code update} put on it; with {@code skipNulls}, not its nulls. */
    private static Row overlay(Row base, Row update, boolean skipNulls) {
        Row.Builder b = Row.builder();
        base.asMap().forEach(b::put);
        update.asMap().forEach((c, v) -> {
            if (v != null || !skipNulls) {
                b.put(c, v);
            }
        });
        return b.build();
    }

    /**
     * The fold of one key, or a pass-through event. Besides the image it holds the columns named
     * unavailable and not supplied since, and whether the row may hold values that no event
     * supplied and that cannot be named (after a keys or absent after image, or a partial one that
     * names nothing).
     */
    private final class Fold {
        private final @Nullable ChangeEvent passThrough;
        private int lastRank;
        private ChangeEvent first;
        private ChangeEvent last;
        private boolean exists;
        private boolean replaced;
        private @Nullable Row image;
        private final Set<String> unknown = new LinkedHashSet<>();
        private boolean unnamed;
        // How complete the image is when nothing is unknown (FULL, or null when the events do not
        // say); without an image, the completeness of the after image that left none.
        private @Nullable Completeness known;
        private @Nullable ChangeEvent deleting;

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
                unknown.clear();
                unnamed = false;
                known = null;
                deleting = e;
                return;
            }
            boolean wasDeleted = e != first && !exists;
            exists = true;
            if (e.op() == Operation.UPDATE && !wasDeleted) {
                update(e);
            } else {
                replace(e);
                if (e != first || e.op() == Operation.SNAPSHOT) {
                    replaced = true;
                }
            }
        }

        /** An insert or snapshot (or an update of a deleted row): its image is the row. */
        private void replace(ChangeEvent e) {
            Completeness c = e.images().after();
            unknown.clear();
            if (!supplies(e)) {
                image = null;
                unnamed = true;
                known = c;
                return;
            }
            image = e.after();
            unknown.addAll(e.unavailable());
            unnamed = c == Completeness.PARTIAL && e.unavailable().isEmpty();
            known = c == null ? null : Completeness.FULL;
        }

        /** An update: only the columns it supplies go on the held image. */
        private void update(ChangeEvent e) {
            Completeness c = e.images().after();
            Row after = e.after();
            if (!supplies(e)) {
                // The row changed in ways not given: the held values stay, and are not known whole.
                unnamed = true;
                if (image == null) {
                    known = c;
                }
                return;
            }
            if (c == Completeness.PARTIAL || !e.unavailable().isEmpty()) {
                for (String column : e.unavailable()) {
                    if (image == null || !image.has(column)) {
                        unknown.add(column);
                    }
                }
                if (image == null) {
                    known = c == null ? null : Completeness.FULL;
                }
                image = image == null ? after : overlay(image, after, ignoreNullUpdates);
                unnamed |= c == Completeness.PARTIAL && e.unavailable().isEmpty();
            } else if (ignoreNullUpdates && image != null) {
                image = overlay(image, after, true);
            } else {
                image = after;
                unknown.clear();
                unnamed = false;
                known = c;
            }
            unknown.removeAll(image.columns());
        }

        /** How complete the held image is, given the columns still unknown (those left out aside). */
        private @Nullable Completeness completeness(Set<String> open) {
            if (image == null) {
                return known;
            }
            return unnamed || !open.isEmpty() ? Completeness.PARTIAL : known;
        }

        @Nullable ChangeEvent result() {
            if (passThrough != null) {
                return passThrough;
            }
            boolean newRow = first.op() == Operation.INSERT && !isDelete.test(first);
            boolean unknownFirst = first.op() == Operation.SNAPSHOT && !isDelete.test(first);
            ChangeEvent.Builder b = last.toBuilder();
            if (!exists) {
                if (newRow) {
                    return null;
                }
                ChangeEvent from = !unknownFirst && first.before() != null ? first : deleting;
                return b.op(Operation.DELETE).before(from.before()).after(null)
                        .images(new Images(from.images().before(), null))
                        .unavailable(from.op() == Operation.DELETE ? from.unavailable() : null)
                        .build();
            }
            Set<String> open = new LinkedHashSet<>(unknown);
            open.removeAll(except);
            Completeness after = completeness(open);
            b.after(image).unavailable(image == null ? null : open);
            if (newRow) {
                return b.op(Operation.INSERT).before(null).images(new Images(null, after)).build();
            }
            // A row replaced on the way is given whole (a snapshot) unless an update of it replaces
            // the row held: a full image (or one not said to be less), null updates applied.
            boolean appliedWhole = !ignoreNullUpdates && (after == Completeness.FULL || after == null);
            Operation op = replaced && (unknownFirst || !appliedWhole) ? Operation.SNAPSHOT : Operation.UPDATE;
            boolean noBefore = op == Operation.SNAPSHOT && unknownFirst;
            return b.op(op).before(noBefore ? null : first.before())
                    .images(new Images(noBefore ? null : first.images().before(), after)).build();
        }
    }

    /** Whether an event gives values of its after image (not only its key, or nothing). */
    private static boolean supplies(ChangeEvent e) {
        Completeness c = e.images().after();
        return e.after() != null && c != Completeness.KEYS && c != Completeness.ABSENT;
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
