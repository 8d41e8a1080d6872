package io.cdcsdk.dms.internal;

import io.cdcsdk.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fast timestamp parsers agree with the formatters wherever they return a value. */
class TimestampsTest {

    @Test
    void agreesWithTheFormatters() {
        Seeds.forAll("timestamps", 0x715L, 20_000, random -> {
            String date = String.format("%04d-%02d-%02d", random.nextInt(3000), random.nextInt(14), random.nextInt(33));
            String time = String.format("%02d:%02d:%02d", random.nextInt(26), random.nextInt(61), random.nextInt(61));
            String fraction = random.nextBoolean() ? "" : "." + "123456789012".substring(0, random.nextInt(12));
            String iso = date + "T" + time + fraction + (random.nextInt(10) == 0 ? "+01:00" : "Z");
            String dms = date + " " + time + fraction;
            check(Timestamps.isoInstant(iso), iso, true);
            check(Timestamps.dmsTimestamp(dms), dms, false);
        });
    }

    @Test
    void epochDayAgreesWithLocalDateOnEveryDate() {
        for (LocalDate d = LocalDate.of(1, 1, 1); d.getYear() < 10_000; d = d.plusDays(1)) {
            assertEquals(d.toEpochDay(), Timestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d::toString);
        }
    }

    private static void check(Instant fast, String s, boolean iso) {
        if (fast == null) {
            return;
        }
        Instant slow;
        try {
            slow = iso ? Instant.parse(s) : LocalDateTime.parse(s, DmsCsvReader.TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new AssertionError("the fast parser accepts what the formatter rejects");
        }
        assertEquals(slow, fast);
    }

    @Test
    void otherShapesAreLeftToTheFormatter() {
        assertNull(Timestamps.isoInstant("2024-06-12T10:35:23+01:00"));
        assertNull(Timestamps.isoInstant("2024-02-30T10:35:23Z"));
        assertNull(Timestamps.dmsTimestamp("2024-06-12 10:35:23."));
        assertNull(Timestamps.dmsTimestamp("2024-06-12T10:35:23"));
        assertEquals(Instant.parse("2024-06-12T10:35:23.719448Z"), Timestamps.dmsTimestamp("2024-06-12 10:35:23.719448"));
    }
}
