package io.cdcsdk.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The start of an input, decompressed, with its name: what an adapter sees to detect its format.
 * At most {@link #MAX_BYTES} bytes.
 */
public final class Head {
    /** How many bytes of an input detection looks at. */
    public static final int MAX_BYTES = 64 * 1024;

    private final String sourceName;
    private final byte[] bytes;
    private final boolean gzipped;
    private String text;

    public Head(String sourceName, byte[] bytes, boolean gzipped) {
        this.sourceName = sourceName;
        this.bytes = bytes;
        this.gzipped = gzipped;
    }

    /** The name the input was opened with (path or object key). */
    public String sourceName() {
        return sourceName;
    }

    /** The last segment of the source name, lower case, without a trailing {@code .gz}. */
    public String fileName() {
        String name = sourceName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /** The first bytes (decompressed when the input was gzip). Do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    /** Whether the input was gzip-compressed. */
    public boolean gzipped() {
        return gzipped;
    }

    /** The first bytes as UTF-8 text, without a byte-order mark. */
    public String text() {
        if (text == null) {
            int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
            text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The first non-whitespace character of {@link #text()}, or 0 for an empty input. */
    public char firstSignificantChar() {
        String t = text();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return 0;
    }

    /** Whether the first bytes start with {@code magic}. */
    public boolean startsWith(byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
