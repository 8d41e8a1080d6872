package io.cdcsdk.core.testing;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded, reproducible property runs under plain JUnit 5. Each try gets its own seed, derived from
 * the property's base seed; a failure names the seed that replays it:
 * {@code -Dcdc.seed=<seed> -Dcdc.tries=1}.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * Runs {@code property} {@code tries} times with a fresh {@link Random} each. The base seed is
     * {@code baseSeed} unless the system property {@code cdc.seed} is set; {@code cdc.tries}
     * overrides the count.
     */
    public static void forAll(String property, long baseSeed, int tries, Consumer<Random> check) {
        long base = Long.getLong("cdc.seed", baseSeed);
        int n = Integer.getInteger("cdc.tries", tries);
        for (int i = 0; i < n; i++) {
            long seed = base + i;
            try {
                check.accept(new Random(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed at try " + (i + 1) + " of " + n + "; replay with -Dcdc.seed="
                        + seed + " -Dcdc.tries=1: " + e.getMessage(), e);
            }
        }
    }
}
