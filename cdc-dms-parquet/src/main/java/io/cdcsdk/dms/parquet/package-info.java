/**
 * AWS DMS S3 Parquet files for the ChangeEvent model: {@link io.cdcsdk.dms.parquet.DmsParquetAdapter},
 * found by {@link java.util.ServiceLoader}. Everything else here is implementation.
 */
package io.cdcsdk.dms.parquet;
