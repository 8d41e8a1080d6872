package io.cdcsdk.dms.internal;

import io.cdcsdk.core.Bytes;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only class that touches Parquet, Avro and Hadoop: reads a Parquet file row by row into
 * ordered maps of model values. Typed dates and timestamps become ISO-8601 strings, decimals exact
 * {@link BigDecimal}, integers {@link BigDecimal}, floats the shortest decimal that reads back as
 * the same float, binary {@link Bytes}, unsigned integers their unsigned value.
 */
public final class ParquetRows implements Closeable {
    /**
     * One top-level column of the file's schema.
     *
     * @param name     the column name
     * @param required whether the column is required
     * @param string   whether it has the STRING logical type
     */
    public record Column(String name, boolean required, boolean string) {
    }

    private final ParquetReader<GenericRecord> reader;
    private final List<Column> columns = new ArrayList<>();
    private final boolean[] unsigned;
    private Schema lastSchema;
    private String[] names;
    private int[] columnIndex;

    /** Opens {@code file}: reads its footer for the schema, then starts the row reader. */
    public ParquetRows(Path file) throws IOException {
        LocalInputFile input = new LocalInputFile(file);
        MessageType schema;
        try (ParquetFileReader footer = ParquetFileReader.open(input,
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            schema = footer.getFooter().getFileMetaData().getSchema();
        }
        unsigned = new boolean[schema.getFieldCount()];
        for (int i = 0; i < schema.getFieldCount(); i++) {
            Type t = schema.getType(i);
            LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
            boolean isString = a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
            columns.add(new Column(t.getName(), t.isRepetition(Type.Repetition.REQUIRED), isString));
            unsigned[i] = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ia && !ia.isSigned();
        }
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
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean("parquet.avro.readInt96AsFixed", true);
        this.reader = AvroParquetReader.<GenericRecord>builder(input, conf).withDataModel(model).build();
    }

    /** The top-level columns in file order. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The values of the next row, in the order of {@link #names()}, or {@code null} at the end. The
     * array is the caller's.
     */
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
                v = BigDecimal.valueOf(Integer.toUnsignedLong(n));
            } else if (col >= 0 && unsigned[col] && raw instanceof Long n) {
                v = new BigDecimal(Long.toUnsignedString(n));
            } else {
                v = convert(raw);
            }
            row[i] = v;
        }
        return row;
    }

    /**
     * The names of the values {@link #next()} returned last (the row's record fields). The same
     * array for every row of a schema, so callers may cache what they derive from it by identity.
     */
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
            return f.isNaN() || f.isInfinite() ? f.toString() : new BigDecimal(Float.toString(f));
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : ShortestDecimal.of(d);
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

    /** Closes the row reader. */
    @Override
    public void close() throws IOException {
        reader.close();
    }
}
