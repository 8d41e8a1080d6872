package io.cdcsdk.dms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DMS JSON inside every Lambda event the registry unwraps, in the shapes of the AWS documentation's
 * sample events (see {@code envelopes/README.md}): each event names its item, keeps DMS's own
 * position, and reads the same whether the format is named or detected.
 */
class EnvelopeGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "kinesis-event_aws-docs-lambda-dg_dms.json",
        "sqs-event_aws-docs-lambda-dg_dms.json",
        "msk-event_aws-docs-lambda-dg_dms.json",
        "self-managed-kafka-event_aws-docs-lambda-dg_dms.json",
        "firehose-event_aws-docs-firehose-dg_dms.json",
        "pipes-kinesis-batch_aws-docs-eventbridge-ug_dms.json",
        "pipes-sqs-batch_aws-docs-eventbridge-ug_dms.json",
    })
    void dmsJsonInsideEachEnvelope(String name) throws Exception {
        Path sample = Golden.resource("envelopes/" + name);
        List<ChangeEvent> named = read(sample, "dms-json");
        Golden.assertMatches(Golden.resource("envelopes/" + name.replace(".json", ".expected.ndjson")), named);
        List<ChangeEvent> detected = read(sample, null);
        assertEquals(named.stream().map(ChangeEventJson::toJson).toList(), detected.stream().map(ChangeEventJson::toJson).toList(),
                "detected from the payloads");
        for (ChangeEvent e : named) {
            assertTrue(e.meta().get(ChangeEvent.META_ENVELOPE_ID) instanceof String id && !id.isEmpty(), e::toString);
            assertEquals("dms-json", e.source().format());
        }
    }

    private static List<ChangeEvent> read(Path sample, String format) throws Exception {
        return Golden.readAll(FormatRegistry.discover().open(Files.newInputStream(sample), sample.getFileName().toString(),
                format, ReadOptions.defaults()));
    }
}
