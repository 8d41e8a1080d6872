package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The arithmetic fast path gives exactly what the Double.toString path gives, scale included. */
class ShortestDecimalTest {

    @Test
    void agreesWithDoubleToStringOnShortDecimals() {
        Seeds.forAll("short decimals", 0x5D1L, 20_000, random -> {
            int fractionDigits = random.nextInt(9);
            long unscaled = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(15));
            double x = BigDecimal.valueOf(unscaled, fractionDigits).doubleValue();
            check(x);
            check(Math.nextUp(x));
            check(Math.nextDown(x));
        });
    }

    @Test
    void agreesWithDoubleToStringOnArbitraryDoubles() {
        Seeds.forAll("arbitrary doubles", 0x5D2L, 50_000, random -> {
            check(Double.longBitsToDouble(random.nextLong()));
            check(random.nextDouble() * Math.pow(10, random.nextInt(12) - 4));
        });
    }

    @Test
    void edges() {
        for (double x : new double[] {0.001, -0.001, Math.nextDown(0.001), 9_999_999.999999, 1e7, Math.nextDown(1e7),
            0.1, 0.2, 0.3, 0.1 + 0.2, 1.0, 32.0, 32.38, -32.38, 2e-3, 123456789012345.0 / 1e8, 0x1p50 / 1e10,
            Double.MIN_VALUE, Double.MAX_VALUE, 0.0, -0.0}) {
            check(x);
        }
        assertEquals(new BigDecimal("32.0"), ShortestDecimal.fast(32.0));
        assertEquals(new BigDecimal("32.38"), ShortestDecimal.fast(32.38));
        assertNull(ShortestDecimal.fast(0.0));
        assertNull(ShortestDecimal.fast(1e7));
    }

    private static void check(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return;
        }
        BigDecimal expected = new BigDecimal(Double.toString(x));
        assertEquals(expected, ShortestDecimal.of(x), () -> "for " + Double.toString(x));
        BigDecimal fast = ShortestDecimal.fast(x);
        if (fast != null) {
            assertEquals(expected, fast, () -> "fast path for " + Double.toString(x));
        }
    }

    @Test
    void takesTheFastPathForTypicalPrices() {
        for (int cents = 1; cents < 1_000_000; cents += 7) {
            assertNotNull(ShortestDecimal.fast(cents / 100.0));
        }
    }
}
