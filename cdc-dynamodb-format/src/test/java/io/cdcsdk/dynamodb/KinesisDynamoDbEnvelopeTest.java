package io.cdcsdk.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        "envelopes/firehose-event_aws-docs-firehose-dg_kds-for-dynamodb.json",
    })
    void dynamoDbRecordsInsideLambdaEvents(String sampleName) throws Exception {
        Path sample = Golden.resource("samples/" + sampleName);
        String name = sample.getFileName().toString();
        List<ChangeEvent> named = read(sample, DynamoDbStreamAdapter.NAME);
        Golden.assertMatches(Golden.resource("golden/" + name + ".expected.ndjson"), named);
        assertEquals(named.stream().map(ChangeEventJson::toJson).toList(),
                read(sample, null).stream().map(ChangeEventJson::toJson).toList(), "detected from the payloads");
    }

    @Test
    void aBadRecordOfADynamoDbEventIsNamedByItsSequenceNumber() throws Exception {
        String record = "{\"eventName\":\"%s\",\"eventSource\":\"aws:dynamodb\",\"dynamodb\":{\"Keys\":{\"k\":{\"N\":\"1\"}},"
                + "\"NewImage\":{\"k\":{\"N\":\"%s\"}},\"SequenceNumber\":\"%s\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:1:table/T/stream/2024\"}";
        String event = "{\"Records\":[" + String.format(record, "INSERT", "1", "100") + "," + String.format(record, "UPSERT", "2", "200")
                + "," + String.format(record, "INSERT", "12abc", "300") + "," + String.format(record, "INSERT", "4", "400") + "]}";
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = Golden.readAll(FormatRegistry.discover().open(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), "event.json", null,
                ReadOptions.defaults().skipOnError(skipped::add)));
        assertEquals(List.of("100", "400"), events.stream().map(ChangeEvent::position).toList());
        assertEquals(List.of("200", "300"), skipped.stream().map(e -> e.envelopeId().orElseThrow()).toList());
    }

    private static List<ChangeEvent> read(Path sample, String format) throws Exception {
        return Golden.readAll(FormatRegistry.discover().open(Files.newInputStream(sample), sample.getFileName().toString(),
                format, ReadOptions.defaults()));
    }
}
