package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsJsonAdapter;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.testkit.FormatAdapterContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** dms-json under the adapter contract, over every golden sample of the DMS JSON envelope. */
class DmsJsonContractTest extends FormatAdapterContract {
    private static final String[] SAMPLES = {
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
    };

    @Override
    protected FormatAdapter adapter() {
        return new DmsJsonAdapter();
    }

    @Override
    protected List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (String name : SAMPLES) {
            samples.add(sample(name));
        }
        // A capture of Kinesis records whose placeholders are not DMS records: its expected events
        // are what SKIP reads.
        samples.add(sample("kinesis-capture_real_moj-dpr_oracle_kinesis-records-dotnet-dump.json")
                .withOptions(ReadOptions.defaults().skipOnError(e -> { })));
        // Read with its table definitions (a key, and a column whose NULL in an update is not logged).
        String toast = "kinesis-json_made-from-crate-commons-codec_postgres-toast-update";
        try {
            samples.add(sample(toast + ".ndjson").withOptions(ReadOptions.defaults().withExtension(
                    TableDefinitions.read(Path.of("src/test/resources/samples/" + toast + ".table-def.json")))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    private static Sample sample(String name) {
        return Sample.of("samples/" + name, "golden/" + name.substring(0, name.lastIndexOf('.')) + ".expected.ndjson");
    }
}
