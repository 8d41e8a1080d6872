package io.cdcsdk.dms.parquet;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;

import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/** The fast path's column converters: each writes the model value of its column into the row. */
final class ValueConverters {
    private ValueConverters() {
    }

    /** Writes into one slot of the rows of a {@link RowMaterializer}. */
    abstract static class Slot extends PrimitiveConverter {
        private final RowMaterializer rows;
        private final int index;

        Slot(RowMaterializer rows, int index) {
            this.rows = rows;
            this.index = index;
        }

        final void set(Object value) {
            rows.row[index] = value;
        }
    }

    /**
     * Converts each dictionary entry once, when a row first uses it, and shares the (immutable) value
     * among the rows that use it. Lazily, so that an entry no row uses costs nothing and a value that
     * cannot be converted fails at the row that holds it.
     */
    abstract static class DictionarySlot extends Slot {
        private Dictionary dictionary;
        private Object[] converted;

        DictionarySlot(RowMaterializer rows, int index) {
            super(rows, index);
        }

        /** The model value of dictionary entry {@code id}. */
        abstract Object convert(Dictionary dictionary, int id);

        @Override
        public final boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public final void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
            this.converted = new Object[dictionary.getMaxId() + 1];
        }

        @Override
        public final void addValueFromDictionary(int dictionaryId) {
            Object value = converted[dictionaryId];
            if (value == null) {
                value = convert(dictionary, dictionaryId);
                converted[dictionaryId] = value;
            }
            set(value);
        }
    }

    static final class BooleanSlot extends Slot {
        BooleanSlot(RowMaterializer rows, int index) {
            super(rows, index);
        }

        @Override
        public void addBoolean(boolean value) {
            set(value);
        }
    }

    static final class IntSlot extends DictionarySlot {
        private final IntFunction<Object> conversion;

        IntSlot(RowMaterializer rows, int index, IntFunction<Object> conversion) {
            super(rows, index);
            this.conversion = conversion;
        }

        @Override
        public void addInt(int value) {
            set(conversion.apply(value));
        }

        @Override
        Object convert(Dictionary dictionary, int id) {
            return conversion.apply(dictionary.decodeToInt(id));
        }
    }

    static final class LongSlot extends DictionarySlot {
        private final LongFunction<Object> conversion;

        LongSlot(RowMaterializer rows, int index, LongFunction<Object> conversion) {
            super(rows, index);
            this.conversion = conversion;
        }

        @Override
        public void addLong(long value) {
            set(conversion.apply(value));
        }

        @Override
        Object convert(Dictionary dictionary, int id) {
            return conversion.apply(dictionary.decodeToLong(id));
        }
    }

    static final class FloatSlot extends DictionarySlot {
        FloatSlot(RowMaterializer rows, int index) {
            super(rows, index);
        }

        @Override
        public void addFloat(float value) {
            set(ModelValues.ofFloat(value));
        }

        @Override
        Object convert(Dictionary dictionary, int id) {
            return ModelValues.ofFloat(dictionary.decodeToFloat(id));
        }
    }

    static final class DoubleSlot extends DictionarySlot {
        DoubleSlot(RowMaterializer rows, int index) {
            super(rows, index);
        }

        @Override
        public void addDouble(double value) {
            set(ModelValues.ofDouble(value));
        }

        @Override
        Object convert(Dictionary dictionary, int id) {
            return ModelValues.ofDouble(dictionary.decodeToDouble(id));
        }
    }

    /** BINARY, FIXED_LEN_BYTE_ARRAY and INT96 columns. */
    static final class BinarySlot extends DictionarySlot {
        private final Function<Binary, Object> conversion;

        BinarySlot(RowMaterializer rows, int index, Function<Binary, Object> conversion) {
            super(rows, index);
            this.conversion = conversion;
        }

        @Override
        public void addBinary(Binary value) {
            set(conversion.apply(value));
        }

        @Override
        Object convert(Dictionary dictionary, int id) {
            return conversion.apply(dictionary.decodeToBinary(id));
        }
    }
}
