package io.cdcsdk.core;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An immutable sequence of bytes: binary column values (DynamoDB {@code B}, DMS LOBs). Two
 * instances are equal when their contents are. {@link #toString()} shows the length only.
 */
public final class Bytes implements Comparable<Bytes> {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte[] data) {
        Objects.requireNonNull(data, "data");
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** The empty byte sequence. */
    public static Bytes empty() {
        return EMPTY;
    }

    /**
     * Decodes standard base64 (RFC 4648, padding optional).
     *
     * @throws IllegalArgumentException if {@code base64} is not valid base64; the message does not
     *                                  quote the input
     */
    public static Bytes fromBase64(String base64) {
        Objects.requireNonNull(base64, "base64");
        try {
            return wrap(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid base64 (" + base64.length() + " characters)");
        }
    }

    /** Wraps an array that nobody else holds. For adapters that just decoded it. */
    static Bytes wrap(byte[] owned) {
        return owned.length == 0 ? EMPTY : new Bytes(owned);
    }

    /** Standard base64 with padding, as the ChangeEvent JSON form writes binary. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(data);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** The number of bytes. */
    public int size() {
        return data.length;
    }

    /** The byte at {@code index}. */
    public byte get(int index) {
        return data[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** Unsigned lexicographic order, as DynamoDB compares binary values. */
    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return "Bytes[" + data.length + "]";
    }
}
