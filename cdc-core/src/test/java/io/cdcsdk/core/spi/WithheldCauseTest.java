package io.cdcsdk.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a reader did not expect ends it with an error whose causes keep class and stack trace, not the input. */
class WithheldCauseTest {
    private static final String MARKER = "SECRET-MARKER-42";

    private static AbstractChangeReader throwing(ReadOptions options, Supplier<Throwable> error) {
        return new AbstractChangeReader(ReadContext.of("in.x", options), null) {
            @Override
            protected ChangeEvent readNext() throws IOException {
                Throwable t = error.get();
                if (t instanceof IOException io) {
                    throw io;
                }
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) t;
            }
        };
    }

    @Test
    void causesKeepClassKindAndStackButNotTheMessage() {
        List<Supplier<Throwable>> errors = List.of(
                () -> new IllegalArgumentException("bad value " + MARKER, new IllegalStateException(MARKER)),
                () -> new IOException("Unrecognized token '" + MARKER + "'"),
                () -> new UncheckedIOException(new IOException(MARKER)),
                () -> new StackOverflowError(MARKER));
        for (Supplier<Throwable> error : errors) {
            Throwable original = error.get();
            ChangeReadException e = assertThrows(ChangeReadException.class,
                    () -> throwing(ReadOptions.defaults(), error).hasNext());
            List<ChangeReadException> skipped = new ArrayList<>();
            AbstractChangeReader skipping = throwing(ReadOptions.defaults().skipOnError(skipped::add), error);
            assertFalse(skipping.hasNext());
            assertEquals(1, skipped.size());
            for (ChangeReadException r : List.of(e, skipped.get(0))) {
                assertTrue(r.isInputBroken());
                for (Throwable c = r; c != null; c = c.getCause()) {
                    assertFalse(String.valueOf(c.getMessage()).contains(MARKER), c.toString());
                }
                Throwable cause = r.getCause();
                assertTrue(cause.getMessage().startsWith(original.getClass().getName()), cause.getMessage());
                assertEquals(original instanceof Error, cause instanceof Error);
                assertEquals(original instanceof RuntimeException, cause instanceof RuntimeException);
                assertTrue(cause.getStackTrace().length > 0);
                if (original.getCause() != null) {
                    assertTrue(cause.getCause().getMessage().startsWith(original.getCause().getClass().getName()));
                }
            }
            if (original instanceof IOException) {
                assertInstanceOf(IOException.class, e.getCause());
            }
        }
    }
}
