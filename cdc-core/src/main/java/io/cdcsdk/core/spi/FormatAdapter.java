package io.cdcsdk.core.spi;

import io.cdcsdk.core.ChangeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
}
