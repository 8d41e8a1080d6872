package io.cdcsdk.dms.internal;

import io.cdcsdk.core.Bytes;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * How the fast path reads one top-level primitive column: the converter that gives the model value
 * the Avro path gives, and the Avro field the Avro path would read the column as, which must agree.
 * The temporal values come from Avro's own conversions, so that their text is the Avro path's.
 */
final class FlatColumn {
    private static final TimeConversions.DateConversion DATE = new TimeConversions.DateConversion();
    private static final TimeConversions.TimeMillisConversion TIME_MILLIS = new TimeConversions.TimeMillisConversion();
    private static final TimeConversions.TimeMicrosConversion TIME_MICROS = new TimeConversions.TimeMicrosConversion();
    private static final TimeConversions.TimestampMillisConversion TIMESTAMP_MILLIS =
            new TimeConversions.TimestampMillisConversion();
    private static final TimeConversions.TimestampMicrosConversion TIMESTAMP_MICROS =
            new TimeConversions.TimestampMicrosConversion();
    private static final TimeConversions.LocalTimestampMillisConversion LOCAL_TIMESTAMP_MILLIS =
            new TimeConversions.LocalTimestampMillisConversion();
    private static final TimeConversions.LocalTimestampMicrosConversion LOCAL_TIMESTAMP_MICROS =
            new TimeConversions.LocalTimestampMicrosConversion();

    /** Creates the converter of the column at {@code index} of a row. */
    private interface ConverterFactory {
        PrimitiveConverter create(RowMaterializer rows, int index);
    }

    private final Schema.Type avroType;
    private final String logicalType;
    private final int scale;
    private final ConverterFactory factory;

    private FlatColumn(Schema.Type avroType, String logicalType, int scale, ConverterFactory factory) {
        this.avroType = avroType;
        this.logicalType = logicalType;
        this.scale = scale;
        this.factory = factory;
    }

