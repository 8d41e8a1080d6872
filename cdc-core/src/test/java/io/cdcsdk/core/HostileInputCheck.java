package io.cdcsdk.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Feeds hostile inputs that are far larger than the heap through the {@code cdc-json} reader under
 * the default limits, and checks that each fails with LIMIT_EXCEEDED (never OutOfMemoryError or
 * StackOverflowError), and that under SKIP the record after it is read. Run in a JVM with a small
 * heap ({@link HostileInputTest} uses {@code -Xmx256m}):
 *
 * <pre>
 * java -Xmx256m -cp &lt;cdc-core test class path&gt; io.cdcsdk.core.HostileInputCheck
 * </pre>
 *
 * Prints one line per input and exits with status 1 when one does not behave.
 */
public final class HostileInputCheck {
    static final String GOOD = "{\"op\":\"insert\",\"source\":{\"format\":\"x\",\"schema\":\"s\",\"table\":\"t\"},"
            + "\"key\":{\"id\":1},\"before\":null,\"after\":{\"id\":1},\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}\n";

    private HostileInputCheck() {
    }

    public static void main(String[] args) throws IOException {
        long mb = 1 << 20;
        List<String> failures = new ArrayList<>();
        check(failures, "200 MB single-line string", () -> input(
                "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"s\":\"", 'x', 200 * mb, "\"}}\n" + GOOD), true, SkipToo.NO);
        check(failures, "20 MB single-line string", () -> input(
                "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"s\":\"", 'x', 20 * mb, "\"}}\n" + GOOD), true);
        check(failures, "8 MB number within the record limit", () -> input(
                "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"n\":", '7', 8 * mb, "}}\n" + GOOD), true);
        check(failures, "1 million nested arrays", () -> new SequenceInputStream(
                input("{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"d\":", '[', mb, ""),
                input("", ']', mb, "}}\n" + GOOD)), true);
        check(failures, "gzip bomb of 128 MB", () -> gzipBomb(128 * mb), true);
        check(failures, "15 MB string within the defaults", () -> input(
                "{\"op\":\"insert\",\"source\":{\"format\":\"x\"},\"after\":{\"s\":\"", 'y', 15 * mb, "\"}}\n" + GOOD), false);
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("FAILED " + f));
            System.exit(1);
        }
    }

    interface Input {
        InputStream open() throws IOException;
    }

    enum SkipToo { YES, NO }

    private static void check(List<String> failures, String name, Input input, boolean overLimit) throws IOException {
        check(failures, name, input, overLimit, SkipToo.YES);
    }

    private static void check(List<String> failures, String name, Input input, boolean overLimit, SkipToo skipToo)
            throws IOException {
        try {
            // FAIL: the hostile record throws LIMIT_EXCEEDED; or, within the limits, both records are read.
            int read = 0;
            ChangeReadException thrown = null;
            try (ChangeReader r = FormatRegistry.discover().open(input.open(), name, "cdc-json", ReadOptions.defaults())) {
                while (r.hasNext()) {
                    r.next();
                    read++;
                }
            } catch (ChangeReadException e) {
                thrown = e;
            }
            if (overLimit && (thrown == null || thrown.kind() != ChangeReadException.Kind.LIMIT_EXCEEDED)) {
                failures.add(name + ": expected LIMIT_EXCEEDED under FAIL, got " + (thrown == null ? read + " events" : thrown.getMessage()));
                return;
            }
            if (!overLimit && (thrown != null || read != 2)) {
                failures.add(name + ": expected 2 events, got " + read + (thrown == null ? "" : " and " + thrown.getMessage()));
                return;
            }
            if (skipToo == SkipToo.NO) {
                System.out.println("ok " + name + ": " + thrown.getMessage());
                return;
            }
            // SKIP: one report, then the good record (a broken gzip input ends at the report).
            List<ChangeReadException> reports = new ArrayList<>();
            int skipRead = 0;
            try (ChangeReader r = FormatRegistry.discover().open(input.open(), name, "cdc-json",
                    ReadOptions.defaults().skipOnError(reports::add))) {
                while (r.hasNext()) {
                    r.next();
                    skipRead++;
                }
            }
            int expected = overLimit ? (thrown.isInputBroken() ? 0 : 1) : 2;
            if (skipRead != expected || reports.size() != (overLimit ? 1 : 0)) {
                failures.add(name + ": under SKIP expected " + expected + " events and a report, got " + skipRead + " and " + reports);
                return;
            }
            System.out.println("ok " + name + (thrown == null ? "" : ": " + thrown.getMessage()));
        } catch (OutOfMemoryError | StackOverflowError e) {
            failures.add(name + ": " + e);
        }
    }

    /** A prefix, {@code n} times the byte {@code fill}, and a suffix, generated as it is read. */
    static InputStream input(String prefix, char fill, long n, String suffix) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private long pos;
            private final long total = head.length + n + tail.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= total) {
                    return -1;
                }
                int count = (int) Math.min(len, total - pos);
                for (int i = 0; i < count; i++, pos++) {
                    b[off + i] = pos < head.length ? head[(int) pos]
                            : pos < head.length + n ? (byte) fill : tail[(int) (pos - head.length - n)];
                }
                return count;
            }
        };
    }

    /** A small gzip input that decompresses to {@code bytes} of blank lines, then a good record. */
    static InputStream gzipBomb(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            byte[] blank = new byte[1 << 16];
            Arrays.fill(blank, (byte) ' ');
            for (long done = 0; done < bytes; done += blank.length) {
                gz.write(blank);
            }
            gz.write(GOOD.getBytes(StandardCharsets.UTF_8));
        }
        return new java.io.ByteArrayInputStream(out.toByteArray());
    }
}
