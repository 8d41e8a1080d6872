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
 * A format the library reads: its name, how to recognize it, and how to open a reader over it.
 *
 * <p>{@link io.cdcsdk.core.FormatRegistry} finds implementations with
 * {@link java.util.ServiceLoader}: on the class path through a
 * {@code META-INF/services/io.cdcsdk.core.spi.FormatAdapter} file that names the class, on the
 * module path through {@code provides io.cdcsdk.core.spi.FormatAdapter with ...} in
 * {@code module-info.java}; either way the class needs a public no-argument constructor. An
 * adapter can also be registered by hand with {@link io.cdcsdk.core.FormatRegistry.Builder#add}.
 * Implementations are immutable and thread-safe: one instance serves every input, and each
 * {@code open} returns a new reader.
 *
 * <p>An adapter for a JSON format needs three methods; {@link JsonChangeReader} does the framing,
 * the limits, the positions and the error policy:
 *
 * <pre>{@code
 * public final class OrdersAdapter implements FormatAdapter {
 *     public String name() {
 *         return "orders-json";
 *     }
 *
 *     public Detection detect(Head head) {
 *         return head.text().contains("\"orderId\"") ? Detection.CONTENT : Detection.NO;
 *     }
 *
 *     public ChangeReader open(InputStream in, ReadContext context) {
 *         return JsonChangeReader.of(in, context, (parser, position) -> {
 *             parser.nextToken();                        // the value's START_OBJECT
 *             Row order = JsonSupport.readRow(parser);   // exact numbers, columns in source order
 *             return ChangeEvent.builder(Operation.INSERT, SourceInfo.of(name(), "orders")).after(order).build();
 *         });
 *     }
 * }
 * }</pre>
 *
 * <p>Errors: a bad record is a {@link io.cdcsdk.core.ChangeReadException} with the record's
 * {@link io.cdcsdk.core.Position} and a message that never quotes the input (rows carry personal
 * data). {@link AbstractChangeReader} applies the error policy of the {@link ReadContext#options()}
 * to it. The contract every adapter should keep is a JUnit suite in {@code io.cdcsdk:cdc-testkit}
 * ({@code FormatAdapterContract}).
 */
public interface FormatAdapter {

    /**
     * {@return the format's name, for example {@code dms-json}} It is what users pass to
     * {@link io.cdcsdk.core.FormatRegistry#named(String)} and as {@code --format}, and what the
     * events read should carry as {@link io.cdcsdk.core.SourceInfo#format()}. Unique among the
     * adapters of a registry (the first added of a name wins), never {@code null}, and the same on
     * every call.
     */
    String name();

    /**
     * How sure this adapter is that an input is its format, judged from the input's first bytes
     * (decompressed) and its name. {@link io.cdcsdk.core.FormatRegistry} asks every adapter when no
     * format is named and opens the input with the surest one.
     *
     * <p>Must be cheap and must not throw: the head may end anywhere, in the middle of a record or
     * of a UTF-8 sequence, and may be any bytes at all. A registry takes an exception or
     * {@code null} as {@link Detection#NO}. The default answers {@code NO}, so the adapter is used
     * only when asked for by name.
     *
     * @param head the first bytes of the input, at most {@link Head#MAX_BYTES}, and its name
     * @return how sure the adapter is; {@link Detection#NO} when the input is not its format
     */
    default Detection detect(Head head) {
        return Detection.NO;
    }

    /**
     * Opens a reader over a stream. Reading is lazy: this method reads no more than it needs to
     * start (a header line, a footer), and the reader reads one record at a time, so memory does
     * not grow with the input.
     *
     * <p>The stream is decompressed already and starts at the input's first byte (the bytes
     * {@link #detect(Head)} saw are not consumed). A read from it may throw a
     * {@link io.cdcsdk.core.ChangeReadException} that {@linkplain
     * io.cdcsdk.core.ChangeReadException#isInputBroken() breaks the input} (corrupt gzip data, a
     * decompression ratio over the limit); {@link AbstractChangeReader} applies the error policy to
     * it as to any other.
     *
     * @param in      the input; the reader owns it and closes it when it is closed. When this
     *                method throws, the caller closes it
     * @param context the source name, the local path when there is one, and the read options
     * @return a new reader, positioned before the first event
     * @throws io.cdcsdk.core.ChangeReadException when the input cannot even be started (a missing
     *                                            header, an unsupported column); a registry gives
     *                                            it to the error policy through the reader it returns
     * @throws IOException                        when reading the start of the input fails
     */
    ChangeReader open(InputStream in, ReadContext context) throws IOException;

    /**
     * Opens a reader over a local, uncompressed file. {@link io.cdcsdk.core.FormatRegistry} calls
     * this for a file that is not gzip, and {@link #open(InputStream, ReadContext)} for any other
     * input. The default opens the file as a buffered stream and calls that method, closing the
     * stream when it throws; a format that needs random access (a Parquet footer) overrides it.
     *
     * @param file    the file; {@code context.path()} holds it too
     * @param context the source name, the path and the read options
     * @return a new reader, positioned before the first event; it closes what it opened
     * @throws io.cdcsdk.core.ChangeReadException when the input cannot even be started, as for
     *                                            {@link #open(InputStream, ReadContext)}
     * @throws IOException                        when the file cannot be opened or read
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
     * adapters out of its names and of detection, and gives this reason in the
     * {@link io.cdcsdk.core.UnknownFormatException} when one is asked for by name or its format is
     * detected. Must be cheap and must not throw; a registry asks once, when the adapter is added.
     *
     * @return the reason, one sentence without a final period, or empty; the default is always empty
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * How sure an adapter is that an input is its format, from least to most sure. The surest
     * answer wins; on a tie, the adapter added to the registry first.
     */
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
     * At most {@link #MAX_BYTES} bytes; fewer when the input is shorter, or when its gzip data
     * breaks within them. Not thread-safe ({@link #text()} is computed once, on first use).
     */
    public final class Head {
        /** How many bytes of an input detection looks at. */
        public static final int MAX_BYTES = 64 * 1024;

        private final String sourceName;
        private final byte[] bytes;
        private final boolean gzipped;
        private String text;

        /**
         * A head as a registry makes it; for tests of {@link FormatAdapter#detect(Head)}.
         *
         * @param sourceName the name the input is opened with (path or object key)
         * @param bytes      the first bytes, decompressed; kept, not copied
         * @param gzipped    whether the input was gzip-compressed
         */
        public Head(String sourceName, byte[] bytes, boolean gzipped) {
            this.sourceName = sourceName;
            this.bytes = bytes;
            this.gzipped = gzipped;
        }

        /** {@return the name the input was opened with (path or object key), as given} */
        public String sourceName() {
            return sourceName;
        }

        /**
         * {@return the last segment of the source name, lower case, without a trailing {@code .gz}}
         * Both {@code /} and {@code \} separate segments: {@code dms/orders/LOAD00000001.CSV.gz}
         * gives {@code load00000001.csv}.
         */
        public String fileName() {
            String name = sourceName;
            int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            name = name.substring(slash + 1).toLowerCase(Locale.ROOT);
            return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        }

        /**
         * {@return the first bytes, decompressed when the input was gzip} The array itself, not a
         * copy: do not modify it.
         */
        public byte[] bytes() {
            return bytes;
        }

        /** {@return whether the input was gzip-compressed} */
        public boolean gzipped() {
            return gzipped;
        }

        /**
         * {@return the first bytes as UTF-8 text, without a byte-order mark} Bytes that are not
         * UTF-8, and a sequence cut by the end of the head, become U+FFFD.
         */
        public String text() {
            if (text == null) {
                int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
                text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
            }
            return text;
        }

        /**
         * {@return the first character of {@link #text()} that is not whitespace, or 0 when there
         * is none} For example <code>{</code> or <code>[</code> for JSON.
         */
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

        /**
         * {@return whether the first bytes start with {@code magic}} Compares the bytes as they
         * are, a byte-order mark included.
         *
         * @param magic the bytes to look for, for example {@code PAR1} for Parquet
         */
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
