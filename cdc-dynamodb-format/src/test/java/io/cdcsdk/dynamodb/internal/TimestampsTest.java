package io.cdcsdk.dynamodb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.testing.Seeds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Timestamps#ofSeconds} reads common times in long arithmetic; it must equal the exact decimal reading. */
class TimestampsTest {
    private static final BigDecimal MAX = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    private static final BigDecimal MIN = BigDecimal.valueOf(Instant.MIN.getEpochSecond());

    /** Epoch seconds to an instant with BigDecimal arithmetic only, as Timestamps did before its long fast path. */
    private static Instant exact(BigDecimal seconds) {
        if (seconds.compareTo(MAX) > 0 || seconds.compareTo(MIN) < 0) {
            return null;
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).multiply(BigDecimal.valueOf(1_000_000_000L))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    @Test
    void edgesReadAsTheExactDecimalReadsThem() {
        for (String s : List.of("0", "-0.000000001", "0.000000001", "-1", "-1.5", "1700000000.123", "-1700000000.123456789",
                "31556889864403199", "31556889864403199.000000000", "31556889864403199.5", "31556889864403199.999999999",
                "31556889864403200", "-31557014167219200", "-31557014167219200.000000001", "-31557014167219199.999999999",
                "999999999999999999", "-999999999999999999", "99999999999999999.9", "1E+3", "1E-10", "123.0000000001",
                "9223372036.854775807", "-9223372036.854775808", "1700000000.1000000000")) {
            BigDecimal d = new BigDecimal(s);
            assertEquals(exact(d), Timestamps.ofSeconds(d), s);
        }
    }

    @Test
    void randomTimesReadAsTheExactDecimalReadsThem() {
        Seeds.forAll("Timestamps.ofSeconds = exact", 0x7157L, 20_000, random -> {
            int digits = 1 + random.nextInt(22);
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "-" : "");
            for (int i = 0; i < digits; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            BigDecimal d = new BigDecimal(new BigInteger(sb.toString()), random.nextInt(14) - 2);
            assertEquals(exact(d), Timestamps.ofSeconds(d), d.toString());
        });
    }
}
