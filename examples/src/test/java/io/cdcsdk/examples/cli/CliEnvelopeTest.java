package io.cdcsdk.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.json.ChangeEventJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cat} reads the DMS records inside a Lambda event, with no option but the format (or none). */
class CliEnvelopeTest {
    private static final String EVENT = "src/test/resources/envelopes/kinesis-event_aws-docs-lambda-dg_dms.json";

    @Test
    void catPrintsTheDmsEventsInsideAKinesisEventWithTheirSequenceNumbers() {
        CdcTest.Result named = CdcTest.run("cat", "--format", "dms-json", EVENT);
        assertEquals(0, named.status(), named.err());
        assertEquals("", named.err());
        List<ChangeEvent> events = named.out().lines().map(ChangeEventJson::fromJson).toList();
        assertEquals(3, events.size());
        assertEquals(List.of("49590338271490256608559692538361571095921575989136588898",
                "49590338271490256608559692540925702759324208523137515618",
                "49590338271490256608559692540925702759324208523137515619"),
                events.stream().map(e -> e.meta().get(ChangeEvent.META_ENVELOPE_ID)).toList());
        assertTrue(events.stream().allMatch(e -> "kinesis".equals(e.meta().get(ChangeEvent.META_ENVELOPE))));
        assertEquals(named.out(), CdcTest.run("cat", EVENT).out(), "the same with the format detected");
    }
}
