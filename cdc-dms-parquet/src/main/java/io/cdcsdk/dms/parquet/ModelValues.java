package io.cdcsdk.dms.parquet;

import java.math.BigDecimal;

/** The model values of Parquet numbers that need more than a constructor. */
final class ModelValues {
    private ModelValues() {
    }

    /** NaN and infinities as their text, other floats as the decimal of {@link Float#toString}. */
    static Object ofFloat(float f) {
        return Float.isNaN(f) || Float.isInfinite(f) ? Float.toString(f) : new BigDecimal(Float.toString(f));
    }

    /** NaN and infinities as their text, other doubles as the shortest decimal that reads back. */
    static Object ofDouble(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d) : ShortestDecimal.of(d);
    }

    /** The value of {@code n} read as an unsigned 32-bit integer. */
    static BigDecimal unsigned(int n) {
        return BigDecimal.valueOf(Integer.toUnsignedLong(n));
    }

    /** The value of {@code n} read as an unsigned 64-bit integer. */
    static BigDecimal unsigned(long n) {
        return n >= 0 ? BigDecimal.valueOf(n) : new BigDecimal(Long.toUnsignedString(n));
    }
}
