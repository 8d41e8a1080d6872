/**
 * DynamoDB Streams records (Lambda events, GetRecords responses, Kinesis Data Streams payloads) as the
 * {@code dynamodb-stream} format and DynamoDB exports to S3 as {@code dynamodb-export}, with exact
 * attribute values. The conversions of aws-lambda-java-events and AWS SDK objects need those
 * libraries, which are optional.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.cdcsdk.dynamodb {
    requires transitive io.cdcsdk.core;
    requires com.fasterxml.jackson.databind;
    // aws-lambda-java-events has no module name of its own: this is the one its jar's name gives
    requires static transitive aws.lambda.java.events;
    requires static transitive software.amazon.awssdk.core;
    requires static transitive software.amazon.awssdk.services.dynamodb;

    exports io.cdcsdk.dynamodb;

    provides io.cdcsdk.core.spi.FormatAdapter
            with io.cdcsdk.dynamodb.internal.DynamoDbStreamAdapter, io.cdcsdk.dynamodb.internal.DynamoDbExportAdapter;
}
