package io.cdcsdk.dynamodb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdcsdk.core.Limits;

/**
 * A DynamoDB fuzz target, in two lengths. In the default test run both methods replay the seeds in
 * {@code <Class>Inputs/<method>/} (regression mode); the build's {@code fuzz-*} executions fuzz
 * {@link #fuzz} for 8 s, {@code -Pfuzz} fuzzes {@link #fuzzLong} for 5 minutes. Jazzer takes the
 * inputs directory from the concrete test class, not from this one.
 */
abstract class FuzzTarget {
    /** Small limits, so that the fuzzer reaches every limit with small inputs. */
    static final Limits SMALL = new Limits(2048, 256, 12, 40, 20, 1024);

    @FuzzTest(maxDuration = "8s")
    void fuzz(byte[] input) {
        target(input);
    }

    @FuzzTest(maxDuration = "5m")
    void fuzzLong(byte[] input) {
        target(input);
    }

    /** One input: a failed check throws AssertionError. */
    abstract void target(byte[] input);
}
