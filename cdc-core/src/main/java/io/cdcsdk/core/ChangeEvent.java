package io.cdcsdk.core;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One normalized change, whatever format it was read from. Immutable.
 *
 * <p>The components follow the ChangeEvent JSON form: {@code op}, {@code source}, {@code key},
 * {@code before}, {@code after}, {@code ts}, {@code position}, {@code tx}, {@code meta}, and the
 * optional {@code images} and {@code unavailable} of its version 1.1.
 *
 * <p>A column whose value the source did not supply (a DMS {@code CsvNoSupValue} marker, a TOAST
 * or LOB column an update did not log) is not in the image as {@code null}: it is left out and
 * named in {@link #unavailable()}, so a consumer that applies changes keeps the value it holds.
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
 * @param images      how complete {@code before} and {@code after} are; {@link Images#UNKNOWN}
 *                    when the source does not say
 * @param unavailable the columns of {@code after} (of {@code before} for a delete) whose values the
 *                    source did not supply; never in that image; empty when none
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
        Map<String, Object> meta,
        Images images,
        Set<String> unavailable) {

    /** Meta entry: the name of the input the event was read from. */
    public static final String META_FILE = "file";
    /** Meta entry: the 1-based line the event's record starts on (line-oriented inputs). */
    public static final String META_LINE = "line";
    /** Meta entry: the 1-based ordinal of the event's record in its input. */
    public static final String META_RECORD = "record";
    /**
     * Meta entry: the kind of Lambda event the event's record came in: {@code kinesis},
     * {@code dynamodb}, {@code sqs}, {@code kafka}, {@code firehose}, {@code eventbridge-pipes} or
     * {@code s3}. Absent for an input that is not a Lambda event.
     */
    public static final String META_ENVELOPE = "envelope";
    /**
     * Meta entry: the identity of the item of the Lambda event the event's record came in, as a
     * string: the Kinesis or DynamoDB sequence number, the SQS {@code messageId}, the Firehose
     * {@code recordId}, or the Kafka {@code topic-partition@offset}. A partial batch response or a
     * Firehose transformation response answers for the item by it; {@link #position()} stays the
     * payload's own position.
     */
    public static final String META_ENVELOPE_ID = "envelopeId";

    /**
     * Checks the required components and freezes {@code meta}: its values are converted by
     * {@link Values#of(Object)} into an unmodifiable map. Rows are immutable already and are kept
     * as given.
     *
     * @param op       what happened; not {@code null}
     * @param source   the adapter, schema and table; not {@code null}
     * @param key      primary-key columns, or {@code null}
     * @param before   the row before the change, or {@code null}
     * @param after    the row after the change, or {@code null}
     * @param ts       when the change happened at the source, or {@code null}
     * @param position the source's ordering token, or {@code null}
     * @param tx       the transaction id, or {@code null}
     * @param meta     format-specific extras; {@code null} means none
     * @param images      how complete the images are; {@code null} means {@link Images#UNKNOWN}
     * @param unavailable the columns the source did not supply; {@code null} means none; kept in
     *                    its iteration order
     * @throws IllegalArgumentException when a meta key is not a string or a meta value is outside
     *                                  the {@link Values} model; when a column listed as unavailable
     *                                  is in the image it belongs to ({@code after}, or
     *                                  {@code before} for a delete), or that image is said to be
     *                                  {@link Completeness#FULL}
     */
    public ChangeEvent {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(source, "source");
        meta = meta == null ? Values.map(Map.of()) : Values.map(meta);
        images = images == null ? Images.UNKNOWN : images;
        unavailable = unavailable == null || unavailable.isEmpty() ? Set.of() : frozen(unavailable);
        if (!unavailable.isEmpty()) {
            Row image = op == Operation.DELETE ? before : after;
            Completeness completeness = op == Operation.DELETE ? images.before() : images.after();
            if (completeness == Completeness.FULL) {
                throw new IllegalArgumentException("an image said to be full has unavailable columns");
            }
            if (image != null) {
                for (String column : unavailable) {
                    if (image.has(column)) {
                        throw new IllegalArgumentException("column " + column
                                + " is listed as unavailable and is in the image");
                    }
                }
            }
        }
    }

    /**
     * An event whose images are {@link Images#UNKNOWN} and that has no unavailable columns, as
     * events of the JSON form's version 1.0.
     *
     * @param op       what happened; not {@code null}
     * @param source   the adapter, schema and table; not {@code null}
     * @param key      primary-key columns, or {@code null}
     * @param before   the row before the change, or {@code null}
     * @param after    the row after the change, or {@code null}
     * @param ts       when the change happened at the source, or {@code null}
     * @param position the source's ordering token, or {@code null}
     * @param tx       the transaction id, or {@code null}
     * @param meta     format-specific extras; {@code null} means none
     * @throws IllegalArgumentException when a meta key is not a string or a meta value is outside
     *                                  the {@link Values} model
     */
    public ChangeEvent(Operation op, SourceInfo source, @Nullable Row key, @Nullable Row before,
            @Nullable Row after, @Nullable Instant ts, @Nullable String position, @Nullable String tx,
            Map<String, Object> meta) {
        this(op, source, key, before, after, ts, position, tx, meta, Images.UNKNOWN, Set.of());
    }

    private static Set<String> frozen(Set<String> columns) {
        LinkedHashSet<String> copy = new LinkedHashSet<>(columns.size() * 2);
        for (String column : columns) {
            copy.add(Objects.requireNonNull(column, "unavailable column"));
        }
        return Collections.unmodifiableSet(copy);
    }

    /**
     * {@return a builder for an event of the given operation and source} Every other component
     * starts as {@code null}, meta as empty.
     *
     * @param op     what happened; not {@code null}
     * @param source the adapter, schema and table; not {@code null}
     */
    public static Builder builder(Operation op, SourceInfo source) {
        return new Builder(op, source);
    }

    /**
     * {@return a builder holding this event's components, to make a changed copy} This event does
     * not change.
     */
    public Builder toBuilder() {
        Builder b = new Builder(op, source);
        b.key = key;
        b.before = before;
        b.after = after;
        b.ts = ts;
        b.position = position;
        b.tx = tx;
        b.meta.putAll(meta);
        b.images = images;
        b.unavailable = unavailable;
        return b;
    }

    /**
     * The after image bound to {@code type} with the default {@link RowBinder}.
     *
     * @param <T>  the type to bind to
     * @param type a record or POJO class whose properties are named as the columns
     * @return the bound object, or {@code null} when the event has no after image
     * @throws RowBindingException when a column does not fit its property
     */
    public <T> @Nullable T after(Class<T> type) {
        return after == null ? null : RowBinder.defaults().bind(after, type);
    }

    /**
     * The after image bound to {@code type} with the given binder (for example
     * {@link RowBinder#snakeCase()}).
     *
     * @param <T>    the type to bind to
     * @param type   a record or POJO class
     * @param binder how columns map to properties
     * @return the bound object, or {@code null} when the event has no after image
     * @throws RowBindingException when a column does not fit its property
     */
    public <T> @Nullable T after(Class<T> type, RowBinder binder) {
        return after == null ? null : binder.bind(after, type);
    }

    /**
     * The before image bound to {@code type} with the default {@link RowBinder}.
     *
     * @param <T>  the type to bind to
     * @param type a record or POJO class whose properties are named as the columns
     * @return the bound object, or {@code null} when the event has no before image
     * @throws RowBindingException when a column does not fit its property
     */
    public <T> @Nullable T before(Class<T> type) {
        return before == null ? null : RowBinder.defaults().bind(before, type);
    }

    /**
     * The before image bound to {@code type} with the given binder.
     *
     * @param <T>    the type to bind to
     * @param type   a record or POJO class
     * @param binder how columns map to properties
     * @return the bound object, or {@code null} when the event has no before image
     * @throws RowBindingException when a column does not fit its property
     */
    public <T> @Nullable T before(Class<T> type, RowBinder binder) {
        return before == null ? null : binder.bind(before, type);
    }

    /**
     * The key columns bound to {@code type} with the default {@link RowBinder}.
     *
     * @param <T>  the type to bind to
     * @param type a record or POJO class whose properties are named as the key columns
     * @return the bound object, or {@code null} when the key is unknown
     * @throws RowBindingException when a column does not fit its property
     */
    public <T> @Nullable T key(Class<T> type) {
        return key == null ? null : RowBinder.defaults().bind(key, type);
    }

    /**
     * {@return the row that describes the event's current state: {@code after} when present, else
     * {@code before} (deletes)} May be {@code null} for key-only events and DDL.
     */
    public @Nullable Row row() {
        return after != null ? after : before;
    }

    /**
     * {@return where the event was read from, made from its {@code file}, {@code line} and
     * {@code record} meta entries} The source name is empty when unknown; the line and the record
     * are {@code -1} when unknown, and the byte offset is always {@code -1}.
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

    /**
     * Builds a {@link ChangeEvent}; every setter may be called in any order, and a later call
     * replaces an earlier one. Not thread-safe.
     */
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
        private Images images = Images.UNKNOWN;
        private Set<String> unavailable = Set.of();
        // Set when a built event holds the map: the next change to meta copies it first.
        private boolean metaShared;

        private Builder(Operation op, SourceInfo source) {
            this.op = Objects.requireNonNull(op, "op");
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * Sets the operation.
         *
         * @param op what happened; not {@code null}
         * @return this builder
         */
        public Builder op(Operation op) {
            this.op = Objects.requireNonNull(op, "op");
            return this;
        }

        /**
         * Sets the adapter, schema and table.
         *
         * @param source where the change happened; not {@code null}
         * @return this builder
         */
        public Builder source(SourceInfo source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Sets the primary-key columns.
         *
         * @param key the key, or {@code null} when unknown
         * @return this builder
         */
        public Builder key(@Nullable Row key) {
            this.key = key;
            return this;
        }

        /**
         * Sets the row before the change.
         *
         * @param before the old image, or {@code null} when the source gives none
         * @return this builder
         */
        public Builder before(@Nullable Row before) {
            this.before = before;
            return this;
        }

        /**
         * Sets the row after the change.
         *
         * @param after the new image, or {@code null} (deletes)
         * @return this builder
         */
        public Builder after(@Nullable Row after) {
            this.after = after;
            return this;
        }

        /**
         * Sets when the change happened at the source.
         *
         * @param ts the source's timestamp at its full precision, or {@code null} when unknown
         * @return this builder
         */
        public Builder ts(@Nullable Instant ts) {
            this.ts = ts;
            return this;
        }

        /**
         * Sets the source's ordering token.
         *
         * @param position for example a DynamoDB SequenceNumber or a DMS stream position, or
         *                 {@code null}
         * @return this builder
         */
        public Builder position(@Nullable String position) {
            this.position = position;
            return this;
        }

        /**
         * Sets the transaction id.
         *
         * @param tx the id, or {@code null} when the source gives none
         * @return this builder
         */
        public Builder tx(@Nullable String tx) {
            this.tx = tx;
            return this;
        }

        /**
         * Adds a meta entry, or replaces the one of that name.
         *
         * @param name  the entry's name; not {@code null}
         * @param value the value, converted by {@link Values#of(Object)}; may be {@code null}
         * @return this builder
         * @throws IllegalArgumentException when the value is outside the {@link Values} model
         */
        public Builder meta(String name, @Nullable Object value) {
            if (metaShared) {
                meta = new LinkedHashMap<>(meta);
                metaShared = false;
            }
            meta.put(Objects.requireNonNull(name, "name"), Values.of(value));
            return this;
        }

        /**
         * Adds all entries of {@code entries} to meta, as {@link #meta(String, Object)} does one.
         *
         * @param entries names and values; not {@code null}
         * @return this builder
         * @throws IllegalArgumentException when a value is outside the {@link Values} model
         */
        public Builder meta(Map<String, ?> entries) {
            entries.forEach(this::meta);
            return this;
        }

        /**
         * Adds a meta entry only when none of that name exists yet; an existing one, even with a
         * {@code null} value, is kept.
         *
         * @param name  the entry's name
         * @param value the value, converted by {@link Values#of(Object)}; may be {@code null}
         * @return this builder
         * @throws IllegalArgumentException when the entry is added and its value is outside the
         *                                  {@link Values} model
         */
        public Builder metaIfAbsent(String name, @Nullable Object value) {
            if (!meta.containsKey(name)) {
                meta(name, value);
            }
            return this;
        }

        /**
         * Sets how complete the before and after images are.
         *
         * @param images what the source says of each image; {@code null} means
         *               {@link Images#UNKNOWN}
         * @return this builder
         */
        public Builder images(@Nullable Images images) {
            this.images = images == null ? Images.UNKNOWN : images;
            return this;
        }

        /**
         * Sets the columns whose values the source did not supply; they must not be in the image
         * they belong to ({@code after}, or {@code before} for a delete).
         *
         * @param columns the column names, in the order to keep; {@code null} or empty means none
         * @return this builder
         */
        public Builder unavailable(@Nullable Collection<String> columns) {
            this.unavailable = columns == null || columns.isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(new LinkedHashSet<>(columns));
            return this;
        }

        /**
         * {@return the event} The builder keeps its values and can build again; later changes to
         * it do not reach events already built.
         *
         * @throws IllegalArgumentException when a column listed as unavailable is in its image, or
         *                                  that image is said to be {@link Completeness#FULL}
         */
        public ChangeEvent build() {
            metaShared = true;
            return new ChangeEvent(op, source, key, before, after, ts, position, tx, new Values.FrozenMap(meta),
                    images, unavailable);
        }
    }
}
