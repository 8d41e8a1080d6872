package io.cdcsdk.router;

/**
 * The reason recorded for an event not handled under {@link FailurePolicy#PER_KEY} because an
 * earlier event of the same key failed.
 */
public final class KeyBlockedException extends RoutingException {
    private static final long serialVersionUID = 1L;

    KeyBlockedException(String message) {
        super(message);
    }
}
