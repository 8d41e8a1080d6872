package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbExportAdapter;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.FuzzCounts;
import io.cdcsdk.core.testing.FuzzReads;

/**
 * Coverage-guided fuzzing of the {@code dynamodb-export} reader, through the registry: full-export
 * and incremental lines, plain and gzip.
 */
class DynamoDbExportFuzzTest extends FuzzTarget {
    private static final FormatRegistry FORMATS = FormatRegistry.discover();

    @Override
    void target(byte[] input) {
        FuzzCounts.count("dynamodb-export");
        ReadOptions options = ReadOptions.defaults().withExtension(DynamoDbExportOptions.of("T", "Id"));
        FuzzReads.drain(FORMATS, input, "data/fuzz.json.gz", DynamoDbExportAdapter.NAME, options);
        FuzzReads.drain(FORMATS, input, "data/fuzz.json.gz", DynamoDbExportAdapter.NAME, options.withLimits(SMALL));
    }
}
