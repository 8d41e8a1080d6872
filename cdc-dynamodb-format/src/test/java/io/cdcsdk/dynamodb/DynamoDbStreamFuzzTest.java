package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.FuzzCounts;
import io.cdcsdk.core.testing.FuzzReads;

/**
 * Coverage-guided fuzzing of the {@code dynamodb-stream} reader, through the registry. The seeds are
 * the golden samples ({@code DynamoDbStreamFuzzTestInputs/<method>/}).
 */
class DynamoDbStreamFuzzTest extends FuzzTarget {
    private static final FormatRegistry FORMATS = FormatRegistry.discover();

    @Override
    void target(byte[] input) {
        FuzzCounts.count("dynamodb-stream");
        FuzzReads.drain(FORMATS, input, "fuzz.json", DynamoDbStreamAdapter.NAME, ReadOptions.defaults());
        FuzzReads.drain(FORMATS, input, "fuzz.json", DynamoDbStreamAdapter.NAME,
                ReadOptions.defaults().withLimits(SMALL));
    }
}
