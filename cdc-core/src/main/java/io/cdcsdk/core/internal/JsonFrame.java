package io.cdcsdk.core.internal;

import io.cdcsdk.core.Position;

/**
 * One top-level JSON value of an input, as bytes, with its position. The bytes belong to the
 * {@link JsonFrameReader} and are valid until its next call.
 */
public final class JsonFrame {
    private final byte[] data;
    private final int length;
    private final Position position;

    /** A frame over the first {@code length} bytes of {@code data}, for JSON that did not come from a frame reader. */
    public JsonFrame(byte[] data, int length, Position position) {
        this.data = data;
        this.length = length;
        this.position = position;
    }

    /** The buffer holding the value from index 0. */
    public byte[] data() {
        return data;
    }

    /** The number of bytes of the value. */
    public int length() {
        return length;
    }

    /** Where the value starts: line, byte offset and the value's 1-based ordinal. */
    public Position position() {
        return position;
    }
}
