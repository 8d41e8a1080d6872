package io.cdcsdk.router;

/** Where an event failed. */
public enum Stage {
    /** Reading the record from its input (no event could be made). */
    DECODE,
    /** Finding a handler: no registration took the event and the policy is {@link Unrouted#FAIL}. */
    ROUTE,
    /** Binding the row to the handler's type. */
    BIND,
    /** The handler threw, or the event was blocked by an earlier failure of its key. */
    HANDLE
}
