package io.cdcsdk.core;

/**
 * The root of the library's exceptions. Unchecked. Messages describe where and what was expected,
 * never the values of a row.
 */
public abstract class CdcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause.
     *
     * @param message where and what was expected; never row values
     */
    protected CdcException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message where and what was expected; never row values
     * @param cause   the underlying exception, or {@code null}
     */
    protected CdcException(String message, Throwable cause) {
        super(message, cause);
    }
}
