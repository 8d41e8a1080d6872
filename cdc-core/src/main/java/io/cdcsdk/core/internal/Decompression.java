package io.cdcsdk.core.internal;

import io.cdcsdk.core.Limits;
import io.cdcsdk.core.internal.Inputs;
import java.io.IOException;
import java.io.InputStream;

/**
 * Gzip as the registry handles it, for adapters that open further inputs themselves (for example
 * the data files an export manifest lists).
 */
public final class Decompression {
    private Decompression() {
    }

    /**
     * The input, decompressed when it starts with the gzip magic bytes, else as it is. The ratio of
     * decompressed to compressed bytes is bounded by {@link Limits#maxGzipRatio()}; corrupt,
     * truncated or over-ratio gzip surfaces as a {@link io.cdcsdk.core.ChangeReadException} that
     * {@linkplain io.cdcsdk.core.ChangeReadException#isInputBroken() breaks the input}, thrown by
     * {@code read} after the good bytes before it.
     */
    public static InputStream open(InputStream raw, String sourceName, Limits limits) throws IOException {
        return Inputs.prepare(raw, sourceName, limits).stream();
    }
}
