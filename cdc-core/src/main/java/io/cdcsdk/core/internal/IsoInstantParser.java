package io.cdcsdk.core.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#parse} for the {@code ts} field, with a fast path for the shape
 * {@link Instant#toString()} writes for years 0000 to 9999, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}
 * (one to nine fraction digits); {@code Instant.parse}, which builds a parsed-field map for every
 * text, reads anything else.
 */
final class IsoInstantParser {
    private static final int SHORTEST = "yyyy-MM-ddTHH:mm:ssZ".length();
    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstantParser() {
    }

    /**
     * The instant of {@code chars[offset, offset + length)}, as {@link Instant#parse} gives it.
     *
     * @throws java.time.format.DateTimeParseException when it is not an ISO-8601 instant
     */
    static Instant parse(char[] chars, int offset, int length) {
        Instant common = parseCommon(chars, offset, length);
        return common != null ? common : Instant.parse(new String(chars, offset, length));
    }

    /** The instant of the common shape with every field in range, else null. */
    private static Instant parseCommon(char[] c, int at, int length) {
        if (length < SHORTEST || length > SHORTEST + 10 || c[at + length - 1] != 'Z'
                || c[at + 4] != '-' || c[at + 7] != '-' || c[at + 10] != 'T' || c[at + 13] != ':' || c[at + 16] != ':') {
            return null;
        }
        int year = digits(c, at, 4);
        int month = digits(c, at + 5, 2);
        int day = digits(c, at + 8, 2);
        int hour = digits(c, at + 11, 2);
        int minute = digits(c, at + 14, 2);
        int second = digits(c, at + 17, 2);
        // digits gives -1 for anything but digits; 24:00 and 23:59:60 are left to Instant.parse.
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > monthLength(year, month) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        int fractionDigits = length - SHORTEST - 1;
        if (fractionDigits >= 0) {
            if (c[at + 19] != '.' || fractionDigits == 0) {
                return null;
            }
            nanos = digits(c, at + 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} (at most 9) decimal digits at {@code at}, or -1 when one is not a digit. */
    private static int digits(char[] c, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
