package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.JsonParsing;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The rules of DynamoDB attribute values, whatever they are read from (parser tokens or the objects
 * of the AWS libraries): what each type tag holds, numbers (38 digits, the exponent range), binary,
 * and the errors, which name the JSON path and what was expected, never the value.
 */
final class AttributeRules {
    static final String TAGS = "one of S N B SS NS BS M L NULL BOOL";
    /** DynamoDB keeps at most 38 significant digits. */
    static final int MAX_PRECISION = 38;
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private AttributeRules() {
    }

    /** The limits to read DynamoDB JSON with: its nesting needs two levels per attribute level (32) plus envelopes. */
    static Limits limits(Limits limits) {
        return limits.equals(Limits.DEFAULTS) ? limits.withMaxNestingDepth(96) : limits;
    }

    // ---------------------------------------------------------------- paths

    /** Appends an object member to a JSON path. */
    static String member(String path, String name) {
        if (IDENT.matcher(name).matches()) {
            return path + "." + name;
        }
        StringBuilder sb = new StringBuilder(path).append("['");
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            sb.append(c == '\'' || c == '\\' ? "\\" + c : c < 0x20 ? "?" : String.valueOf(c));
        }
        return sb.append(name.length() > 64 ? "...']" : "']").toString();
    }

    /**
     * A JSON path, written out only when an error names it: building the path string of every
     * attribute read costs more than reading the value.
     */
    static final class At {
        private final Object parent;
        private final String member;
        private final int index;

        /** Member {@code member} of {@code parent} (a String or another At). */
        At(Object parent, String member) {
            this.parent = parent;
            this.member = member;
            this.index = -1;
        }

        /** Element {@code index} of {@code parent}. */
        At(Object parent, int index) {
            this.parent = parent;
            this.member = null;
            this.index = index;
        }

        @Override
        public String toString() {
            String p = parent.toString();
            return member != null ? member(p, member) : p + "[" + index + "]";
        }
    }

    // ---------------------------------------------------------------- what each tag holds

    /** What the value under {@code tag} must be; null for a tag that is not DynamoDB's. */
    static String expected(String tag) {
        return switch (tag) {
            case "S" -> "a string";
            case "N" -> "a number as a string";
            case "B" -> "a base64 string";
            case "BOOL" -> "true or false";
            case "NULL" -> "true";
            case "SS", "NS", "BS", "L" -> "an array";
            case "M" -> "an object";
            default -> null;
        };
    }

    /** What a member of an {@code SS}, {@code NS} or {@code BS} set must be. */
    static String setMember(String tag) {
        return tag.equals("SS") ? "a string" : tag.equals("NS") ? "a number as a string" : "a base64 string";
    }

    // ---------------------------------------------------------------- errors

    /** {@code found} (a JSON type, never a value) stands where {@code expected} should. */
    static ChangeReadException notA(Position position, Object at, String expected, String found) {
        return ChangeReadException.unexpectedType(position, String.valueOf(at), expected, found);
    }

    /** An item that is not an object. */
    static ChangeReadException notItem(Position position, Object at, String found) {
        return notA(position, at, "an object of attribute values", found);
    }

    /** An attribute value that is not an object. */
    static ChangeReadException notAttribute(Position position, Object at, String found) {
        return notA(position, at, "an attribute value object (" + TAGS + ")", found);
    }

    /** An attribute value with {@code members} type tags, not one. */
    static ChangeReadException tagCount(Position position, Object at, int members) {
        return notA(position, at, "exactly one type tag (" + TAGS + ")", members == 0 ? "none" : members + " members");
    }

    /** An attribute value whose type tag is not DynamoDB's. */
    static ChangeReadException unknownTag(Position position, Object at, String tag) {
        String t = tag.length() > 16 ? tag.substring(0, 16) + "..." : tag;
        return notA(position, at, TAGS, "type tag \"" + t.replaceAll("[^A-Za-z0-9_]", "?") + "\"");
    }

    /** A number string of {@code length} characters that is not a DynamoDB number. */
    static ChangeReadException notNumber(Position position, Object at, int length) {
        return notA(position, at, "a DynamoDB number (up to 38 significant digits, magnitude 1E-130 to 9.99E+125)",
                "a string of " + length + " characters that is not one");
    }

    /** A base64 string of {@code length} characters that is not base64. */
    static ChangeReadException notBase64(Position position, Object at, int length) {
        return notA(position, at, "base64 binary", "a string of " + length + " characters that is not base64");
    }

    // ---------------------------------------------------------------- numbers

    /** The number of an {@code N} string (or an {@code NS} member) at {@code at}. */
    static BigDecimal number(String s, Object at, Position position) {
        BigDecimal d = parseNumber(s);
        if (d == null) {
            throw notNumber(position, at, s.length());
        }
        return d;
    }

    /** The exact decimal of a DynamoDB number string, with the scale as written, or null when it is not one. */
    static BigDecimal parseNumber(String s) {
        if (s.isEmpty() || s.length() > 2000) {
            return null;
        }
        char[] chars = s.toCharArray();
        return parseNumber(chars, 0, chars.length);
    }

    /** {@link #parseNumber(String)} of the characters {@code chars[offset, offset + length)}. */
    static BigDecimal parseNumber(char[] chars, int offset, int length) {
        // Plain decimals of up to 18 digits are always within DynamoDB's range.
        BigDecimal plain = JsonParsing.plainDecimal(chars, offset, length);
        if (plain != null) {
            return plain;
        }
        if (length == 0 || length > 2000 || !isNumberSyntax(chars, offset, length)) {
            return null;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(chars, offset, length);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
        return isInRange(d) ? d : null;
    }

    /** {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,9})?}, without a regex: this runs for every number read. */
    private static boolean isNumberSyntax(char[] s, int offset, int length) {
        int n = offset + length;
        int i = offset;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s[i])) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s[i] == '.') {
            i++;
            while (i < n && isDigit(s[i])) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s[i])) {
                i++;
                expDigits++;
            }
            if (expDigits == 0 || expDigits > 9) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether DynamoDB can store the number: 38 significant digits, magnitude within 1E-130 .. 1E+126. */
    static boolean isInRange(BigDecimal d) {
        if (d.signum() == 0) {
            return true;
        }
        // precision - scale does not change when trailing zeros are stripped
        BigDecimal stripped = d.precision() > MAX_PRECISION ? d.stripTrailingZeros() : d;
        if (stripped.precision() > MAX_PRECISION) {
            return false;
        }
        // magnitude: the exponent of the leading digit, precision - scale - 1
        long leading = (long) stripped.precision() - stripped.scale() - 1;
        return leading <= 125 && leading >= -130;
    }
}