    /**
     * The columns of {@code schema} when every top-level column is one the fast path reads exactly
     * as the Avro path does, else null.
     *
     * @param keyValueMetadata the file's key-value metadata, where an Avro writer left its schema
     */
    static List<FlatColumn> plan(MessageType schema, Map<String, String> keyValueMetadata) {
        List<Type> fields = schema.getFields();
        List<FlatColumn> columns = new ArrayList<>(fields.size());
        for (Type field : fields) {
            FlatColumn column = of(field);
            if (column == null) {
                return null;
            }
            columns.add(column);
        }
        Schema avro = avroReadSchema(schema, keyValueMetadata);
        if (columns.isEmpty() || avro == null || avro.getType() != Schema.Type.RECORD
                || avro.getFields().size() != fields.size()) {
            return null;
        }
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field field = avro.getFields().get(i);
            if (!field.name().equals(fields.get(i).getName()) || !columns.get(i).agreesWith(field.schema())) {
                return null;
            }
        }
        return columns;
    }

    /**
     * The Avro schema the Avro path reads the file with (the writer's, else one converted from the
     * Parquet schema), or null when it has none: then the Avro path fails as it always did.
     */
    private static Schema avroReadSchema(MessageType schema, Map<String, String> keyValueMetadata) {
        try {
            String json = keyValueMetadata.get("parquet.avro.schema");
            if (json == null) {
                json = keyValueMetadata.get("avro.schema");
            }
            return json != null ? new Schema.Parser().parse(json)
                    : new AvroSchemaConverter(AvroRows.configuration()).convert(schema);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether the Avro path reads this column as a field of {@code schema}, so that the values agree. */
    private boolean agreesWith(Schema schema) {
        Schema s = AvroSchemaConverter.getNonNull(schema);
        boolean type = s.getType() == avroType || avroType == Schema.Type.STRING && s.getType() == Schema.Type.ENUM;
        LogicalType l = s.getLogicalType();
        if (logicalType == null || l == null) {
            return type && logicalType == null && l == null;
        }
        return type && l.getName().equals(logicalType)
                && (!(l instanceof LogicalTypes.Decimal d) || d.getScale() == scale);
    }

    PrimitiveConverter converter(RowMaterializer rows, int index) {
        return factory.create(rows, index);
    }

    /** The fast path's reading of {@code type}, or null when it leaves the column to the Avro path. */
    static FlatColumn of(Type type) {
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            return null;
        }
        PrimitiveType p = type.asPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> a == null ? new FlatColumn(Schema.Type.BOOLEAN, null, 0, ValueConverters.BooleanSlot::new) : null;
            case INT32 -> int32(a);
            case INT64 -> int64(a);
            case INT96 -> a == null ? binary(Schema.Type.FIXED, FlatColumn::bytes) : null;
            case FLOAT -> a == null ? new FlatColumn(Schema.Type.FLOAT, null, 0, ValueConverters.FloatSlot::new) : null;
            case DOUBLE -> a == null ? new FlatColumn(Schema.Type.DOUBLE, null, 0, ValueConverters.DoubleSlot::new) : null;
            case BINARY -> binary(a, Schema.Type.BYTES);
            case FIXED_LEN_BYTE_ARRAY -> binary(a, Schema.Type.FIXED);
        };
    }

    private static FlatColumn int32(LogicalTypeAnnotation a) {
        if (a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()) {
            return ints(null, BigDecimal::valueOf);
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
            return ints(null, ModelValues::unsigned);
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            // Avro's decimal is for bytes and fixed only: parquet-avro scales int decimals itself
            int scale = d.getScale();
            return ints(null, v -> BigDecimal.valueOf(v, scale));
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return ints("date", v -> DATE.fromInt(v, null, null).toString());
        }
        if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t && t.getUnit() == TimeUnit.MILLIS) {
            return ints("time-millis", v -> TIME_MILLIS.fromInt(v, null, null).toString());
        }
        return null;
    }

    private static FlatColumn int64(LogicalTypeAnnotation a) {
        if (a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()) {
            return longs(null, BigDecimal::valueOf);
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
            return longs(null, ModelValues::unsigned);
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return longs(null, v -> BigDecimal.valueOf(v, scale));
        }
        if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
            return switch (t.getUnit()) {
                case MILLIS -> null;
                case MICROS -> longs("time-micros", v -> TIME_MICROS.fromLong(v, null, null).toString());
                case NANOS -> longs(null, BigDecimal::valueOf); // parquet-avro has no Avro type for it
            };
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
            boolean utc = t.isAdjustedToUTC();
            return switch (t.getUnit()) {
                case MILLIS -> utc ? longs("timestamp-millis", v -> TIMESTAMP_MILLIS.fromLong(v, null, null).toString())
                        : longs("local-timestamp-millis", v -> LOCAL_TIMESTAMP_MILLIS.fromLong(v, null, null).toString());
                case MICROS -> utc ? longs("timestamp-micros", v -> TIMESTAMP_MICROS.fromLong(v, null, null).toString())
                        : longs("local-timestamp-micros", v -> LOCAL_TIMESTAMP_MICROS.fromLong(v, null, null).toString());
                case NANOS -> longs(null, BigDecimal::valueOf); // parquet-avro has no Avro type for it
            };
        }
        return null;
    }

    /** BINARY ({@code avroType} BYTES) or FIXED_LEN_BYTE_ARRAY ({@code avroType} FIXED). */
    private static FlatColumn binary(LogicalTypeAnnotation a, Schema.Type avroType) {
        if (a == null) {
            return binary(avroType, FlatColumn::bytes);
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return new FlatColumn(avroType, "decimal", scale,
                    (rows, i) -> new ValueConverters.BinarySlot(rows, i, b -> decimal(b, scale)));
        }
        if (avroType == Schema.Type.BYTES && (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation)) {
            return binary(Schema.Type.STRING, FlatColumn::utf8);
        }
        if (avroType == Schema.Type.BYTES && a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
            return binary(Schema.Type.BYTES, FlatColumn::bytes); // parquet-avro reads JSON as bytes
        }
        return null;
    }

    private static FlatColumn ints(String logicalType, IntFunction<Object> conversion) {
        return new FlatColumn(Schema.Type.INT, logicalType, 0,
                (rows, i) -> new ValueConverters.IntSlot(rows, i, conversion));
    }

    private static FlatColumn longs(String logicalType, LongFunction<Object> conversion) {
        return new FlatColumn(Schema.Type.LONG, logicalType, 0,
                (rows, i) -> new ValueConverters.LongSlot(rows, i, conversion));
    }

    private static FlatColumn binary(Schema.Type avroType, Function<Binary, Object> conversion) {
        return new FlatColumn(avroType, null, 0, (rows, i) -> new ValueConverters.BinarySlot(rows, i, conversion));
    }

    private static Object bytes(Binary b) {
        return Bytes.of(b.getBytesUnsafe());
    }

    /**
     * Decodes as Avro's {@code Utf8.toString()} does: UTF-8, malformed input replaced (the JDK's
     * String constructor and charset decoder, which the binaries use, agree on that).
     */
    private static Object utf8(Binary b) {
        return b.toStringUsingUTF8();
    }

    private static Object decimal(Binary b, int scale) {
        return new BigDecimal(new BigInteger(b.getBytesUnsafe()), scale);
    }
}
