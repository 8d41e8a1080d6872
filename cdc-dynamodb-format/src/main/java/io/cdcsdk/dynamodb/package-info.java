/**
 * DynamoDB change records and exports as {@link io.cdcsdk.core.ChangeEvent}s.
 *
 * <p>This module brings two formats, found by {@link io.cdcsdk.core.FormatRegistry} and opened by
 * name or detection:
 * <ul>
 *   <li>{@code dynamodb-stream}: Lambda events (tumbling windows too), single stream records,
 *       GetRecords responses, EventBridge Pipes arrays and Kinesis Data Streams for DynamoDB (in
 *       Lambda Kinesis events, which the registry unwraps, or decoded), every
 *       {@code StreamViewType}, Time to Live deletions; options: {@link io.cdcsdk.dynamodb.DynamoDbStreamOptions};</li>
 *   <li>{@code dynamodb-export}: DynamoDB JSON exports to S3, full and incremental; options:
 *       {@link io.cdcsdk.dynamodb.DynamoDbExportOptions}, manifests: {@link io.cdcsdk.dynamodb.DynamoDbExportManifest}.</li>
 * </ul>
 * Objects that are not bytes convert without them: {@link io.cdcsdk.dynamodb.DynamoDbLambdaEvents}
 * (aws-lambda-java-events) and {@link io.cdcsdk.dynamodb.DynamoDbSdkValues} (AWS SDK v2). Attribute
 * values convert exactly both ways with {@link io.cdcsdk.dynamodb.AttributeValues}.
 */
package io.cdcsdk.dynamodb;
