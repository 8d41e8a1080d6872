package io.cdcsdk.dynamodb.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Exact epoch conversions: decimal seconds, milliseconds, microseconds to {@link Instant}. */
final class Timestamps {
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    private static final BigDecimal MIN_SECONDS = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private Timestamps() {
    }

    /** Epoch seconds with any fraction, truncated to nanoseconds toward the past; null if out of range. */
    static Instant ofSeconds(BigDecimal seconds) {
        int scale = seconds.scale();
        if (scale >= 0 && scale <= 9 && seconds.precision() <= 18) {
            return ofUnscaled(seconds.scaleByPowerOfTen(scale).longValue(), scale);
        }
        if (seconds.compareTo(MAX_SECONDS) > 0 || seconds.compareTo(MIN_SECONDS) < 0) {
            return null;
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).multiply(BILLION).setScale(0, RoundingMode.FLOOR).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    // The common case (a record's time has at most nanoseconds and fits a long) in long arithmetic:
    // unscaled / 10^scale seconds, which nothing truncates.
    private static Instant ofUnscaled(long unscaled, int scale) {
        long unit = POWERS_OF_TEN[scale];
        long whole = Math.floorDiv(unscaled, unit);
        long nanos = Math.floorMod(unscaled, unit) * POWERS_OF_TEN[9 - scale];
        if (whole > Instant.MAX.getEpochSecond() || whole == Instant.MAX.getEpochSecond() && nanos > 0
                || whole < Instant.MIN.getEpochSecond()) {
            return null;
        }
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** Epoch {@code value / 10^power} seconds. */
    static Instant ofScaled(BigDecimal value, int power) {
        return ofSeconds(value.movePointLeft(power));
    }
}
