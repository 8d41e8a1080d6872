package io.cdcsdk.examples.debezium;

import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.testkit.FormatAdapterContract;
import java.util.List;

/**
 * The example adapter, written outside the library, under the same contract as the built-in ones:
 * Debezium change events with and without the schema, from PostgreSQL and MySQL, of every operation.
 */
class DebeziumJsonContractTest extends FormatAdapterContract {
    @Override
    protected FormatAdapter adapter() {
        return new DebeziumJsonAdapter();
    }

    @Override
    protected List<Sample> samples() {
        return List.of(Sample.of("debezium/inventory-changes.json", "debezium/inventory-changes.expected.ndjson"));
    }
}
