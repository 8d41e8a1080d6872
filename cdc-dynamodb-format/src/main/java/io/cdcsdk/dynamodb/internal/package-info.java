/** Implementation of the DynamoDB adapters. Not API: anything here may change without notice. */
package io.cdcsdk.dynamodb.internal;
