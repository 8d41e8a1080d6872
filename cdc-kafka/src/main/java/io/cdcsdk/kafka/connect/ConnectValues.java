package io.cdcsdk.kafka.connect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas derived from row values, and the rows as structs. Every field is optional. A
 * column's type follows its values in the rows given together (the before and after images of one
 * change): text is {@code STRING}, booleans {@code BOOLEAN}, binary {@code BYTES}; numbers are
 * {@code INT64} when every value is an integer that fits, else Connect's {@code Decimal} at the
 * largest scale among them (raising a scale is exact); maps, lists and sets are {@code STRING}s of
 * JSON named {@value #JSON}, as Debezium gives JSON columns. A column whose values are of different
 * kinds, or that is null in every row, is a {@code STRING}.
 */
final class ConnectValues {
    /** The schema name of JSON text, Debezium's. */
    static final String JSON = "io.debezium.data.Json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule().addSerializer(new StdSerializer<>(Bytes.class) {
                @Override
                public void serialize(Bytes value, JsonGenerator g, SerializerProvider provider) throws IOException {
                    g.writeString(value.toBase64());
                }
            }))
            .build();

    private ConnectValues() {
    }

    /** {@return the optional struct schema of the rows' columns, in order of first appearance} */
    static Schema schema(String name, List<Row> rows) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (Row row : rows) {
            for (String column : row.columns()) {
                columns.computeIfAbsent(column, c -> new ArrayList<>()).add(row.get(column));
            }
        }
        SchemaBuilder b = SchemaBuilder.struct().name(name).optional();
        columns.forEach((column, values) -> b.field(column, columnSchema(values)));
        return b.build();
    }

    private static Schema columnSchema(List<Object> values) {
        Class<?> kind = null;
        int scale = 0;
        boolean integral = true;
        for (Object v : values) {
            if (v == null) {
                continue;
            }
            Class<?> k = v instanceof Map<?, ?> || v instanceof Iterable<?> ? Iterable.class : v.getClass();
            if (kind != null && kind != k) {
                return Schema.OPTIONAL_STRING_SCHEMA;
            }
            kind = k;
            if (v instanceof BigDecimal d) {
                scale = Math.max(scale, d.scale());
                integral &= fitsLong(d);
            }
        }
        if (kind == null || kind == String.class) {
            return Schema.OPTIONAL_STRING_SCHEMA;
        }
        if (kind == Boolean.class) {
            return Schema.OPTIONAL_BOOLEAN_SCHEMA;
        }
        if (kind == Bytes.class) {
            return Schema.OPTIONAL_BYTES_SCHEMA;
        }
        if (kind == BigDecimal.class) {
            return integral ? Schema.OPTIONAL_INT64_SCHEMA : Decimal.builder(scale).optional().build();
        }
        return SchemaBuilder.string().name(JSON).optional().build();
    }

    private static boolean fitsLong(BigDecimal d) {
        if (d.signum() == 0) {
            return true;
        }
        // precision - scale is the count of integer digits; checked first so that 1E+999999999 is never expanded
        if (d.precision() - d.scale() > 19) {
            return false;
        }
        try {
            d.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** {@return the row as a struct of {@code schema}, or {@code null} for no row} */
    static @Nullable Struct struct(Schema schema, @Nullable Row row) {
        if (row == null) {
            return null;
        }
        Struct s = new Struct(schema);
        for (String column : row.columns()) {
            Field f = schema.field(column);
            s.put(f, value(f.schema(), row.get(column)));
        }
        return s;
    }

    private static @Nullable Object value(Schema schema, @Nullable Object v) {
        if (v == null) {
            return null;
        }
        if (JSON.equals(schema.name())) {
            return json(v);
        }
        return switch (schema.type()) {
            case INT64 -> ((BigDecimal) v).longValueExact();
            case BYTES -> Decimal.LOGICAL_NAME.equals(schema.name())
                    ? ((BigDecimal) v).setScale(Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD)))
                    : ((Bytes) v).toByteArray();
            case STRING -> v instanceof String text ? text : v instanceof Map<?, ?> || v instanceof Iterable<?> ? json(v)
                    : v instanceof Bytes bytes ? bytes.toBase64() : v instanceof BigDecimal d ? d.toString() : v.toString();
            default -> v;
        };
    }

    /** {@return the value as JSON text: binary as base64, sets as arrays} */
    static String json(Object v) {
        try {
            return MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new DataException("cannot write a value as JSON: " + e.getOriginalMessage());
        }
    }
}
