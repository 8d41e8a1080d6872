package io.cdcsdk.core.testing;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random values of the model, for property tests run with {@link Seeds#forAll}: events of every
 * operation, rows with 38-digit decimals and extreme exponents, binary, sets, nested maps and
 * lists, strings with astral-plane characters, control characters, quotes and backslashes, nulls,
 * and timestamps with nanosecond precision. Everything is drawn from the given {@link Random}, so a
 * seed replays a case.
 */
public final class Generators {
    /** Container nesting inside a row value; the event itself adds three levels. */
    private static final int MAX_VALUE_DEPTH = 3;

    private static final String[] SPECIAL = {
        "", " ", "\"", "\\", "\\\"", "\"\\", "\n", "\r\n", "\t", "\u0000", "\u0001", "\u001f", "\u007f",
        "\u2028", "\u2029", "\uFEFF", "{", "}", "[", "]", "},{", "\"}\n{\"", "é", "日本語", "null", "1E-130",
    };
    private static final int[] ASTRAL = {0x1F600, 0x1F4A9, 0x10000, 0x10FFFF, 0x1D11E, 0x20000};

    private Generators() {
    }

    /** A list of 1 to {@code maxSize} events. */
    public static List<ChangeEvent> events(Random random, int maxSize) {
        int n = 1 + random.nextInt(maxSize);
        List<ChangeEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(event(random));
        }
        return events;
    }

    /** An event of any operation, with or without key, images, timestamp, position, tx and meta. */
    public static ChangeEvent event(Random random) {
        Operation op = Operation.values()[random.nextInt(Operation.values().length)];
        ChangeEvent.Builder b = ChangeEvent.builder(op, source(random));
        if (random.nextInt(3) > 0) {
            b.key(row(random, 1 + random.nextInt(3)));
        }
        switch (op) {
            case INSERT, SNAPSHOT -> b.after(row(random, random.nextInt(8)));
            case UPDATE -> {
                if (random.nextBoolean()) {
                    b.before(row(random, random.nextInt(8)));
                }
                b.after(row(random, random.nextInt(8)));
            }
            case DELETE -> {
                if (random.nextInt(4) > 0) {
                    b.before(row(random, random.nextInt(8)));
                }
            }
            case DDL -> {
                if (random.nextBoolean()) {
                    b.after(row(random, random.nextInt(3)));
                }
            }
        }
        b.ts(random.nextInt(5) == 0 ? null : instant(random));
        b.position(random.nextInt(3) == 0 ? null : position(random));
        b.tx(random.nextInt(3) == 0 ? null : string(random));
        int metaEntries = random.nextInt(4);
        for (int i = 0; i < metaEntries; i++) {
            b.meta(columnName(random), value(random, 1));
        }
        images(random, op, b);
        return b.build();
    }

    /**
     * The 1.1 fields, drawn last so that the rest of an event stays what a seed gave before: images
     * of any completeness, and now and then unavailable columns that are not in their image.
     */
    private static void images(Random random, Operation op, ChangeEvent.Builder b) {
        if (random.nextInt(3) > 0) {
            return;
        }
        Completeness[] all = Completeness.values();
        Completeness before = random.nextBoolean() ? null : all[random.nextInt(all.length)];
        Completeness after = random.nextBoolean() ? null : all[random.nextInt(all.length)];
        if (random.nextBoolean()) {
            ChangeEvent partial = b.build();
            Row image = op == Operation.DELETE ? partial.before() : partial.after();
            List<String> columns = new ArrayList<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                String column = columnName(random);
                if ((image == null || !image.has(column)) && !columns.contains(column)) {
                    columns.add(column);
                }
            }
            b.unavailable(columns);
            if (op == Operation.DELETE) {
                before = Completeness.PARTIAL;
            } else {
                after = Completeness.PARTIAL;
            }
        }
        b.images(new Images(before, after));
    }

    /** A source of a random format, with or without schema; the table may be null. */
    public static SourceInfo source(Random random) {
        String[] formats = {"dms-json", "dms-csv", "dynamodb-stream", "dynamodb-export", "custom-" + random.nextInt(10)};
        String format = formats[random.nextInt(formats.length)];
        String schema = random.nextBoolean() ? null : string(random);
        String table = random.nextInt(10) == 0 ? null : string(random);
        return SourceInfo.of(format, schema, table);
    }

    /** A row of {@code columns} distinct columns with values of any kind (nulls included). */
    public static Row row(Random random, int columns) {
        Row.Builder b = Row.builder();
        int put = 0;
        for (int guard = 0; put < columns && guard < columns * 10; guard++) {
            String name = columnName(random);
            if (!b.has(name)) {
                b.put(name, value(random, 0));
                put++;
            }
        }
        return b.build();
    }

    /** A column or map key name: mostly plain identifiers, sometimes any string. */
    public static String columnName(Random random) {
        if (random.nextInt(4) == 0) {
            return string(random);
        }
        return "c" + Integer.toString(random.nextInt(1 << 20), 36);
    }

    /** A value of the model: null, string, decimal, boolean, bytes, list, set or map. */
    public static Object value(Random random, int depth) {
        int kinds = depth >= MAX_VALUE_DEPTH ? 5 : 8;
        switch (random.nextInt(kinds)) {
            case 0:
                return null;
            case 1:
                return string(random);
            case 2:
                return decimal(random);
            case 3:
                return random.nextBoolean();
            case 4:
                return bytes(random);
            case 5: {
                int n = random.nextInt(4);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(value(random, depth + 1));
                }
                return list;
            }
            case 6:
                return set(random);
            default: {
                int n = random.nextInt(4);
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(columnName(random), value(random, depth + 1));
                }
                return map;
            }
        }
    }

    /** A set as DynamoDB has them: all strings, all numbers or all binary. */
    public static Set<Object> set(Random random) {
        int n = random.nextInt(4);
        int kind = random.nextInt(3);
        Set<Object> set = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            set.add(kind == 0 ? string(random) : kind == 1 ? decimal(random) : bytes(random));
        }
        return set;
    }

    /**
     * An exact decimal: up to 38 digits, negative or positive, scale from -130 to +130 (DynamoDB's
     * exponent range), with the extremes drawn often.
     */
    public static BigDecimal decimal(Random random) {
        switch (random.nextInt(8)) {
            case 0:
                return new BigDecimal("1E-130");
            case 1:
                return new BigDecimal("9.9999999999999999999999999999999999999E+125");
            case 2:
                return new BigDecimal("-9.9999999999999999999999999999999999999E+125");
            case 3:
                return BigDecimal.valueOf(random.nextLong());
            case 4:
                return BigDecimal.valueOf(random.nextInt(2000) - 1000, random.nextInt(5));
            default: {
                int digits = 1 + random.nextInt(38);
                BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
                if (random.nextBoolean()) {
                    unscaled = unscaled.negate();
                }
                int scale = random.nextInt(3) == 0 ? random.nextInt(261) - 130 : random.nextInt(11) - 5;
                return new BigDecimal(unscaled, scale);
            }
        }
    }

    /** A string of up to 20 code points, mixing ASCII, quotes, backslashes, control and astral characters. */
    public static String string(Random random) {
        if (random.nextInt(6) == 0) {
            return SPECIAL[random.nextInt(SPECIAL.length)];
        }
        int n = random.nextInt(21);
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(10)) {
                case 0 -> sb.appendCodePoint(ASTRAL[random.nextInt(ASTRAL.length)]);
                case 1 -> sb.append((char) random.nextInt(0x20));
                case 2 -> sb.append(random.nextBoolean() ? '"' : '\\');
                case 3 -> sb.appendCodePoint(0xA0 + random.nextInt(0xD7FF - 0xA0));
                case 4 -> sb.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                default -> sb.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return sb.toString();
    }

    /** Bytes of length 0 to 40, any values. */
    public static Bytes bytes(Random random) {
        byte[] data = new byte[random.nextInt(41)];
        random.nextBytes(data);
        return Bytes.of(data);
    }

    /** An instant between 1900 and 2200 with any nanosecond part (often zero or whole millis). */
    public static Instant instant(Random random) {
        long seconds = -2_208_988_800L + (long) (random.nextDouble() * 9_467_280_000L);
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** An ordering token: digits as DynamoDB and DMS write them, or any string. */
    public static String position(Random random) {
        if (random.nextBoolean()) {
            return String.format("%038d", new BigInteger(120, random));
        }
        return string(random);
    }
}
