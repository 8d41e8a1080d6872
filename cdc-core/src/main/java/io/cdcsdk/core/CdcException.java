package io.cdcsdk.core;

/**
 * The root of the library's exceptions. Unchecked. Messages describe where and what was expected,
 * never the values of a row.
 */
public abstract class CdcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CdcException(String message) {
        super(message);
    }

    protected CdcException(String message, Throwable cause) {
        super(message, cause);
    }
}
