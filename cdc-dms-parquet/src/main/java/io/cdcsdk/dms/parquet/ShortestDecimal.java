package io.cdcsdk.dms.parquet;

import java.math.BigDecimal;

/**
 * {@code new BigDecimal(Double.toString(x))} without the string: the shortest decimal that reads
 * back as {@code x}, with at least one fraction digit, for the common case of a double between
 * 0.001 and 10^7 with at most 15 significant digits. Other values take the string path.
 */
final class ShortestDecimal {
    private static final double[] POWERS_OF_TEN = new double[23]; // all exact in a double
    /** Below this bound on |x| * 10^k, see {@link #fast}. */
    private static final double EXACT_PRODUCT_BOUND = 0x1p50;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private ShortestDecimal() {
    }

    static BigDecimal of(double x) {
        BigDecimal fast = fast(x);
        return fast != null ? fast : new BigDecimal(Double.toString(x));
    }

    /**
     * The decimal m / 10^k with the fewest fraction digits k >= 1 that reads back as x, or null
     * when this method cannot be sure of it. For |m| < 2^53 and k <= 22, {@code (double) m / 10^k}
     * is the correctly rounded quotient of two exact doubles, which is what parsing the decimal
     * gives. While |x| * 10^k < 2^50, rounding x * 10^k finds any m at scale k that reads back as
     * x, and there is at most one, since the decimals that read back as x span an ulp of x, less
     * than a quarter of 10^-k: so the first k that has one gives Double.toString's digits.
     */
    static BigDecimal fast(double x) {
        double magnitude = Math.abs(x);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return null; // zero, NaN, infinities and the scientific notation of Double.toString
        }
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            double scale = POWERS_OF_TEN[k];
            double product = x * scale;
            if (Math.abs(product) >= EXACT_PRODUCT_BOUND) {
                return null;
            }
            long m = Math.round(product);
            if ((double) m / scale == x) {
                return BigDecimal.valueOf(m, k);
            }
        }
        return null;
    }
}
