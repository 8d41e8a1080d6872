package io.cdcsdk.router;

import io.cdcsdk.core.CdcException;

/**
 * A routing problem: conflicting registrations, an event no handler takes under
 * {@link Unrouted#FAIL}, a batch response that cannot be made, an event too large for a chunk.
 * Made by the library only.
 */
public class RoutingException extends CdcException {
    private static final long serialVersionUID = 1L;

    RoutingException(String message) {
        super(message);
    }

    RoutingException(String message, Throwable cause) {
        super(message, cause);
    }
}
