package io.cdcsdk.core;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a generated NDJSON input of at least the given size (default 1 GiB) through the
 * {@code cdc-json} reader and checks the event count, to show that reading is lazy. Run it in its
 * own JVM with a small heap:
 *
 * <pre>
 * java -Xmx64m -cp &lt;cdc-core test class path&gt; io.cdcsdk.core.LargeInputCheck [bytes]
 * </pre>
 *
 * The input is generated as it is read; nothing is written to disk. Prints one line of results and
 * exits with status 1 when the count is wrong.
 */
public final class LargeInputCheck {
    private LargeInputCheck() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1L << 30;
        GeneratedNdjson input = new GeneratedNdjson(target);
        long expected = input.events();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong maxHeapUsed = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxHeapUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        long start = System.nanoTime();
        long count = 0;
        BigDecimalSum sum = new BigDecimalSum();
        try (ChangeReader reader = FormatRegistry.discover().open(input, "generated.ndjson", null,
                ReadOptions.defaults())) {
            while (reader.hasNext()) {
                ChangeEvent e = reader.next();
                sum.add(e.after().decimal("id"));
                count++;
            }
        }
        long nanos = System.nanoTime() - start;
        sampler.interrupt();
        sampler.join();

        double seconds = nanos / 1e9;
        long bytes = input.produced();
        System.out.printf("input bytes %d, events %d (expected %d), %.1f s, %.1f MB/s, max heap used %.1f MiB"
                        + " of max %.0f MiB%n", bytes, count, expected, seconds, bytes / 1e6 / seconds,
                maxHeapUsed.get() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        // 1 + 2 + ... + n: every event was read, in order, with its exact id.
        boolean idsOk = sum.matchesTriangular(expected);
        if (count != expected || bytes < target || !idsOk) {
            System.out.println("FAILED: count " + count + ", ids " + (idsOk ? "ok" : "wrong"));
            System.exit(1);
        }
    }

    private static final class BigDecimalSum {
        private java.math.BigInteger sum = java.math.BigInteger.ZERO;

        void add(java.math.BigDecimal d) {
            sum = sum.add(d.toBigIntegerExact());
        }

        boolean matchesTriangular(long n) {
            java.math.BigInteger big = java.math.BigInteger.valueOf(n);
            return sum.equals(big.multiply(big.add(java.math.BigInteger.ONE)).shiftRight(1));
        }
    }

    /**
     * NDJSON events in the ChangeEvent JSON form, generated on the fly: every line has the same
     * length, and event {@code i} (1-based) has {@code id} {@code i}, right-aligned after spaces.
     */
    static final class GeneratedNdjson extends InputStream {
        private static final int DIGITS = 12;
        private static final String ID = "#".repeat(DIGITS);
        private static final String TEMPLATE = "{\"op\":\"update\",\"source\":{\"format\":\"dms-json\",\"schema\":\"sales\","
                + "\"table\":\"orders\"},\"key\":{\"id\":" + ID + "},\"before\":{\"id\":" + ID + ",\"amount\":"
                + "12345678901234567890.123456789012345678,\"status\":\"open\"},\"after\":{\"id\":" + ID
                + ",\"amount\":1E-130,\"status\":\"paid \\\"\\u00e9\\\" \\ud83d\\ude00\",\"tags\":[\"a\",\"b\"],"
                + "\"address\":{\"city\":\"Zürich\",\"zip\":\"8001\"},\"blob\":\"AAECAwQ=\"},"
                + "\"ts\":\"2024-06-12T10:31:25.108123456Z\",\"position\":\"00000000000000000000000000000000001234\","
                + "\"tx\":\"8589934593\",\"meta\":{\"recordType\":\"data\"}}\n";

        private final byte[] line = TEMPLATE.getBytes(StandardCharsets.UTF_8);
        private final int[] idAt;
        private final long events;
        private long current;
        private int pos;
        private long produced;

        GeneratedNdjson(long minBytes) {
            events = (minBytes + line.length - 1) / line.length;
            String t = TEMPLATE;
            int a = t.indexOf(ID);
            int b = t.indexOf(ID, a + DIGITS);
            int c = t.indexOf(ID, b + DIGITS);
            byte[] prefix = t.substring(0, a).getBytes(StandardCharsets.UTF_8);
            idAt = new int[] {prefix.length, byteIndex(t, b), byteIndex(t, c)};
            current = 0;
            pos = line.length; // start a new line on the first read
        }

        private static int byteIndex(String s, int charIndex) {
            return s.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
        }

        long events() {
            return events;
        }

        long produced() {
            return produced;
        }

        private boolean nextLine() {
            if (current == events) {
                return false;
            }
            current++;
            long v = current;
            for (int d = DIGITS - 1; d >= 0; d--) {
                byte digit = v == 0 ? (byte) ' ' : (byte) ('0' + (v % 10));
                v /= 10;
                for (int at : idAt) {
                    line[at + d] = digit;
                }
            }
            pos = 0;
            return true;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                if (pos == line.length && !nextLine()) {
                    break;
                }
                int k = Math.min(len - n, line.length - pos);
                System.arraycopy(line, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            produced += n;
            return n == 0 ? -1 : n;
        }
    }
}
