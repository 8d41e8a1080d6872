package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsJsonAdapter;
import io.cdcsdk.dms.internal.DmsCsvAdapter;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DmsJsonGoldenTest {
    private final DmsJsonAdapter adapter = new DmsJsonAdapter();

    static List<ChangeEvent> read(String sample, ReadOptions options) throws Exception {
        Path p = Golden.resource("samples/" + sample);
        String name = p.getFileName().toString();
        InputStream in = Files.newInputStream(p);
        ChangeReader r = new DmsJsonAdapter().open(in, ReadContext.of(name, options));
        return Golden.readAll(r);
    }

    static Path golden(String sample) {
        return Golden.resource("golden/" + sample.substring(0, sample.lastIndexOf('.')) + ".expected.ndjson");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kafka-json_aws-docs_control-create-table-with-details.json",
            "kafka-json_aws-docs_data-message-all-metadata.json",
            "kafka-json_aws-samples-dms-msk-demo_dms-create-table.json",
            "kafka-json_aws-samples-dms-msk-demo_dms-delete-singleline.json",
            "kafka-json_aws-samples-dms-msk-demo_dms-drop-table.json",
            "kafka-json_aws-samples-dms-msk-demo_dms-insert-singleline.json",
            "kafka-json_aws-samples-dms-msk-demo_dms-sample-insert.json",
            "kafka-json_aws-samples-dms-msk-demo_dms-update-singleline.json",
            "kinesis-json_real_moj-dpr_control-create-table-awsdms_apply_exceptions.json",
            "kinesis-json_real_moj-dpr_oracle_delete.json",
            "kinesis-json_real_moj-dpr_oracle_insert.json",
            "kinesis-json_real_moj-dpr_oracle_load-array-wrapped.json",
            "kinesis-json_crate-commons-codec_postgres-serverless_messages.ndjson",
            "kinesis-json_crate-cratedb-toolkit_postgres-captured_messages.ndjson",
            "opensearch-hit_aws-samples-dms-cdc-data-pipeline_kinesis-firehose-mysql.json",
            "firehose-s3_real_moj-dpr_oracle_raw-on-disk-internal-locations.json",
            "firehose-s3_real_moj-dpr_public-schema_raw-on-disk-events_first20of490.json",
    })
    void matchesGolden(String sample) throws Exception {
        Golden.assertMatches(golden(sample), read(sample, ReadOptions.defaults()));
    }

    /** With table definitions: a key without control records, and a TOAST column an update did not log. */
    @Test
    void nullMeansUnavailableAndImages() throws Exception {
        String sample = "kinesis-json_made-from-crate-commons-codec_postgres-toast-update.ndjson";
        TableDefinitions defs = TableDefinitions.read(Golden.resource(
                "samples/kinesis-json_made-from-crate-commons-codec_postgres-toast-update.table-def.json"));
        Golden.assertMatches(golden(sample), read(sample, ReadOptions.defaults().withExtension(defs)));
    }

    @Test
    void kinesisCaptureDumpKeepsTheOnePayloadAndSkipsThePlaceholders() throws Exception {
        String sample = "kinesis-capture_real_moj-dpr_oracle_kinesis-records-dotnet-dump.json";
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read(sample, ReadOptions.defaults().skipOnError(skipped::add));
        Golden.assertMatches(golden(sample), events);
        assertEquals(3, skipped.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(ChangeReadException.Kind.UNEXPECTED_TYPE, skipped.get(i).kind());
            assertEquals(i + 2, skipped.get(i).position().record());
        }
        assertThrows(ChangeReadException.class, () -> read(sample, ReadOptions.defaults()));
    }

    @Test
    void configuredBeforeImageFieldIsTheOnlyOneTaken() throws Exception {
        String json = "{\"bi\":{\"id\":1},\"other\":{\"id\":2},\"data\":{\"id\":3},\"metadata\":{\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"record-type\":\"data\",\"operation\":\"update\",\"schema-name\":\"s\",\"table-name\":\"t\"}}";
        ReadOptions o = ReadOptions.defaults().withExtension(DmsJsonSettings.beforeImageField("other"));
        List<ChangeEvent> events = Golden.readAll(adapter.open(stream(json), ReadContext.of("x", o)));
        assertEquals("2", events.get(0).before().get("id").toString());
        List<ChangeEvent> byDefault = Golden.readAll(adapter.open(stream(json), ReadContext.of("x", ReadOptions.defaults())));
        assertEquals("1", byDefault.get(0).before().get("id").toString());
        ReadOptions none = ReadOptions.defaults().withExtension(DmsJsonSettings.beforeImageField("absent"));
        assertNull(Golden.readAll(adapter.open(stream(json), ReadContext.of("x", none))).get(0).before());
    }

    @Test
    void bigintInScientificNotationAndWideDecimalsStayExact() throws Exception {
        String json = "{\"data\":{\"id\":1.234567890123457e+18,\"amount\":12345678901234567890.123456789012345678},\"metadata\":{"
                + "\"timestamp\":\"2024-01-01T00:00:00.123456789Z\",\"record-type\":\"data\",\"operation\":\"insert\","
                + "\"schema-name\":\"s\",\"table-name\":\"t\",\"transaction-id\":123456789012345678901234}}";
        ChangeEvent e = Golden.readAll(adapter.open(stream(json), ReadContext.of("x", ReadOptions.defaults()))).get(0);
        assertEquals(new java.math.BigDecimal("1.234567890123457e+18"), e.after().get("id"));
        assertEquals(new java.math.BigDecimal("12345678901234567890.123456789012345678"), e.after().get("amount"));
        assertEquals("123456789012345678901234", e.tx());
        assertEquals(java.time.Instant.parse("2024-01-01T00:00:00.123456789Z"), e.ts());
    }

    @Test
    void badEnvelopeFailsWithPositionAndNoValuesAndSkipResumes() throws Exception {
        String good = "{\"data\":{\"id\":1},\"metadata\":{\"timestamp\":\"2024-01-01T00:00:00Z\",\"record-type\":\"data\","
                + "\"operation\":\"insert\",\"schema-name\":\"s\",\"table-name\":\"t\"}}";
        String noMetadata = "{\"data\":{\"secret\":\"SECRET-MARKER-42\"}}";
        String badJson = "{\"data\":{\"secret\":\"SECRET-MARKER-42\" \"x\"},\"metadata\":{}}";
        String badOp = "{\"data\":{\"secret\":\"SECRET-MARKER-42\"},\"metadata\":{\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"record-type\":\"data\",\"operation\":\"SECRET-MARKER-42\"}}";
        String input = good + "\n" + noMetadata + "\n" + badJson + "\n" + badOp + "\n" + good.replace("\"id\":1", "\"id\":2") + "\n";

        ChangeReadException e = assertThrows(ChangeReadException.class, () -> Golden.readAll(
                adapter.open(stream(input), ReadContext.of("in.json", ReadOptions.defaults()))));
        assertEquals(ChangeReadException.Kind.MISSING_FIELD, e.kind());
        assertEquals(2, e.position().line());
        assertEquals(2, e.position().record());
        assertFalse(e.getMessage().contains("SECRET-MARKER-42"));

        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = Golden.readAll(adapter.open(stream(input),
                ReadContext.of("in.json", ReadOptions.defaults().skipOnError(skipped::add))));
        assertEquals(2, events.size());
        assertEquals("2", events.get(1).after().get("id").toString());
        assertEquals(5L, events.get(1).origin().line());
        assertEquals(3, skipped.size());
        assertEquals(ChangeReadException.Kind.MALFORMED, skipped.get(1).kind());
        assertEquals(3, skipped.get(1).position().line());
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, skipped.get(2).kind());
        for (ChangeReadException s : skipped) {
            assertFalse(s.getMessage().contains("SECRET-MARKER-42"), s.getMessage());
        }
    }

    @Test
    void detection() {
        assertEquals(io.cdcsdk.core.spi.FormatAdapter.Detection.CERTAIN, adapter.detect(head("x.json",
                "{\n\t\"data\":\t{},\n\t\"metadata\":\t{\"record-type\":\t\"data\"}}")));
        assertEquals(io.cdcsdk.core.spi.FormatAdapter.Detection.NO, adapter.detect(head("x.json", "{\"Records\":[]}")));
        assertEquals(io.cdcsdk.core.spi.FormatAdapter.Detection.NO, adapter.detect(head("x.csv", "I,1,2")));
        assertTrue(adapter.unavailableReason().isEmpty());
    }

    @Test
    void prettyCrlfRecordsConcatenatedWithoutSeparatorAndGzipped() throws Exception {
        String one = new String(Files.readAllBytes(Golden.resource("samples/kinesis-json_real_moj-dpr_oracle_insert.json")),
                StandardCharsets.UTF_8).strip().replace("\r\n", "\n").replace("\n", "\r\n");
        String two = new String(Files.readAllBytes(Golden.resource("samples/kinesis-json_real_moj-dpr_oracle_delete.json")),
                StandardCharsets.UTF_8).strip().replace("\r\n", "\n").replace("\n", "\r\n");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write((one + two).getBytes(StandardCharsets.UTF_8));
        }
        io.cdcsdk.core.FormatRegistry registry = io.cdcsdk.core.FormatRegistry.builder()
                .add(new DmsCsvAdapter()).add(adapter).build();
        List<ChangeEvent> events = Golden.readAll(registry.open(new ByteArrayInputStream(bytes.toByteArray()),
                "firehose/2022/10/05/15/stream-1-2022-10-05-15-01-00-abc.gz", null, ReadOptions.defaults()));
        assertEquals(2, events.size());
        assertEquals(io.cdcsdk.core.Operation.INSERT, events.get(0).op());
        assertEquals(io.cdcsdk.core.Operation.DELETE, events.get(1).op());
        assertEquals("dms-json", events.get(1).source().format());
        assertEquals(29L, events.get(1).origin().line());
        assertEquals(2L, events.get(1).origin().record());
        assertNull(events.get(1).after());
    }

    static io.cdcsdk.core.spi.FormatAdapter.Head head(String name, String text) {
        return new io.cdcsdk.core.spi.FormatAdapter.Head(name, text.getBytes(StandardCharsets.UTF_8), false);
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
