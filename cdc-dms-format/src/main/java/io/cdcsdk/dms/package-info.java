/**
 * AWS DMS output for the ChangeEvent model: the JSON envelope written to Kinesis, Kafka and
 * Firehose ({@link io.cdcsdk.dms.DmsJsonAdapter}), S3 CSV files ({@link io.cdcsdk.dms.DmsCsvAdapter}
 * with {@link io.cdcsdk.dms.TableDefinitions}), S3 Parquet files
 * ({@link io.cdcsdk.dms.DmsParquetAdapter}) and S3 object keys ({@link io.cdcsdk.dms.DmsObjectKey}).
 */
package io.cdcsdk.dms;
