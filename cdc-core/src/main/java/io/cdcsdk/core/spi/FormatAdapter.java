package io.cdcsdk.core.spi;

import io.cdcsdk.core.ChangeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Locale;
import java.nio.charset.StandardCharsets;

/**
 * A format the library reads. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.cdcsdk.core.spi.FormatAdapter}; they need a public no-argument
 * constructor) or registered by hand with {@link io.cdcsdk.core.FormatRegistry.Builder#add}.
 * Implementations are immutable and thread-safe; each {@code open} returns a new reader.
 */
public interface FormatAdapter {

    /** The unique name users pass as {@code --format}, for example {@code dms-json}. */
    String name();

    /**
     * How sure this adapter is that the input is its format, from the first bytes (decompressed)
     * and the source name. Must be cheap and must not throw.
     */
    default Detection detect(Head head) {
        return Detection.NO;
    }

    /**
     * Opens a reader over {@code in} (already decompressed). The reader owns the stream and closes
     * it. Reading is lazy: this method reads no more than it needs to start.
     *
     * @throws io.cdcsdk.core.ChangeReadException when the input cannot even be started
     */
    ChangeReader open(InputStream in, ReadContext context) throws IOException;

    /**
     * Opens a reader over a local, uncompressed file. The default opens a stream; formats that
     * need random access (Parquet) override it.
     */
    default ChangeReader open(Path file, ReadContext context) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return open(new java.io.BufferedInputStream(in, 1 << 16), context);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Why the adapter cannot run here, or empty when it can. An adapter that needs jars a user may
     * leave out checks the classes it loads and names what is missing and which artifact brings it,
     * for example {@code dms-parquet needs org.apache.hadoop.conf.Configuration on the class path
     * (add io.cdcsdk:cdc-dms-parquet)}. {@link io.cdcsdk.core.FormatRegistry} leaves unavailable
     * adapters out and gives this reason when one is asked for by name. Must be cheap and must not
     * throw. The default: always available.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** Whether the adapter can run here: {@link #unavailableReason()} is empty. Override that method, not this one. */
    default boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /** How sure an adapter is that an input is its format. Higher wins; ties go to the earlier adapter. */
    public enum Detection {
        /** Not this format. */
        NO,
        /** The file name suggests this format (for example {@code .csv}). */
        NAME,
        /** The content looks like this format. */
        CONTENT,
        /** The content is this format beyond doubt (magic bytes, a format-specific field). */
        CERTAIN
    }

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
}
