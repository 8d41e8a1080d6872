/**
 * The event model and the reading API: {@link io.cdcsdk.core.ChangeEvent}, {@link io.cdcsdk.core.Row}
 * and its value model ({@link io.cdcsdk.core.Values}), {@link io.cdcsdk.core.ChangeReader} and
 * {@link io.cdcsdk.core.ChangeReaders}, the {@link io.cdcsdk.core.FormatRegistry}, options and the
 * exception family rooted at {@link io.cdcsdk.core.CdcException}.
 */
package io.cdcsdk.core;
