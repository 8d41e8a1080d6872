/**
 * Dispatch of {@link io.cdcsdk.core.ChangeEvent}s to handlers by table and operation, with full
 * accounting ({@link io.cdcsdk.router.RouteResult}), failure policies, retries, dead-letter hooks,
 * Lambda partial batch responses ({@link io.cdcsdk.router.BatchResponse}), size chunking
 * ({@link io.cdcsdk.router.Chunks}) and compaction ({@link io.cdcsdk.router.Compaction}).
 */
package io.cdcsdk.router;
