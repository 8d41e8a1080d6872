/**
 * AWS DMS output: the JSON envelope (Kinesis, Kafka, Firehose) as the {@code dms-json} format, S3
 * CSV files as {@code dms-csv}, and S3 object keys. Parquet files are read by the module
 * {@code io.cdcsdk.dms.parquet}.
 */
@SuppressWarnings("module") // io.cdcsdk.dms.parquet is built after this module
module io.cdcsdk.dms {
    requires transitive io.cdcsdk.core;
    requires com.fasterxml.jackson.databind;

    exports io.cdcsdk.dms;
    exports io.cdcsdk.dms.internal to io.cdcsdk.dms.parquet;

    provides io.cdcsdk.core.spi.FormatAdapter with io.cdcsdk.dms.internal.DmsJsonAdapter, io.cdcsdk.dms.internal.DmsCsvAdapter;
}
