package io.cdcsdk.examples.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.router.Retry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MSK handler on the Lambda developer guide's MSK event holding DMS Kafka messages. */
class DmsMskHandlerTest {
    private static final Path EVENT = Path.of("src/test/resources/envelopes/msk-event_aws-docs-lambda-dg_dms.json");

    private static String invoke(DmsMskHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyChangeIsRoutedWithItsTopicPartitionAndOffset() throws IOException {
        List<String> seen = new ArrayList<>();
        String response = invoke(new DmsMskHandler(e -> seen.add(e.op() + " " + e.meta().get(ChangeEvent.META_ENVELOPE_ID)),
                Retry.none()), Files.readString(EVENT));
        assertEquals("{\"changes\":3}", response);
        assertEquals(List.of("INSERT mytopic-0@15", "UPDATE mytopic-0@16", "DELETE mytopic-1@7"), seen);
    }

    @Test
    void aFailureOrAnUndecodableRecordFailsTheBatchNamingTheRecords() throws IOException {
        String event = Files.readString(EVENT);
        List<String> seen = new ArrayList<>();
        DmsMskHandler handler = new DmsMskHandler(e -> {
            if (e.op() == Operation.UPDATE) {
                throw new IOException("warehouse down");
            }
            seen.add(e.op().toString());
        }, Retry.none());
        String value = event.substring(event.indexOf("\"value\": \"") + 10);
        value = value.substring(0, value.indexOf('"'));
        String poisoned = event.replaceFirst(java.util.regex.Pattern.quote(value), "bm90IGpzb24=");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> invoke(handler, poisoned));
        assertTrue(e.getMessage().contains("[mytopic-0@15, mytopic-0@16]"), e.getMessage());
        assertEquals(List.of("DELETE"), seen, "the other partition goes on; the record after the poison one is still read");
    }
}
