package io.cdcsdk.router;

import io.cdcsdk.router.FailedEvent.Stage;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How often a handler is called for one event, and how long the router waits in between:
 * exponential backoff from {@code initialBackoff}, times {@code multiplier}, capped at
 * {@code maxBackoff}. Only handler failures ({@link Stage#HANDLE}) are retried, and only those
 * {@code retryOn} accepts. Immutable.
 */
public final class Retry {
    private static final Retry NONE = new Retry(1, Duration.ZERO, 1.0, Duration.ZERO, t -> true);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final Predicate<Throwable> retryOn;

    private Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                  Predicate<Throwable> retryOn) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || multiplier < 1.0) {
            throw new IllegalArgumentException("backoff must not be negative and multiplier at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.multiplier = multiplier;
        this.maxBackoff = maxBackoff;
        this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
    }

    /** {@return one attempt, no retry} The router's default. */
    public static Retry none() {
        return NONE;
    }

    /**
     * Up to {@code maxAttempts} attempts with exponential backoff (multiplier 2, capped at 30 s):
     * the router waits {@code initialBackoff} after the first failure, twice that after the
     * second, and so on. Every exception is retried until {@link #retryOn(Predicate)} says
     * otherwise.
     *
     * @param maxAttempts    how often the handler is called at most for one event, at least 1
     *                       (1 means no retry)
     * @param initialBackoff the wait after the first failed attempt; not negative
     * @return the retry
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1 or the backoff is
     *                                  negative
     */
    public static Retry attempts(int maxAttempts, Duration initialBackoff) {
        return new Retry(maxAttempts, initialBackoff, 2.0, Duration.ofSeconds(30), t -> true);
    }

    /**
     * A copy with another backoff multiplier and cap.
     *
     * @param multiplier how much longer each wait is than the one before, at least 1 (1 means a
     *                   constant wait)
     * @param maxBackoff the longest wait; not negative
     * @return the copy
     * @throws IllegalArgumentException when {@code multiplier} is below 1 or {@code maxBackoff} is
     *                                  negative
     */
    public Retry backoff(double multiplier, Duration maxBackoff) {
        return new Retry(maxAttempts, initialBackoff, multiplier, maxBackoff, retryOn);
    }

    /**
     * A copy that retries only the exceptions {@code retryOn} accepts; others fail the event at
     * once.
     *
     * @param retryOn true for an exception worth another attempt (a timeout, throttling); replaces
     *                an earlier predicate
     * @return the copy
     */
    public Retry retryOn(Predicate<Throwable> retryOn) {
        return new Retry(maxAttempts, initialBackoff, multiplier, maxBackoff, retryOn);
    }

    /** {@return how often the handler is called at most for one event, at least 1} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether another attempt follows a failure with {@code error} after {@code attempts} attempts. */
    boolean shouldRetry(Throwable error, int attempts) {
        return attempts < maxAttempts && retryOn.test(error);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
    Duration backoffAfter(int attempt) {
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(nanos, (double) maxBackoff.toNanos());
        return Duration.ofNanos(Math.max(0, capped));
    }
}
