package io.cdcsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.testing.Seeds;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path of {@link IsoInstantParser} gives exactly what {@link Instant#parse} gives, instant or failure. */
class IsoInstantParserTest {
    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
    private static final String EDITS = "0123456789-:.TZtz+ ";

    @Test
    void writtenInstantsReadBackAsInstantParseReadsThem() {
        Seeds.forAll("written instants", 0x150_0001L, 20_000, random -> {
            String text = instant(random).toString();
            assertTrue(assertSame(text), text);
            int point = text.indexOf('.');
            if (point > 0) {
                // One to nine fraction digits, as other writers write them.
                String cut = text.substring(0, point + 1 + random.nextInt(text.length() - point - 2)) + "Z";
                assertTrue(assertSame(cut.endsWith(".Z") ? text : cut), cut);
            }
        });
    }

    @Test
    void textsNearTheShapeReadAsInstantParseReadsThem() {
        int[] parsed = new int[2];
        Seeds.forAll("near the shape", 0x150_0002L, 20_000, random -> {
            StringBuilder text = new StringBuilder(instant(random).toString());
            int edits = 1 + random.nextInt(2);
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, EDITS.charAt(random.nextInt(EDITS.length())));
                    case 1 -> {
                        if (at < text.length()) {
                            text.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < text.length()) {
                            text.setCharAt(at, EDITS.charAt(random.nextInt(EDITS.length())));
                        }
                    }
                }
            }
            parsed[assertSame(text.toString()) ? 0 : 1]++;
        });
        assertTrue(parsed[0] > 2_000 && parsed[1] > 2_000, "parsed " + parsed[0] + ", failed " + parsed[1]);
    }

    @Test
    void edgesOfTheShape() {
        for (String text : new String[] {"2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
            "2000-02-29T23:59:59.999999999Z", "2024-04-31T00:00:00Z", "2024-12-31T24:00:00Z", "2016-12-31T23:59:60Z",
            "2024-06-12T10:60:00Z", "2024-00-12T10:00:00Z", "2024-13-12T10:00:00Z", "2024-06-00T10:00:00Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.9Z", "2024-06-12T10:35:23.Z", "2024-06-12T10:35:23.1234567891Z",
            "2024-06-12t10:35:23z", "2024-06-12T10:35:23+01:00", "2024-06-12T10:35Z", "+2024-06-12T10:35:23Z",
            "-0001-06-12T10:35:23Z", "2024-06-12T10:35:23.000Z", "2024-06-12T10:35:23.000000001Z", "", "Z"}) {
            assertSame(text);
        }
    }

    /** Asserts the parser gives what Instant.parse gives; whether it gave an instant. */
    private static boolean assertSame(String text) {
        String expected;
        try {
            expected = Instant.parse(text).toString();
        } catch (DateTimeParseException e) {
            expected = "fails";
        }
        String actual;
        char[] chars = ("[" + text + "]").toCharArray();
        try {
            actual = IsoInstantParser.parse(chars, 1, text.length()).toString();
        } catch (DateTimeParseException e) {
            actual = "fails";
        }
        assertEquals(expected, actual, text);
        return !expected.equals("fails");
    }

    /** An instant of years 0000 to 9999 with 0, 3, 6, 9 or any number of fraction digits, sometimes any instant. */
    private static Instant instant(Random random) {
        if (random.nextInt(20) == 0) {
            return Instant.ofEpochSecond(random.nextLong() % Instant.MAX.getEpochSecond(), random.nextInt(1_000_000_000));
        }
        long seconds = YEAR_0 + (long) (random.nextDouble() * (YEAR_10000 - YEAR_0));
        int nanos = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
