package io.cdcsdk.dynamodb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdcsdk.core.ReadOptions;

/**
 * Coverage-guided fuzzing of the {@code dynamodb-stream} reader. The seeds are the golden samples
 * ({@code DynamoDbStreamFuzzTestInputs/<method>/}). In the default test run both methods run in
 * regression mode over the seeds; the build's {@code fuzz-dynamodb-stream} execution fuzzes
 * {@link #fuzz} for 8 s, {@code -Pfuzz} fuzzes {@link #fuzzLong} for 5 minutes.
 */
class DynamoDbStreamFuzzTest {
    @FuzzTest(maxDuration = "8s")
    void fuzz(byte[] input) {
        target(input);
    }

    @FuzzTest(maxDuration = "5m")
    void fuzzLong(byte[] input) {
        target(input);
    }

    private static void target(byte[] input) {
        FuzzSupport.count("dynamodb-stream");
        FuzzSupport.drain(input, "fuzz.json", DynamoDbStreamAdapter.NAME, ReadOptions.defaults());
        FuzzSupport.drain(input, "fuzz.json", DynamoDbStreamAdapter.NAME,
                ReadOptions.defaults().withLimits(FuzzSupport.SMALL));
    }
}
