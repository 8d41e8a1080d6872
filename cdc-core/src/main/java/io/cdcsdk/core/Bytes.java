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

    /**
     * {@return a byte sequence holding a copy of {@code data}} Later changes to the array do not
     * show in it.
     *
     * @param data the bytes; not {@code null}
     */
    public static Bytes of(byte[] data) {
        Objects.requireNonNull(data, "data");
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** {@return the empty byte sequence} The same instance every time. */
    public static Bytes empty() {
        return EMPTY;
    }

    /**
     * Decodes standard base64 (RFC 4648, padding optional).
     *
     * @param base64 the text, in the standard alphabet ({@code +} and {@code /}), without line
     *               breaks
     * @return the decoded bytes
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

    /**
     * {@return the bytes in standard base64 with padding} This is how the ChangeEvent JSON form
     * writes binary.
     */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(data);
    }

    /** {@return a new array holding the bytes} Changing it does not change this instance. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** {@return the number of bytes} */
    public int size() {
        return data.length;
    }

    /**
     * {@return the byte at {@code index}}
     *
     * @param index 0-based, below {@link #size()}
     * @throws ArrayIndexOutOfBoundsException when {@code index} is negative or not below
     *                                        {@link #size()}
     */
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
