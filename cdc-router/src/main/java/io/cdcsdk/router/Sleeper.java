package io.cdcsdk.router;

import java.time.Duration;

/** Waits between retries; injectable so tests need not wait. */
@FunctionalInterface
interface Sleeper {
    /** Waits with {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    /** Does not wait. */
    Sleeper NONE = d -> { };

    void sleep(Duration duration) throws InterruptedException;
}
