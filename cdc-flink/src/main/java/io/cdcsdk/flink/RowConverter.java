package io.cdcsdk.flink;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.types.RowKind;

/**
 * One event as one Flink SQL row of the declared columns, then the metadata asked for. Row kinds:
 * insert and snapshot give {@code +I}, update {@code +U}, delete {@code -D} (from the before image,
 * or from the key with the other columns null). A DDL event gives no row ({@code cdc.ddl = skip})
 * or fails ({@code fail}). A column the source did not supply ({@link ChangeEvent#unavailable()})
 * is null in the row; the {@code unavailable} metadata names such columns. A value that does not fit its column's type is an
 * {@link ChangeReadException} naming the column and the position, never the value.
 */
final class RowConverter implements EventMapper<RowData> {
    private static final long serialVersionUID = 1L;

    /** The readable metadata: key and type. */
    static final Map<String, DataType> METADATA = metadata();

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter();

    private final List<String> names;
    private final List<LogicalType> types;
    private final List<String> metadataKeys;
    private final boolean failOnDdl;

    RowConverter(RowType physical, List<String> metadataKeys, boolean failOnDdl) {
        this.names = List.copyOf(physical.getFieldNames());
        this.types = List.copyOf(physical.getChildren());
        this.metadataKeys = List.copyOf(metadataKeys);
        this.failOnDdl = failOnDdl;
    }

    private static Map<String, DataType> metadata() {
        Map<String, DataType> m = new LinkedHashMap<>();
        m.put("operation", DataTypes.STRING().notNull());
        m.put("schema", DataTypes.STRING());
        m.put("table", DataTypes.STRING());
        m.put("ts", DataTypes.TIMESTAMP_LTZ(9));
        m.put("position", DataTypes.STRING());
        m.put("tx", DataTypes.STRING());
        m.put("source-format", DataTypes.STRING().notNull());
        m.put("before-image", DataTypes.STRING());
        m.put("after-image", DataTypes.STRING());
        m.put("unavailable", DataTypes.ARRAY(DataTypes.STRING().notNull()).notNull());
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public RowData map(ChangeEvent event, Position position) {
        RowKind kind;
        Row image;
        Row key = event.key();
        switch (event.op()) {
            case INSERT, SNAPSHOT -> {
                kind = RowKind.INSERT;
                image = event.after();
            }
            case UPDATE -> {
                kind = RowKind.UPDATE_AFTER;
                image = event.after();
            }
            case DELETE -> {
                kind = RowKind.DELETE;
                image = event.before() != null ? event.before() : key;
            }
            default -> {
                if (failOnDdl) {
                    throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position,
                            "a DDL event of table " + event.source().qualifiedTable() + " (cdc.ddl = fail)");
                }
                return null;
            }
        }
        GenericRowData row = new GenericRowData(kind, names.size() + metadataKeys.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Object value = image != null && image.has(name) ? image.get(name) : key != null ? key.get(name) : null;
            row.setField(i, convert(value, types.get(i), name, position));
        }
        for (int i = 0; i < metadataKeys.size(); i++) {
            row.setField(names.size() + i, metadata(metadataKeys.get(i), event));
        }
        return row;
    }

    private static Object metadata(String key, ChangeEvent event) {
        return switch (key) {
            case "operation" -> StringData.fromString(event.op().wireName());
            case "schema" -> string(event.source().schema());
            case "table" -> string(event.source().table());
            case "ts" -> event.ts() == null ? null : TimestampData.fromInstant(event.ts());
            case "position" -> string(event.position());
            case "tx" -> string(event.tx());
            case "source-format" -> StringData.fromString(event.source().format());
            case "before-image" -> event.images().before() == null ? null : StringData.fromString(event.images().before().wireName());
            case "after-image" -> event.images().after() == null ? null : StringData.fromString(event.images().after().wireName());
            case "unavailable" -> new GenericArrayData(event.unavailable().stream().map(StringData::fromString).toArray());
            default -> throw new IllegalStateException("unknown metadata key " + key);
        };
    }

    private static StringData string(String s) {
        return s == null ? null : StringData.fromString(s);
    }

