package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbExportAdapter;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.testkit.FormatAdapterContract;
import java.util.List;

/** dynamodb-export under the adapter contract, over the data file of a full export in DynamoDB JSON. */
class DynamoDbExportContractTest extends FormatAdapterContract {
    private static final String SAMPLE = "full-export_data_dynamodb-json_aws-docs.jsonl";

    @Override
    protected FormatAdapter adapter() {
        return new DynamoDbExportAdapter();
    }

    @Override
    protected List<Sample> samples() {
        return List.of(Sample.of("samples/export/" + SAMPLE, "golden/" + SAMPLE + ".expected.ndjson"));
    }
}
