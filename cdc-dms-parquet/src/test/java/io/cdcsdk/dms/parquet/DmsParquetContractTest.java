package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.testkit.FormatAdapterContract;
import java.util.List;

/** dms-parquet under the adapter contract, over the real DMS full-load Parquet file. */
class DmsParquetContractTest extends FormatAdapterContract {
    private static final String SAMPLE = "s3-parquet_real_segmentio-parquet-go_dms_test_table_LOAD00000001";

    @Override
    protected FormatAdapter adapter() {
        return new DmsParquetAdapter();
    }

    @Override
    protected List<Sample> samples() {
        return List.of(Sample.of("samples/" + SAMPLE + ".parquet", "golden/" + SAMPLE + ".expected.ndjson")
                .named("public/dms_test_table/LOAD00000001.parquet"));
    }
}
