package io.cdcsdk.kafka.connect;

import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.kafka.internal.Coordinates;
import io.cdcsdk.kafka.internal.MessageReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A single message transform that turns a DMS JSON record, a DynamoDB Streams record or any other
 * one-change message the library reads into a Connect record in Debezium's envelope, so that sinks
 * made for Debezium (JDBC, Iceberg, S3, with Debezium's {@code ExtractNewRecordState} or Kafka's
 * {@code ExtractField$Value} on {@code after}) take the data:
 *
 * <pre>{@code
 * value.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * transforms=cdc
 * transforms.cdc.type=io.cdcsdk.kafka.connect.DebeziumEnvelope
 * transforms.cdc.cdc.format=dms-json
 * transforms.cdc.cdc.control=drop
 * }</pre>
 *
 * <p>The value becomes a struct {@code <schema>.<table>.Envelope} with {@code before} and
 * {@code after} (one optional struct schema {@code <schema>.<table>.Value} derived from the values
 * of both images, see below), {@code source} ({@code format}, {@code schema}, {@code table},
 * {@code ts_ms}, {@code ts_ns}, {@code position}, {@code tx}), {@code op} ({@code c} insert,
 * {@code u} update, {@code d} delete, {@code r} snapshot or DMS load), {@code ts_ms}, and, from the
 * ChangeEvent model 1.1, {@code images} (how complete {@code before} and {@code after} are:
 * {@code full}, {@code keys}, {@code partial}, {@code absent}; null when unknown) and
 * {@code unavailable} (the columns whose values the source did not supply, which are left out of
 * the image or null in it: a sink that applies changes keeps the values it holds). An update
 * without a before image has a null {@code before}; a delete has the row DMS gives in
 * {@code before}. Where the event has a key (DynamoDB, or DMS with {@code cdc.table-def}), the key
 * becomes a struct {@code <schema>.<table>.Key}; otherwise the record's key is kept. A sink record
 * that has no position of its own gets one from its offset ({@code RecordCoordinates}).
 *
 * <p>Column types follow the values: text is {@code STRING}, booleans {@code BOOLEAN}, binary
 * {@code BYTES}, numbers {@code INT64} when every value of the column in the record is an integer
 * that fits, else Connect's {@code Decimal} at their largest scale (exact); maps, lists and sets are
 * JSON text ({@code io.debezium.data.Json}); a column null in both images, or of mixed kinds, is a
 * {@code STRING}. The schema of a table can therefore change from record to record, as DMS JSON
 * carries no types; a sink with schema evolution takes that.
 *
 * <p>Control records (DDL) are never turned into rows: with {@code cdc.control=drop} (the default)
 * they are dropped and counted ({@link #droppedControlRecords()}); with
 * {@code cdc.control=schema-change} they pass as a struct {@code io.cdcsdk.connect.SchemaChange}
 * ({@code source}, {@code ts_ms}, {@code operation} such as {@code create-table}, and
 * {@code table_def}, DMS's table definition as JSON). A tombstone passes unchanged. A message that
 * cannot be read fails the task with a {@link DataException} naming topic, partition and offset
 * under {@code cdc.on-error=fail}, and is dropped and counted ({@link #skipped()}) under
 * {@code skip}; a message of several changes always fails (use one record per change).
 *
 * @param <R> the record type
 */
@SuppressWarnings("exports") // connect-api is the Connect worker's, required static: this package is for Connect only
public final class DebeziumEnvelope<R extends ConnectRecord<R>> implements Transformation<R> {
    /** The control-record property: {@code drop} or {@code schema-change}. */
    public static final String CONTROL_CONFIG = "cdc.control";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(MessageReader.FORMAT, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                    "the format of the values, an adapter name such as dms-json; detected when absent")
            .define(MessageReader.TABLE_DEF, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "a DMS table-definitions file: key columns")
            .define(MessageReader.ON_ERROR, ConfigDef.Type.STRING, "fail", ConfigDef.ValidString.in("fail", "skip"),
                    ConfigDef.Importance.MEDIUM, "fail: a message that cannot be read fails the task; skip: it is dropped and counted")
            .define(CONTROL_CONFIG, ConfigDef.Type.STRING, "drop", ConfigDef.ValidString.in("drop", "schema-change"),
                    ConfigDef.Importance.MEDIUM, "drop: control records are dropped and counted; schema-change: they pass as schema-change records");

    private static final Schema SOURCE = SchemaBuilder.struct().name("io.cdcsdk.connect.Source")
            .field("format", Schema.STRING_SCHEMA)
            .field("schema", Schema.OPTIONAL_STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("position", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tx", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema IMAGES = SchemaBuilder.struct().name("io.cdcsdk.connect.Images").optional()
            .field("before", Schema.OPTIONAL_STRING_SCHEMA)
            .field("after", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema UNAVAILABLE = SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build();
    private static final Schema SCHEMA_CHANGE = SchemaBuilder.struct().name("io.cdcsdk.connect.SchemaChange")
            .field("source", SOURCE)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("operation", Schema.OPTIONAL_STRING_SCHEMA)
            .field("table_def", SchemaBuilder.string().name(ConnectValues.JSON).optional().build())
            .build();

    private MessageReader reader = MessageReader.configure(Map.of(), e -> { });
    private boolean passControl;
    private final LongAdder dropped = new LongAdder();

    /** A transform with the default configuration until {@link #configure} is called. */
    public DebeziumEnvelope() {
    }

    /**
     * Reads {@code cdc.format}, {@code cdc.table-def}, {@code cdc.on-error} and {@value #CONTROL_CONFIG}.
     *
     * @throws ConfigException when a value is not one the property takes
     */
    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> parsed = CONFIG.parse(configs);
        reader = MessageReader.configure(parsed, e -> { });
        passControl = "schema-change".equals(String.valueOf(parsed.get(CONTROL_CONFIG)).toLowerCase(Locale.ROOT));
    }

    /** {@return the definition of the properties} */
    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    /** {@return how many control records were dropped} */
    public long droppedControlRecords() {
        return dropped.sum();
    }

    /** {@return how many messages were dropped as unreadable under {@code cdc.on-error=skip}} */
    public long skipped() {
        return reader.skipped();
    }

    /**
     * {@return the record in Debezium's envelope, the schema-change record of a control record, or
     * {@code null} (dropped)}
     *
     * @throws DataException when the value is not bytes or text, cannot be read under {@code fail},
     *                       or holds several changes
     */
    @Override
    public @Nullable R apply(R record) {
        if (record.value() == null) {
            return record;
        }
        ChangeEvent event = read(record);
        if (event == null) {
            return null;
        }
        if (event.op() == Operation.DDL) {
            if (!passControl) {
                dropped.increment();
                return null;
            }
            Struct change = new Struct(SCHEMA_CHANGE)
                    .put("source", source(event))
                    .put("ts_ms", event.ts() == null ? null : event.ts().toEpochMilli())
                    .put("operation", event.meta().get("controlOperation") instanceof String s ? s : null)
                    .put("table_def", event.meta().get("tableDef") == null ? null : ConnectValues.json(event.meta().get("tableDef")));
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    SCHEMA_CHANGE, change, record.timestamp());
        }
        String name = event.source().schema() == null ? event.source().table() : event.source().qualifiedTable();
        List<Row> rows = new ArrayList<>(2);
        if (event.before() != null) {
            rows.add(event.before());
        }
        if (event.after() != null) {
            rows.add(event.after());
        }
        Schema value = ConnectValues.schema(name + ".Value", rows);
        Schema envelope = SchemaBuilder.struct().name(name + ".Envelope")
                .field("before", value)
                .field("after", value)
                .field("source", SOURCE)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("images", IMAGES)
                .field("unavailable", UNAVAILABLE)
                .build();
        Images images = event.images();
        Struct out = new Struct(envelope)
                .put("before", ConnectValues.struct(value, event.before()))
                .put("after", ConnectValues.struct(value, event.after()))
                .put("source", source(event))
                .put("op", op(event.op()))
                .put("ts_ms", event.ts() == null ? null : event.ts().toEpochMilli())
                .put("images", images.isUnknown() ? null : new Struct(IMAGES)
                        .put("before", images.before() == null ? null : images.before().wireName())
                        .put("after", images.after() == null ? null : images.after().wireName()))
                .put("unavailable", event.unavailable().isEmpty() ? null : List.copyOf(event.unavailable()));
        Schema keySchema = record.keySchema();
        Object key = record.key();
        if (event.key() != null) {
            keySchema = ConnectValues.schema(name + ".Key", List.of(event.key()));
            key = ConnectValues.struct(keySchema, event.key());
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key, envelope, out, record.timestamp());
    }

    private @Nullable ChangeEvent read(R record) {
        ByteBuffer bytes;
        if (record.value() instanceof byte[] b) {
            bytes = ByteBuffer.wrap(b);
        } else if (record.value() instanceof ByteBuffer b) {
            bytes = b;
        } else if (record.value() instanceof String s) {
            bytes = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        } else {
            throw new DataException(getClass().getName() + " takes values of bytes or text (ByteArrayConverter or "
                    + "StringConverter), not " + record.value().getClass().getName());
        }
        List<ChangeEvent> events;
        try {
            events = reader.read(record.topic(), bytes);
        } catch (CdcException e) {
            throw new DataException("cannot read a change event from " + where(record) + ": " + e.getMessage(), e);
        }
        if (events.size() > 1) {
            throw new DataException(where(record) + " holds " + events.size() + " change events; "
                    + getClass().getName() + " takes records of one change each");
        }
        if (events.isEmpty()) {
            return null;
        }
        ChangeEvent event = events.get(0);
        return record instanceof SinkRecord sink && sink.kafkaPartition() != null
                ? Coordinates.locate(event, sink.topic(), sink.kafkaPartition(), sink.kafkaOffset(), -1)
                : event;
    }

    private static String where(ConnectRecord<?> record) {
        return "topic " + record.topic() + " partition " + record.kafkaPartition()
                + (record instanceof SinkRecord sink ? " offset " + sink.kafkaOffset() : "");
    }

    private static Struct source(ChangeEvent event) {
        Instant ts = event.ts();
        return new Struct(SOURCE)
                .put("format", event.source().format())
                .put("schema", event.source().schema())
                .put("table", event.source().table())
                .put("ts_ms", ts == null ? null : ts.toEpochMilli())
                .put("ts_ns", ts == null ? null : Math.addExact(Math.multiplyExact(ts.getEpochSecond(), 1_000_000_000L), ts.getNano()))
                .put("position", event.position())
                .put("tx", event.tx());
    }

    private static String op(Operation op) {
        return switch (op) {
            case INSERT -> "c";
            case UPDATE -> "u";
            case DELETE -> "d";
            case SNAPSHOT -> "r";
            case DDL -> throw new IllegalArgumentException("a control record has no row operation");
        };
    }

    @Override
    public void close() {
    }
}
