package io.cdcsdk.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kinesis Data Streams for DynamoDB payloads inside the Lambda events that carry them, a Kinesis event
 * and a Firehose data-transformation event: the registry unwraps them and gives each payload to
 * {@code dynamodb-stream}, named or detected.
 */
class KinesisDynamoDbEnvelopeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "kinesis-lambda-event_powertools-ts_kds-for-dynamodb_captured.json",
        "firehose-event_aws-docs-firehose-dg_kds-for-dynamodb.json",
    })
    void dynamoDbRecordsInsideLambdaEvents(String name) throws Exception {
        Path sample = Golden.resource("samples/" + name);
        List<ChangeEvent> named = read(sample, DynamoDbStreamAdapter.NAME);
        Golden.assertMatches(Golden.resource("golden/" + name + ".expected.ndjson"), named);
        assertEquals(named.stream().map(ChangeEventJson::toJson).toList(),
                read(sample, null).stream().map(ChangeEventJson::toJson).toList(), "detected from the payloads");
    }

    private static List<ChangeEvent> read(Path sample, String format) throws Exception {
        return Golden.readAll(FormatRegistry.discover().open(Files.newInputStream(sample), sample.getFileName().toString(),
                format, ReadOptions.defaults()));
    }
}
