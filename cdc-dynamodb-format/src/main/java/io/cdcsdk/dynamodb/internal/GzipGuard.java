package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Gzip for the data files an export manifest lists, which the reader opens itself: decompressed
 * with the same guards the registry applies to what it opens (the decompression ratio of
 * {@link Limits}, corrupt or truncated data as an error that ends the file).
 */
final class GzipGuard extends FilterInputStream {
    private static final int BUFFER = 1 << 16;
    private final Counting compressed;
    private final String sourceName;
    private final Limits limits;
    private long produced;

    private GzipGuard(InputStream decompressed, Counting compressed, String sourceName, Limits limits) {
        super(decompressed);
        this.compressed = compressed;
        this.sourceName = sourceName;
        this.limits = limits;
    }

    /** The input, decompressed and guarded when it starts with the gzip magic bytes. */
    static InputStream open(InputStream raw, String sourceName, Limits limits) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 != 0x1f || b2 != 0x8b) {
            return in;
        }
        Counting counting = new Counting(in);
        GZIPInputStream gzip;
        try {
            gzip = new GZIPInputStream(counting, BUFFER);
        } catch (ZipException | EOFException e) {
            in.close();
            throw ChangeReadException.inputBroken(ChangeReadException.Kind.MALFORMED,
                    new Position(sourceName, -1, 0, -1), "gzip header is corrupt or truncated", null);
        }
        return new BufferedInputStream(new GzipGuard(gzip, counting, sourceName, limits), BUFFER);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (ZipException | EOFException e) {
            throw ChangeReadException.inputBroken(ChangeReadException.Kind.MALFORMED,
                    new Position(sourceName, -1, produced, -1),
                    "gzip data is corrupt or truncated (" + e.getClass().getSimpleName() + ")", null);
        }
        if (n > 0) {
            produced += n;
            if (produced > limits.gzipRatioFloorBytes()
                    && produced > (long) limits.maxGzipRatio() * Math.max(1, compressed.count)) {
                throw ChangeReadException.inputBroken(ChangeReadException.Kind.LIMIT_EXCEEDED,
                        new Position(sourceName, -1, produced, -1),
                        "gzip decompression ratio exceeds the limit of " + limits.maxGzipRatio()
                                + " (see ReadOptions.limits)", null);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(Math.max(n, 0), 8192)], 0, (int) Math.min(Math.max(n, 0), 8192));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Counts the compressed bytes read. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
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
}
