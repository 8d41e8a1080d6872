package io.cdcsdk.dynamodb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdcsdk.core.ReadOptions;

/**
 * Coverage-guided fuzzing of the {@code dynamodb-export} reader: full-export and incremental
 * lines, plain and gzip. Wired like {@link DynamoDbStreamFuzzTest}.
 */
class DynamoDbExportFuzzTest {
    @FuzzTest(maxDuration = "8s")
    void fuzz(byte[] input) {
        target(input);
    }

    @FuzzTest(maxDuration = "5m")
    void fuzzLong(byte[] input) {
        target(input);
    }

    private static void target(byte[] input) {
        FuzzSupport.count("dynamodb-export");
        ReadOptions options = ReadOptions.defaults().withExtension(DynamoDbExportOptions.of("T", "Id"));
        FuzzSupport.drain(input, "data/fuzz.json.gz", DynamoDbExportAdapter.NAME, options);
        FuzzSupport.drain(input, "data/fuzz.json.gz", DynamoDbExportAdapter.NAME,
                options.withLimits(FuzzSupport.SMALL));
    }
}
