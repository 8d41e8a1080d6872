package io.cdcsdk.router;

/**
 * The reason recorded for an event not handled under {@link FailurePolicy#PER_KEY} because an
 * earlier event of the same key failed.
 */
public class KeyBlockedException extends RoutingException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public KeyBlockedException(String message) {
        super(message);
    }
}
