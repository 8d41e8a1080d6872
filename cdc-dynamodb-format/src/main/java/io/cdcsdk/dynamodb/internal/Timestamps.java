package io.cdcsdk.dynamodb.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Exact epoch conversions: decimal seconds, milliseconds, microseconds to {@link Instant}. */
public final class Timestamps {
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    private static final BigDecimal MIN_SECONDS = BigDecimal.valueOf(Instant.MIN.getEpochSecond());

    private Timestamps() {
    }

    /** Epoch seconds with any fraction, truncated to nanoseconds toward the past; null if out of range. */
    public static Instant ofSeconds(BigDecimal seconds) {
        if (seconds.compareTo(MAX_SECONDS) > 0 || seconds.compareTo(MIN_SECONDS) < 0) {
            return null;
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).multiply(BILLION).setScale(0, RoundingMode.FLOOR).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** Epoch {@code value / 10^power} seconds. */
    public static Instant ofScaled(BigDecimal value, int power) {
        return ofSeconds(value.movePointLeft(power));
    }
}
