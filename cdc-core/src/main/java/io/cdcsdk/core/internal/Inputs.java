package io.cdcsdk.core.internal;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Gzip recognition by magic bytes, the head for detection, and the decompression-ratio guard. */
public final class Inputs {
    private static final int BUFFER = 1 << 16;

    private Inputs() {
    }

    /**
     * An input ready for an adapter: decompressed, buffered, with its head read ahead.
     *
     * @param broken when the gzip input broke within its head (a corrupt header or member, or a
     *               ratio over the limit): the error, which {@code stream} throws after the bytes
     *               that could be read; otherwise null
     */
    public record Prepared(InputStream stream, Head head, ChangeReadException broken) {
        public Prepared(InputStream stream, Head head) {
            this(stream, head, null);
        }
    }

    /** Whether the stream (which must support mark) starts with the gzip magic bytes 1f 8b. */
    public static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return isGzip(b1, b2);
    }

    private static boolean isGzip(int b1, int b2) {
        return b1 == 0x1f && b2 == 0x8b;
    }

    /**
     * An input held in memory, prepared without the buffers of a stream: its bytes are their own
     * head. Null when they are gzip, which takes the way of any stream ({@link #prepare}).
     */
    public static @io.cdcsdk.core.Nullable Prepared inMemory(byte[] bytes, String sourceName) {
        if (bytes.length >= 2 && isGzip(bytes[0] & 0xFF, bytes[1] & 0xFF)) {
            return null;
        }
        byte[] head = bytes.length <= Head.MAX_BYTES ? bytes : java.util.Arrays.copyOf(bytes, Head.MAX_BYTES);
        return new Prepared(new java.io.ByteArrayInputStream(bytes), new Head(sourceName, head, false));
    }

    /** Decompresses when the input is gzip and reads the head without consuming it. */
    public static Prepared prepare(InputStream raw, String sourceName, Limits limits) throws IOException {
        BufferedInputStream buffered = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, BUFFER);
        boolean gzip = isGzip(buffered);
        InputStream stream = buffered;
        if (gzip) {
            CountingInputStream compressed = new CountingInputStream(buffered);
            GZIPInputStream inflating;
            try {
                inflating = new GZIPInputStream(compressed, BUFFER);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                ChangeReadException broken = ChangeReadException.inputBroken(ChangeReadException.Kind.MALFORMED,
                        new Position(sourceName, -1, 0, -1), "gzip header is corrupt or truncated", null);
                return new Prepared(new FailingStream(buffered, 0, broken), new Head(sourceName, new byte[0], true),
                        broken);
            }
            stream = new BufferedInputStream(new RatioGuard(inflating, compressed, sourceName, limits), BUFFER);
        }
        stream.mark(Head.MAX_BYTES);
        byte[] head = new byte[Head.MAX_BYTES];
        int n = 0;
        ChangeReadException broken = null;
        try {
            while (n < head.length) {
                int r = stream.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (ChangeReadException e) {
            // The gzip data broke (or outgrew the ratio) within the head: the reader gets the bytes
            // before the break, then this error, so the error policy applies to it.
            broken = e;
        }
        try {
            stream.reset();
        } catch (IOException e) {
            throw ChangeReadException.inputBroken(ChangeReadException.Kind.IO, Position.of(sourceName),
                    "cannot re-read the start of the input", e);
        }
        Head h = new Head(sourceName, java.util.Arrays.copyOf(head, n), gzip);
        return broken == null ? new Prepared(stream, h) : new Prepared(new FailingStream(stream, n, broken), h, broken);
    }

    /** Gives the first {@code good} bytes of a stream, then throws the error that broke it. */
    static final class FailingStream extends FilterInputStream {
        private final ChangeReadException error;
        private long remaining;

        FailingStream(InputStream in, long good, ChangeReadException error) {
            super(in);
            this.remaining = good;
            this.error = error;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                throw error;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw error;
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return read(new byte[(int) Math.min(Math.max(n, 0), 8192)], 0, (int) Math.min(Math.max(n, 0), 8192));
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** Counts the bytes read through it. */
    public static final class CountingInputStream extends FilterInputStream {
        private long count;

        public CountingInputStream(InputStream in) {
            super(in);
        }

        public long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** Fails when decompressed output outgrows the compressed input by more than the limit. */
    static final class RatioGuard extends FilterInputStream {
        private final CountingInputStream compressed;
        private final String sourceName;
        private final Limits limits;
        private long produced;
        private ChangeReadException pending;

        RatioGuard(InputStream decompressed, CountingInputStream compressed, String sourceName, Limits limits) {
            super(decompressed);
            this.compressed = compressed;
            this.sourceName = sourceName;
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        // Bytes already decompressed are handed out before the error that follows them.
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pending != null) {
                throw pending;
            }
            int n;
            try {
                n = super.read(b, off, len);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                pending = ChangeReadException.inputBroken(ChangeReadException.Kind.MALFORMED,
                        new Position(sourceName, -1, produced, -1),
                        "gzip data is corrupt or truncated (" + e.getClass().getSimpleName() + ")", null);
                throw pending;
            }
            if (n > 0) {
                produced += n;
                if (produced > limits.gzipRatioFloorBytes()
                        && produced > (long) limits.maxGzipRatio() * Math.max(1, compressed.count())) {
                    pending = ChangeReadException.inputBroken(ChangeReadException.Kind.LIMIT_EXCEEDED,
                            new Position(sourceName, -1, produced, -1),
                            "gzip decompression ratio exceeds the limit of " + limits.maxGzipRatio()
                                    + " (see ReadOptions.limits)", null);
                }
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
