/**
 * Routes change events to handlers by table and operation, with failure policies, retries, dead
 * letters and Lambda batch responses.
 */
module io.cdcsdk.router {
    requires transitive io.cdcsdk.core;
    requires org.slf4j;

    exports io.cdcsdk.router;
}
