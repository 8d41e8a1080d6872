package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.Bytes;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * How one top-level column is read: the converter that writes its model value into the row. This
 * class is the one place that decides which columns the reader reads: a column that is not a
 * primitive, is repeated, or has an annotation DMS does not write (UUID, INTERVAL, FLOAT16...)
 * has no reading, and its file is not read.
 *
 * <p>Model values: integers and decimals {@link BigDecimal} (unsigned integers their unsigned
 * value), floats the shortest decimal that reads back as the same float, strings (STRING, ENUM,
 * JSON) {@link String}, other binary {@link Bytes}, booleans {@link Boolean}, dates, times and
 * timestamps their ISO-8601 text (a timestamp adjusted to UTC ends in {@code Z}, a local one has
 * no zone).
 */
final class FlatColumn {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Creates the converter of the column at {@code index} of a row. */
    private interface ConverterFactory {
        PrimitiveConverter create(RowMaterializer rows, int index);
    }

    private final ConverterFactory factory;

    private FlatColumn(ConverterFactory factory) {
        this.factory = factory;
    }

    PrimitiveConverter converter(RowMaterializer rows, int index) {
        return factory.create(rows, index);
    }

    /** The reading of {@code type}, or null when the reader does not read such a column. */
    static FlatColumn of(Type type) {
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            return null;
        }
        PrimitiveType p = type.asPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> a == null ? new FlatColumn(ValueConverters.BooleanSlot::new) : null;
            case INT32 -> int32(a);
            case INT64 -> int64(a);
            case INT96 -> a == null ? binary(FlatColumn::bytes) : null;
            case FLOAT -> a == null ? new FlatColumn(ValueConverters.FloatSlot::new) : null;
            case DOUBLE -> a == null ? new FlatColumn(ValueConverters.DoubleSlot::new) : null;
            case BINARY -> binary(a, true);
            case FIXED_LEN_BYTE_ARRAY -> binary(a, false);
        };
    }

    /** What {@code type} is, for a message saying that it is not read: {@code fixed_len_byte_array(16) (UUID)}. */
    static String describe(Type type) {
        if (!type.isPrimitive()) {
            LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
            return a == null ? "a group (nested columns)" : "a " + a + " group";
        }
        PrimitiveType p = type.asPrimitiveType();
        String name = p.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
        if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            name += "(" + p.getTypeLength() + ")";
        }
        String what = p.getLogicalTypeAnnotation() == null ? name : name + " (" + p.getLogicalTypeAnnotation() + ")";
        return type.isRepetition(Type.Repetition.REPEATED) ? "repeated " + what : what;
    }

    private static FlatColumn int32(LogicalTypeAnnotation a) {
        if (a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()) {
            return ints(BigDecimal::valueOf);
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
            return ints(ModelValues::unsigned);
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return ints(v -> BigDecimal.valueOf(v, scale));
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return ints(v -> LocalDate.ofEpochDay(v).toString());
        }
        if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t && t.getUnit() == TimeUnit.MILLIS) {
            return ints(v -> LocalTime.ofNanoOfDay(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(v)).toString());
        }
        return null;
    }

    private static FlatColumn int64(LogicalTypeAnnotation a) {
        if (a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()) {
            return longs(BigDecimal::valueOf);
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
            return longs(ModelValues::unsigned);
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return longs(v -> BigDecimal.valueOf(v, scale));
        }
        if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
            return switch (t.getUnit()) {
                case MILLIS -> null; // TIME(MILLIS) is an INT32 annotation
                case MICROS -> longs(v -> LocalTime.ofNanoOfDay(java.util.concurrent.TimeUnit.MICROSECONDS.toNanos(v)).toString());
                case NANOS -> longs(v -> LocalTime.ofNanoOfDay(v).toString());
            };
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
            LongFunction<Instant> instant = switch (t.getUnit()) {
                case MILLIS -> Instant::ofEpochMilli;
                case MICROS -> v -> Instant.ofEpochSecond(Math.floorDiv(v, MICROS_PER_SECOND),
                        Math.floorMod(v, MICROS_PER_SECOND) * 1_000L);
                case NANOS -> v -> Instant.ofEpochSecond(Math.floorDiv(v, NANOS_PER_SECOND), Math.floorMod(v, NANOS_PER_SECOND));
            };
            return t.isAdjustedToUTC() ? longs(v -> instant.apply(v).toString())
                    : longs(v -> LocalDateTime.ofInstant(instant.apply(v), ZoneOffset.UTC).toString());
        }
        return null;
    }

    /** BINARY ({@code variable}) or FIXED_LEN_BYTE_ARRAY. */
    private static FlatColumn binary(LogicalTypeAnnotation a, boolean variable) {
        if (a == null) {
            return binary(FlatColumn::bytes);
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return binary(b -> decimal(b, scale));
        }
        if (variable && (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation)) {
            return binary(FlatColumn::utf8);
        }
        if (variable && a instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation) {
            return binary(FlatColumn::bytes);
        }
        return null;
    }

    private static FlatColumn ints(IntFunction<Object> conversion) {
        return new FlatColumn((rows, i) -> new ValueConverters.IntSlot(rows, i, conversion));
    }

    private static FlatColumn longs(LongFunction<Object> conversion) {
        return new FlatColumn((rows, i) -> new ValueConverters.LongSlot(rows, i, conversion));
    }

    private static FlatColumn binary(Function<Binary, Object> conversion) {
        return new FlatColumn((rows, i) -> new ValueConverters.BinarySlot(rows, i, conversion));
    }

    private static Object bytes(Binary b) {
        return Bytes.of(b.getBytesUnsafe());
    }

    /** UTF-8, malformed input replaced (as the JDK's String constructor does). */
    private static Object utf8(Binary b) {
        return b.toStringUsingUTF8();
    }

    /** Fails (NumberFormatException) on an empty value, which no decimal is written as. */
    private static Object decimal(Binary b, int scale) {
        return new BigDecimal(new BigInteger(b.getBytesUnsafe()), scale);
    }
}
