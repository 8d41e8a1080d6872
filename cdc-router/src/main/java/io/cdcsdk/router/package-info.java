/**
 * Dispatch of {@link io.cdcsdk.core.ChangeEvent}s to handlers by table and operation, with full
 * accounting ({@link io.cdcsdk.router.RouteResult}), failure policies, retries, dead-letter hooks,
 * Lambda partial batch responses ({@link io.cdcsdk.router.BatchResponse}), size chunking
 * ({@link io.cdcsdk.router.Chunks}) and compaction ({@link io.cdcsdk.router.Compaction}).
 *
 * <p>Chunks and Compaction live beside the router because, like it, they take events already read,
 * from any format, and prepare them for the code that acts on them: Compaction folds a batch to one
 * net change per key before it is applied, Chunks cuts a batch to a Lambda or SQS payload limit
 * before it is sent on.
 */
package io.cdcsdk.router;