    static Object convert(Object value, LogicalType type, String column, Position position) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type.getTypeRoot()) {
                case CHAR, VARCHAR -> value instanceof String || value instanceof BigDecimal || value instanceof Boolean
                        ? StringData.fromString(value instanceof BigDecimal d ? d.toPlainString() : value.toString())
                        : misfit(value, type, column, position);
                case BOOLEAN -> value instanceof Boolean b ? b : bool(value, type, column, position);
                case TINYINT -> decimal(value, type, column, position).byteValueExact();
                case SMALLINT -> decimal(value, type, column, position).shortValueExact();
                case INTEGER -> decimal(value, type, column, position).intValueExact();
                case BIGINT -> decimal(value, type, column, position).longValueExact();
                case FLOAT -> decimal(value, type, column, position).floatValue();
                case DOUBLE -> decimal(value, type, column, position).doubleValue();
                case DECIMAL -> decimalData(decimal(value, type, column, position), (DecimalType) type, column, position);
                case DATE -> (int) LocalDate.parse(text(value, type, column, position)).toEpochDay();
                case TIME_WITHOUT_TIME_ZONE -> (int) (LocalTime.parse(text(value, type, column, position)).toNanoOfDay() / 1_000_000);
                case TIMESTAMP_WITHOUT_TIME_ZONE -> TimestampData.fromLocalDateTime(localDateTime(text(value, type, column, position)));
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> TimestampData.fromInstant(instant(text(value, type, column, position)));
                case BINARY, VARBINARY -> value instanceof Bytes b ? b.toByteArray() : misfit(value, type, column, position);
                case ARRAY -> value instanceof Collection<?> c ? array(c, ((ArrayType) type).getElementType(), column, position)
                        : misfit(value, type, column, position);
                case MULTISET -> value instanceof Collection<?> c ? multiset(c, ((MultisetType) type).getElementType(), column, position)
                        : misfit(value, type, column, position);
                case MAP -> value instanceof Map<?, ?> m ? map(m, (MapType) type, column, position) : misfit(value, type, column, position);
                case ROW -> value instanceof Map<?, ?> m ? row(m, (RowType) type, column, position) : misfit(value, type, column, position);
                default -> throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, position,
                        "column " + column + " is declared " + type.asSummaryString() + ", which the cdc format does not fill");
            };
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw ChangeReadException.unexpectedType(position, column, type.asSummaryString(), Values.kind(value) + " that does not fit");
        }
    }

    private static Object misfit(Object value, LogicalType type, String column, Position position) {
        throw ChangeReadException.unexpectedType(position, column, type.asSummaryString(), Values.kind(value));
    }

    private static Boolean bool(Object value, LogicalType type, String column, Position position) {
        String s = text(value, type, column, position).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "t", "1", "y", "yes" -> Boolean.TRUE;
            case "false", "f", "0", "n", "no" -> Boolean.FALSE;
            default -> (Boolean) misfit(value, type, column, position);
        };
    }

    private static String text(Object value, LogicalType type, String column, Position position) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return (String) misfit(value, type, column, position);
    }

    /** Numbers exactly: a BigDecimal as it is, text (DMS CSV) parsed without going through double. */
    private static BigDecimal decimal(Object value, LogicalType type, String column, Position position) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof String s) {
            return new BigDecimal(s.trim());
        }
        return (BigDecimal) misfit(value, type, column, position);
    }

    private static DecimalData decimalData(BigDecimal value, DecimalType type, String column, Position position) {
        BigDecimal scaled = value.setScale(type.getScale(), java.math.RoundingMode.UNNECESSARY);
        if (scaled.precision() > type.getPrecision()) {
            throw ChangeReadException.unexpectedType(position, column, type.asSummaryString(), "number of more digits");
        }
        return DecimalData.fromBigDecimal(scaled, type.getPrecision(), type.getScale());
    }

    private static LocalDateTime localDateTime(String s) {
        var parsed = DATE_TIME.parse(s.trim());
        LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed), LocalTime.from(parsed));
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)))
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return local;
    }

    /** A timestamp with an offset at that offset; one without (DMS CSV) as UTC. */
    private static Instant instant(String s) {
        return localDateTime(s).toInstant(ZoneOffset.UTC);
    }

    private static GenericArrayData array(Collection<?> values, LogicalType element, String column, Position position) {
        Object[] out = new Object[values.size()];
        int i = 0;
        for (Object v : values) {
            out[i] = convert(v, element, column + "[" + i + "]", position);
            i++;
        }
        return new GenericArrayData(out);
    }

    private static GenericMapData multiset(Collection<?> values, LogicalType element, String column, Position position) {
        Map<Object, Object> counts = new LinkedHashMap<>();
        for (Object v : values) {
            counts.merge(convert(v, element, column, position), 1, (a, b) -> (Integer) a + (Integer) b);
        }
        return new GenericMapData(counts);
    }

    private static GenericMapData map(Map<?, ?> values, MapType type, String column, Position position) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String name = column + "." + e.getKey();
            out.put(convert(e.getKey(), type.getKeyType(), name, position), convert(e.getValue(), type.getValueType(), name, position));
        }
        return new GenericMapData(out);
    }

    private static GenericRowData row(Map<?, ?> values, RowType type, String column, Position position) {
        GenericRowData out = new GenericRowData(type.getFieldCount());
        for (int i = 0; i < type.getFieldCount(); i++) {
            String field = type.getFieldNames().get(i);
            out.setField(i, convert(values.get(field), type.getTypeAt(i), column + "." + field, position));
        }
        return out;
    }
}
