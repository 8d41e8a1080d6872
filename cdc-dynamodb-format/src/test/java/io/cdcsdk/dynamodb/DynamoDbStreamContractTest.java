package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.testkit.FormatAdapterContract;
import java.util.Arrays;
import java.util.List;

/**
 * dynamodb-stream under the adapter contract, over every golden sample: Lambda events, single
 * records, a GetRecords response, and Kinesis Data Streams for DynamoDB payloads (the Lambda Kinesis
 * events around them are the registry's, tested in {@code KinesisDynamoDbEnvelopeTest}).
 */
class DynamoDbStreamContractTest extends FormatAdapterContract {
    private static final String[] SAMPLES = {
        "lambda-event_aws-docs-lambda-dg_example.json",
        "lambda-event_aws-lambda-go_all-attribute-types.json",
        "lambda-event_java-libs_insert-modify-remove_fractional-ts.json",
        "lambda-event_java-libs_roundtrip-expected-after-java-serializer.json",
        "lambda-event_java-libs_tumbling-window.json",
        "lambda-event_powertools-java_batch-test.json",
        "lambda-event_powertools-ts_batch-sample-no-timestamp.json",
        "lambda-event_sam-cli_generated-template_DynamoDBUpdate.json",
        "lambda-record_java-libs_single-modify-record.json",
        "streams-getrecords-response_botocore-example_keys-only.json",
        "kds-for-dynamodb_payloads_decoded-from-powertools-ts-capture.json",
        "kds-for-dynamodb_record_rust-runtime_optional-fields.json",
    };

    @Override
    protected FormatAdapter adapter() {
        return new DynamoDbStreamAdapter();
    }

    @Override
    protected List<Sample> samples() {
        return Arrays.stream(SAMPLES).map(s -> Sample.of("samples/" + s, "golden/" + s + ".expected.ndjson")).toList();
    }
}
