package io.cdcsdk.dynamodb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cdcsdk.core.testing.Seeds;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** DynamoDB numbers are parsed without a regex and, when short, from a long; they must be what BigDecimal makes of them. */
class AttributeRulesTest {
    @Test
    void numbersParseAsBigDecimalParsesThem() {
        String[] parts = {"0", "1", "9", "00", "123456789", "999999999", ".", ".", "-", "+", "e", "E", "e-", "E+",
            "130", "x", " ", "\u0661"};
        Seeds.forAll("DynamoDB numbers = new BigDecimal(text)", 0x5_7EA6L, 20_000, random -> {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(9);
            for (int i = 0; i < n; i++) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            String s = sb.toString();
            BigDecimal expected = referenceNumber(s);
            BigDecimal actual = AttributeRules.parseNumber(s);
            assertEquals(expected, actual, s);
            if (expected != null) {
                assertEquals(expected.scale(), actual.scale(), s);
            }
        });
        assertEquals(new BigDecimal("-0.50"), AttributeRules.parseNumber("-0.50"));
        assertEquals(2, AttributeRules.parseNumber("-0.50").scale());
        assertEquals(new BigDecimal("123456789012345678"), AttributeRules.parseNumber("123456789012345678"));
        assertEquals(new BigDecimal("1234567890123456789"), AttributeRules.parseNumber("1234567890123456789"));
        assertNull(AttributeRules.parseNumber("."));
        assertNull(AttributeRules.parseNumber("1e"));
    }

    /** The syntax by a regular expression, then BigDecimal, then DynamoDB's range. */
    private static BigDecimal referenceNumber(String s) {
        if (s.isEmpty() || s.length() > 2000 || !s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,9})?")) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s);
            return AttributeRules.isInRange(d) ? d : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
