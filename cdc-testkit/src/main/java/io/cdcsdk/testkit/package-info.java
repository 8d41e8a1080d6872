/**
 * The contract every format adapter keeps, as a JUnit 5 suite: extend
 * {@link io.cdcsdk.testkit.FormatAdapterContract} in the adapter's tests and name the adapter and
 * its samples with their expected events. Add {@code io.cdcsdk:cdc-testkit} as a test dependency;
 * it brings JUnit's API.
 */
package io.cdcsdk.testkit;
