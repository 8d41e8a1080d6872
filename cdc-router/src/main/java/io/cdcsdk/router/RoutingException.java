package io.cdcsdk.router;

import io.cdcsdk.core.CdcException;

/** Raised for routing problems: conflicting registrations, unrouted events under {@link Unrouted#FAIL}, ... */
public class RoutingException extends CdcException {
    private static final long serialVersionUID = 1L;

    public RoutingException(String message) {
        super(message);
    }

    public RoutingException(String message, Throwable cause) {
        super(message, cause);
    }
}
