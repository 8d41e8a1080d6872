package io.cdcsdk.dynamodb;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.testing.FuzzCounts;
import io.cdcsdk.core.testing.FuzzReads;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of {@link AttributeValues}: DynamoDB JSON text of an item parses into a
 * row or fails with ChangeReadException, and a row that parses writes back to DynamoDB JSON that
 * reads back to the same row (or is refused with IllegalArgumentException, as an empty set is).
 */
class AttributeValuesFuzzTest extends FuzzTarget {
    @Override
    void target(byte[] input) {
        FuzzCounts.count("AttributeValues");
        Row row;
        try {
            row = AttributeValues.parseItem(new String(input, StandardCharsets.UTF_8));
        } catch (ChangeReadException e) {
            FuzzReads.checkReport(e, "item");
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode written;
        try {
            written = AttributeValues.toDynamoDbItem(row);
        } catch (IllegalArgumentException e) {
            return; // an empty set: DynamoDB has none to write
        }
        Row again = AttributeValues.toRow(written);
        if (!again.equals(row)) {
            throw new AssertionError("an item does not read back to itself after toDynamoDbItem");
        }
    }
}
