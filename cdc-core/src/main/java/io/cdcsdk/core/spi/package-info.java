/**
 * The format adapter SPI: what a third party implements to add a format.
 *
 * <p>Implement {@link io.cdcsdk.core.spi.FormatAdapter} (a name, detection from the first bytes,
 * and {@code open}), and register it in {@code META-INF/services/io.cdcsdk.core.spi.FormatAdapter}
 * (or with {@code provides} in {@code module-info.java}) or by hand with
 * {@link io.cdcsdk.core.FormatRegistry.Builder#add}. The helpers give an adapter what every
 * built-in adapter has:
 * <ul>
 *   <li>{@link io.cdcsdk.core.spi.JsonChangeReader}: a whole reader for formats with one change
 *       per top-level JSON value; the adapter only converts a value;</li>
 *   <li>{@link io.cdcsdk.core.spi.AbstractChangeReader}: the base of any other pull reader, with
 *       the error policy, the origin entries in each event's meta, and closing;</li>
 *   <li>{@link io.cdcsdk.core.spi.JsonSupport}: JSON values into the exact value model;</li>
 *   <li>{@link io.cdcsdk.core.spi.ReadContext}: the source name, path and options an adapter is
 *       opened with, and positions in the source.</li>
 * </ul>
 * This package is API for adapter authors and may mention Jackson types. The artifact
 * {@code io.cdcsdk:cdc-testkit} holds the contract suite every adapter should pass.
 */
package io.cdcsdk.core.spi;
