/**
 * DynamoDB change records and exports as {@link io.cdcsdk.core.ChangeEvent}s: the
 * {@code dynamodb-stream} adapter ({@link io.cdcsdk.dynamodb.DynamoDbStreamAdapter}) for Lambda
 * events, single stream records, GetRecords responses, EventBridge Pipes arrays and Kinesis Data
 * Streams for DynamoDB; the {@code dynamodb-export} adapter
 * ({@link io.cdcsdk.dynamodb.DynamoDbExportAdapter}) for S3 exports; and exact conversion between
 * DynamoDB JSON attribute values and plain values ({@link io.cdcsdk.dynamodb.AttributeValues}).
 */
package io.cdcsdk.dynamodb;
