package io.cdcsdk.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/** The sample files under {@code src/test/resources/samples}. */
public final class Samples {
    private Samples() {
    }

    /** {@return the bytes of a sample} */
    public static byte[] bytes(String name) {
        try (InputStream in = Objects.requireNonNull(Samples.class.getResourceAsStream("/samples/" + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
