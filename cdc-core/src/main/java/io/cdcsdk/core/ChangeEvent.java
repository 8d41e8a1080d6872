package io.cdcsdk.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One normalized change, whatever format it was read from. Immutable.
 *
 * <p>The components follow the ChangeEvent JSON form: {@code op}, {@code source}, {@code key},
 * {@code before}, {@code after}, {@code ts}, {@code position}, {@code tx}, {@code meta}.
 *
 * @param op       what happened
 * @param source   the adapter, schema and table
 * @param key      primary-key columns where known, else {@code null}
 * @param before   the row before the change; for a delete, what the source gives of the deleted row
 * @param after    the row after the change (insert, update, snapshot); {@code null} for a delete
 * @param ts       when the change happened at the source, full precision; {@code null} if unknown
 * @param position the source's ordering token (DynamoDB SequenceNumber, DMS stream position)
 * @param tx       the transaction id where the source gives one
 * @param meta     format-specific extras and where the event came from ({@code file},
 *                 {@code line} or {@code record}); never {@code null}, values in the {@link Values}
 *                 model
 */
public record ChangeEvent(
        Operation op,
        SourceInfo source,
        @Nullable Row key,
        @Nullable Row before,
        @Nullable Row after,
        @Nullable Instant ts,
        @Nullable String position,
        @Nullable String tx,
        Map<String, Object> meta) {

    /** Meta entry: the name of the input the event was read from. */
    public static final String META_FILE = "file";
    /** Meta entry: the 1-based line the event's record starts on (line-oriented inputs). */
    public static final String META_LINE = "line";
    /** Meta entry: the 1-based ordinal of the event's record in its input. */
    public static final String META_RECORD = "record";

    public ChangeEvent {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(source, "source");
        meta = meta == null ? Values.map(Map.of()) : Values.map(meta);
    }

    /** A builder for an event of the given operation and source. */
    public static Builder builder(Operation op, SourceInfo source) {
        return new Builder(op, source);
    }

    /** A builder holding this event's values, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(op, source);
        b.key = key;
        b.before = before;
        b.after = after;
        b.ts = ts;
        b.position = position;
        b.tx = tx;
        b.meta.putAll(meta);
        return b;
    }

    /**
     * The after image bound to {@code type} with the default {@link RowBinder}.
     *
     * @return the bound object, or {@code null} when the event has no after image
     * @throws RowBindingException when a column does not fit its property
     */
    public <T> @Nullable T after(Class<T> type) {
        return after == null ? null : RowBinder.defaults().bind(after, type);
    }

    /** The after image bound with the given binder, or {@code null} when there is none. */
    public <T> @Nullable T after(Class<T> type, RowBinder binder) {
        return after == null ? null : binder.bind(after, type);
    }

    /** The before image bound to {@code type}, or {@code null} when there is none. */
    public <T> @Nullable T before(Class<T> type) {
        return before == null ? null : RowBinder.defaults().bind(before, type);
    }

    /** The before image bound with the given binder, or {@code null} when there is none. */
    public <T> @Nullable T before(Class<T> type, RowBinder binder) {
        return before == null ? null : binder.bind(before, type);
    }

    /** The key bound to {@code type}, or {@code null} when the key is unknown. */
    public <T> @Nullable T key(Class<T> type) {
        return key == null ? null : RowBinder.defaults().bind(key, type);
    }

    /**
     * The row that describes the event's current state: {@code after} when present, else
     * {@code before} (deletes). May be {@code null} for key-only events and DDL.
     */
    public @Nullable Row row() {
        return after != null ? after : before;
    }

    /**
     * Where the event was read from, from its {@code file}, {@code line} and {@code record} meta
     * entries; the source name is empty when unknown.
     */
    public Position origin() {
        Object file = meta.get(META_FILE);
        return new Position(file instanceof String s ? s : "", longMeta(META_LINE), -1, longMeta(META_RECORD));
    }

    private long longMeta(String name) {
        // longValueExact fails fast; longValue() of 1E+999999999 would expand a billion digits.
        if (meta.get(name) instanceof java.math.BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return -1;
    }

    /** Operation, table, position and origin; never row values. */
    @Override
    public String toString() {
        return "ChangeEvent[" + op.wireName() + " " + source.format() + ":" + source.qualifiedTable()
                + (key != null ? " key" + key.columns() : "")
                + (position != null ? " position=" + position : "")
                + (ts != null ? " ts=" + ts : "")
                + " from " + origin().describe() + "]";
    }

    /** Builds a {@link ChangeEvent}; every setter may be called in any order. */
    public static final class Builder {
        private Operation op;
        private SourceInfo source;
        private Row key;
        private Row before;
        private Row after;
        private Instant ts;
        private String position;
        private String tx;
        private LinkedHashMap<String, Object> meta = new LinkedHashMap<>();
        // Set when a built event holds the map: the next change to meta copies it first.
        private boolean metaShared;

        private Builder(Operation op, SourceInfo source) {
            this.op = Objects.requireNonNull(op, "op");
            this.source = Objects.requireNonNull(source, "source");
        }

        public Builder op(Operation op) {
            this.op = Objects.requireNonNull(op, "op");
            return this;
        }

        public Builder source(SourceInfo source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        public Builder key(@Nullable Row key) {
            this.key = key;
            return this;
        }

        public Builder before(@Nullable Row before) {
            this.before = before;
            return this;
        }

        public Builder after(@Nullable Row after) {
            this.after = after;
            return this;
        }

        public Builder ts(@Nullable Instant ts) {
            this.ts = ts;
            return this;
        }

        public Builder position(@Nullable String position) {
            this.position = position;
            return this;
        }

        public Builder tx(@Nullable String tx) {
            this.tx = tx;
            return this;
        }

        /** Adds a meta entry; the value is converted by {@link Values#of(Object)}. */
        public Builder meta(String name, @Nullable Object value) {
            if (metaShared) {
                meta = new LinkedHashMap<>(meta);
                metaShared = false;
            }
            meta.put(Objects.requireNonNull(name, "name"), Values.of(value));
            return this;
        }

        /** Adds all entries of {@code entries} to meta. */
        public Builder meta(Map<String, ?> entries) {
            entries.forEach(this::meta);
            return this;
        }

        /** Adds a meta entry only when none of that name exists yet. */
        public Builder metaIfAbsent(String name, @Nullable Object value) {
            if (!meta.containsKey(name)) {
                meta(name, value);
            }
            return this;
        }

        /** The event. The builder keeps its values and can build again. */
        public ChangeEvent build() {
            metaShared = true;
            return new ChangeEvent(op, source, key, before, after, ts, position, tx, new Values.FrozenMap(meta));
        }
    }
}
