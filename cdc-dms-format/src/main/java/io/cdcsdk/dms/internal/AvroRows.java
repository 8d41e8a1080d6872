package io.cdcsdk.dms.internal;

import io.cdcsdk.core.Bytes;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.InputFile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows through {@link AvroParquetReader} with Avro's logical type conversions: reads any schema,
 * nested records, lists and maps included.
 */
final class AvroRows implements RowSource {
    private final ParquetReader<GenericRecord> reader;
    private final List<ParquetRows.Column> columns;
    private final boolean[] unsigned;
    private Schema lastSchema;
    private String[] names;
    private int[] columnIndex;

    /**
     * @param columns  the file's top-level columns
     * @param unsigned for each column, whether it has an unsigned INT annotation
     */
    AvroRows(InputFile input, List<ParquetRows.Column> columns, boolean[] unsigned) throws IOException {
        this.columns = columns;
        this.unsigned = unsigned;
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampNanosConversion());
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampNanosConversion());
        this.reader = AvroParquetReader.<GenericRecord>builder(input, configuration()).withDataModel(model).build();
    }

    /** The configuration of the Avro reader, which also tells which Avro schema it reads with. */
    static PlainParquetConfiguration configuration() {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean("parquet.avro.readInt96AsFixed", true);
        return conf;
    }

    @Override
    public Object[] next() throws IOException {
        GenericRecord r = reader.read();
        if (r == null) {
            return null;
        }
        Schema schema = r.getSchema();
        if (schema != lastSchema) {
            List<Schema.Field> fields = schema.getFields();
            names = new String[fields.size()];
            columnIndex = new int[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                names[i] = fields.get(i).name();
                columnIndex[i] = indexOf(names[i]);
            }
            lastSchema = schema;
        }
        Object[] row = new Object[names.length];
        for (int i = 0; i < row.length; i++) {
            Object raw = r.get(i);
            int col = columnIndex[i];
            Object v;
            if (col >= 0 && unsigned[col] && raw instanceof Integer n) {
                v = ModelValues.unsigned(n);
            } else if (col >= 0 && unsigned[col] && raw instanceof Long n) {
                v = ModelValues.unsigned(n);
            } else {
                v = convert(raw);
            }
            row[i] = v;
        }
        return row;
    }

    @Override
    public String[] names() {
        return names;
    }

    private int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Object convert(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Float f) {
            return ModelValues.ofFloat(f);
        }
        if (v instanceof Double d) {
            return ModelValues.ofDouble(d);
        }
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Temporal t) {
            return t.toString();
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            return Bytes.of(bytes);
        }
        if (v instanceof GenericFixed f) {
            return Bytes.of(f.bytes().clone());
        }
        if (v instanceof GenericRecord rec) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Schema.Field f : rec.getSchema().getFields()) {
                m.put(f.name(), convert(rec.get(f.pos())));
            }
            return m;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(convert(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, val) -> m.put(String.valueOf(k), convert(val)));
            return m;
        }
        return v.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
