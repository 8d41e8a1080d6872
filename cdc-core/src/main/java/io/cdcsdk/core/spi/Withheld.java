package io.cdcsdk.core.spi;

import java.io.IOException;

/**
 * Stand-ins for exceptions whose messages may quote the input: each keeps the class name and the
 * stack trace (and those of the causes) for debugging, not the message, and is of the same kind
 * (runtime exception, checked exception, error) as the exception it stands for.
 */
final class Withheld {
    private static final int MAX_CAUSES = 16;

    private Withheld() {
    }

    /** {@code t} without its message, nor those of its causes; null for null. */
    static Throwable of(Throwable t) {
        return of(t, 0);
    }

    private static Throwable of(Throwable t, int depth) {
        if (t == null || depth >= MAX_CAUSES) {
            return null;
        }
        String message = t.getClass().getName() + " (message withheld: it can quote the input)";
        Throwable cause = of(t.getCause(), depth + 1);
        Throwable w;
        if (t instanceof Error) {
            w = new WithheldError(message, cause);
        } else if (t instanceof RuntimeException) {
            w = new WithheldRuntimeException(message, cause);
        } else {
            w = new WithheldIOException(message, cause);
        }
        w.setStackTrace(t.getStackTrace());
        return w;
    }

    /** Stands for a runtime exception. */
    static final class WithheldRuntimeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WithheldRuntimeException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Stands for a checked exception (an I/O failure, a parser's exception). */
    static final class WithheldIOException extends IOException {
        private static final long serialVersionUID = 1L;

        WithheldIOException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Stands for an error (a stack overflow). */
    static final class WithheldError extends Error {
        private static final long serialVersionUID = 1L;

        WithheldError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
