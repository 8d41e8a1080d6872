package io.cdcsdk.core;

/**
 * A row could not be bound to a Java type. The message names the target type and the column, but
 * not the value.
 */
public class RowBindingException extends CdcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for a row that does not fit its type.
     *
     * @param message names the target type and the property path, never a value
     * @param cause   the underlying exception, or {@code null}
     */
    RowBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
