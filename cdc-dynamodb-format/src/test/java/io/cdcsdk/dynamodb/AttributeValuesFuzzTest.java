package io.cdcsdk.dynamodb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Row;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of {@link AttributeValues}: DynamoDB JSON text of an item parses into a
 * row or fails with ChangeReadException, and a row that parses writes back to DynamoDB JSON that
 * reads back to the same row (or is refused with IllegalArgumentException, as an empty set is).
 * Wired like {@link DynamoDbStreamFuzzTest}.
 */
class AttributeValuesFuzzTest {
    @FuzzTest(maxDuration = "8s")
    void fuzz(byte[] input) {
        target(input);
    }

    @FuzzTest(maxDuration = "5m")
    void fuzzLong(byte[] input) {
        target(input);
    }

    private static void target(byte[] input) {
        FuzzSupport.count("AttributeValues");
        Row row;
        try {
            row = AttributeValues.parseItem(new String(input, StandardCharsets.UTF_8));
        } catch (ChangeReadException e) {
            FuzzSupport.checkReport(e, "item");
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
