/**
 * AWS DMS output for the ChangeEvent model: the JSON envelope written to Kinesis, Kafka and
 * Firehose ({@link io.cdcsdk.dms.DmsJsonAdapter}), S3 CSV files ({@link io.cdcsdk.dms.DmsCsvAdapter}
 * with {@link io.cdcsdk.dms.TableDefinitions}) and S3 object keys ({@link io.cdcsdk.dms.DmsObjectKey}).
 * S3 Parquet files are read by the {@code dms-parquet} adapter of the cdc-dms-parquet artifact.
 */
package io.cdcsdk.dms;
