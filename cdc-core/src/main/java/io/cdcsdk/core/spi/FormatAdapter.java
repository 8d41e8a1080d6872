package io.cdcsdk.core.spi;

import io.cdcsdk.core.ChangeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * Whether the adapter can run here; {@code false} when an optional dependency (for example
     * parquet-avro) is missing. Unavailable adapters are left out of discovery.
     */
    default boolean isAvailable() {
        return true;
    }
}
