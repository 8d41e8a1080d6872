package io.cdcsdk.core.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} into a character buffer, for the {@code ts} field: the shape
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} of years 0000 to 9999, the fraction in groups of three
 * digits as {@code Instant.toString()} writes it, without the formatter's parsed-field machinery.
 * Other years are left to {@code Instant.toString()}.
 */
public final class IsoInstantFormat {
    /** The longest text written: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    public static final int MAX_LENGTH = 30;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final long FIRST = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long END = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private IsoInstantFormat() {
    }

    /**
     * Writes {@code instant.toString()} into {@code out} from index 0.
     *
     * @param out at least {@link #MAX_LENGTH} characters
     * @return the number of characters written, or -1 when the year is outside 0000 to 9999 (nothing
     *         written; use {@link Instant#toString()})
     */
    public static int write(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds >= END) {
            return -1;
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int at = 19;
        int nano = instant.getNano();
        if (nano > 0) {
            out[at++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(out, at, nano / 1_000_000, 3);
                at += 3;
            } else if (nano % 1000 == 0) {
                digits(out, at, nano / 1000, 6);
                at += 6;
            } else {
                digits(out, at, nano, 9);
                at += 9;
            }
        }
        out[at++] = 'Z';
        return at;
    }

    private static void digits(char[] out, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
