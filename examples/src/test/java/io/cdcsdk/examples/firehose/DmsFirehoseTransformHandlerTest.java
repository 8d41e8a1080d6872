package io.cdcsdk.examples.firehose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.dms.TableDefinitions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two Firehose transformation handlers on a Firehose event of real DMS records (see the resources README). */
class DmsFirehoseTransformHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENT = Path.of("src/test/resources/envelopes/firehose-event_aws-docs-firehose-dg_dms.json");

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, byte[] event)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.readTree(out.toByteArray()).get("records");
    }

    private static String data(JsonNode record) {
        return new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8);
    }

    @Test
    void dataChangesBecomeChangeEventJsonLinesAndControlRecordsAreDropped() throws IOException {
        byte[] event = Files.readAllBytes(EVENT);
        JsonNode records = invoke(new DmsFirehoseTransformHandler(), event);
        JsonNode input = JSON.readTree(event).get("records");
        assertEquals(3, records.size());
        assertEquals(List.of("Ok", "Dropped", "Ok"), List.of(records.get(0).get("result").asText(),
                records.get(1).get("result").asText(), records.get(2).get("result").asText()));
        for (int i = 0; i < 3; i++) {
            assertEquals(input.get(i).get("recordId"), records.get(i).get("recordId"));
        }
        ChangeEvent insert = ChangeEventJson.fromJson(data(records.get(0)).strip());
        assertEquals("SYSTEM.OFFENDERS", insert.source().qualifiedTable());
        assertEquals(input.get(0).get("recordId").asText(), insert.meta().get(ChangeEvent.META_ENVELOPE_ID));
        assertTrue(data(records.get(2)).startsWith("{\"op\":\"delete\""), data(records.get(2)));
    }

    @Test
    void aRecordThatCannotBeDecodedGoesBackAsItCame() throws IOException {
        String event = Files.readString(EVENT);
        String first = JSON.readTree(event).get("records").get(0).get("data").asText();
        String broken = Base64.getEncoder().encodeToString("{\"data\": not json".getBytes(StandardCharsets.UTF_8));
        JsonNode records = invoke(new DmsFirehoseTransformHandler(), event.replace(first, broken).getBytes(StandardCharsets.UTF_8));
        assertEquals("ProcessingFailed", records.get(0).get("result").asText());
        assertEquals(broken, records.get(0).get("data").asText());
        assertEquals("Ok", records.get(2).get("result").asText());
    }

    @Test
    void theOpenSearchVariantGivesBulkLinesKeyedByTableAndPrimaryKey() throws IOException {
        TableDefinitions tables = TableDefinitions.builder()
                .add("SYSTEM", "OFFENDERS", List.of("OFFENDER_ID", "OFFENDER_NAME_SEQ", "LAST_NAME"),
                        List.of("OFFENDER_ID", "OFFENDER_NAME_SEQ")).build();
        JsonNode records = invoke(new DmsOpenSearchBulkHandler(tables), Files.readAllBytes(EVENT));
        String[] index = data(records.get(0)).split("\n");
        assertEquals("{\"index\":{\"_index\":\"system.offenders\",\"_id\":\"1961|3922000\"}}", index[0]);
        assertEquals(1961, JSON.readTree(index[1]).get("OFFENDER_ID").asInt());
        assertEquals("Dropped", records.get(1).get("result").asText());
        assertEquals("{\"delete\":{\"_index\":\"system.offenders\",\"_id\":\"1961|3922000\"}}\n", data(records.get(2)));

        JsonNode unkeyed = invoke(new DmsOpenSearchBulkHandler(TableDefinitions.empty()), Files.readAllBytes(EVENT));
        assertEquals("ProcessingFailed", unkeyed.get(0).get("result").asText(), "no key, no document id");
    }
}
