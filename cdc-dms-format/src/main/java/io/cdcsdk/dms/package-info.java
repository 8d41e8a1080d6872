/**
 * AWS DMS output as {@link io.cdcsdk.core.ChangeEvent}s.
 *
 * <p>This module brings two formats, found by {@link io.cdcsdk.core.FormatRegistry} and opened by
 * name or detection:
 * <ul>
 *   <li>{@code dms-json}: the JSON envelope DMS writes to Kinesis and Kafka and Firehose drops in
 *       S3; settings: {@link io.cdcsdk.dms.DmsJsonSettings};</li>
 *   <li>{@code dms-csv}: CSV files of the DMS S3 target, full load and CDC; header-less files need
 *       {@link io.cdcsdk.dms.TableDefinitions}; settings: {@link io.cdcsdk.dms.DmsCsvSettings}.</li>
 * </ul>
 * Both are given as read option extensions ({@link io.cdcsdk.core.ReadOptions}). Schema, table and
 * file kind come from the S3 object key ({@link io.cdcsdk.dms.DmsObjectKey}). S3 Parquet files are
 * read by the {@code dms-parquet} format of the {@code cdc-dms-parquet} artifact.
 */
package io.cdcsdk.dms;
