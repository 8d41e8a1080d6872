package io.cdcsdk.dms.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;

import java.util.List;

/**
 * Materializes each record of a flat schema straight into a new {@code Object[]} of model values,
 * one per top-level column; a null column leaves its slot null.
 */
final class RowMaterializer extends RecordMaterializer<Object[]> {
    private final Converter[] converters;
    private final GroupConverter root = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            row = new Object[converters.length];
        }

        @Override
        public void end() {
        }
    };
    /** The row being materialized; the column converters write into it. */
    Object[] row;

    RowMaterializer(List<FlatColumn> columns) {
        converters = new Converter[columns.size()];
        for (int i = 0; i < converters.length; i++) {
            converters[i] = columns.get(i).converter(this, i);
        }
    }

    @Override
    public Object[] getCurrentRecord() {
        return row;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }
}
