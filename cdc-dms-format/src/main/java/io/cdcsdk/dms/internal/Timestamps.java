package io.cdcsdk.dms.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Fast parsing of the two timestamp shapes DMS writes, without a {@link java.time.format.DateTimeFormatter}:
 * {@code 2024-06-12T10:35:23.719448Z} (JSON metadata) and {@code 2024-06-12 10:35:23.719448} (CSV and
 * Parquet timestamp columns, UTC). Each returns {@code null} for text of another shape, and the
 * caller falls back to the formatter, which decides what else is valid and how it fails. Public for
 * cdc-dms-parquet's reader ({@link #dmsColumn}); not API.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null. */
    static Instant isoInstant(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(10) != 'T' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        return parse(s, n - 1);
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.f{1,9}]} in UTC, or null. */
    static Instant dmsTimestamp(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(10) != ' ') {
            return null;
        }
        return parse(s, n);
    }

    /**
     * The value of a DMS timestamp column ({@code TimestampColumnName}, CSV or Parquet): the fast
     * shape, else what the CSV reader's formatter accepts, in UTC.
     *
     * @param s the column's text, not empty
     * @return the instant
     * @throws DateTimeParseException for text of another form
     */
    public static Instant dmsColumn(String s) {
        Instant fast = dmsTimestamp(s);
        return fast != null ? fast : LocalDateTime.parse(s, DmsCsvReader.TIMESTAMP).toInstant(ZoneOffset.UTC);
    }

    // The date and time in s[0, end): fixed fields, then an optional fraction of 1 to 9 digits.
    private static Instant parse(String s, int end) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || year < 1 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (end > 19) {
            int fraction = end - 20;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int f = digits(s, 20, fraction);
            if (f < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                f *= 10;
            }
            nanos = f;
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    // Days since 1970-01-01 of a valid date in years 1 to 9999, as LocalDate.toEpochDay counts them,
    // without making one (days before March counted as the end of the previous year).
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400; // y >= 0
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
