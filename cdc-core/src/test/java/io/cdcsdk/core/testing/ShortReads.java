package io.cdcsdk.core.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * An input stream over bytes that hands out at most {@code maxRead} bytes a call, as a socket or a
 * decompressor may: readers must not take a short read for the end of a value.
 */
public final class ShortReads extends InputStream {
    private final ByteArrayInputStream in;
    private final int maxRead;
    private final boolean tellsAvailable;

    private ShortReads(byte[] bytes, int maxRead, boolean tellsAvailable) {
        this.in = new ByteArrayInputStream(bytes);
        this.maxRead = maxRead;
        this.tellsAvailable = tellsAvailable;
    }

    /** A stream that says how many bytes it has left ({@link #available()}), as a byte array stream does. */
    public static ShortReads of(byte[] bytes, int maxRead) {
        return new ShortReads(bytes, maxRead, true);
    }

    /** A stream whose {@link #available()} is always 0, as a network stream's may be. */
    public static ShortReads withoutAvailable(byte[] bytes, int maxRead) {
        return new ShortReads(bytes, maxRead, false);
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return in.read(b, off, Math.min(len, maxRead));
    }

    @Override
    public int available() {
        return tellsAvailable ? in.available() : 0;
    }
}
