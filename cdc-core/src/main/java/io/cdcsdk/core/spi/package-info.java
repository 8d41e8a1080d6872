/**
 * The format adapter SPI: implement {@link io.cdcsdk.core.spi.FormatAdapter} to add a format, and
 * register it in {@code META-INF/services/io.cdcsdk.core.spi.FormatAdapter} or by hand with
 * {@link io.cdcsdk.core.FormatRegistry.Builder#add}. The helpers here
 * ({@link io.cdcsdk.core.spi.AbstractChangeReader}, {@link io.cdcsdk.core.internal.JsonFrameReader},
 * {@link io.cdcsdk.core.spi.JsonSupport}) give an adapter the error policy, positions, limits and
 * JSON framing that every built-in adapter uses. This package is API for adapter authors and may
 * mention Jackson types.
 */
package io.cdcsdk.core.spi;
