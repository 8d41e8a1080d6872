package io.cdcsdk.testkit;

import io.cdcsdk.core.internal.CdcJsonAdapter;
import io.cdcsdk.core.spi.FormatAdapter;
import java.util.List;

/**
 * cdc-json, the library's own ChangeEvent JSON form, under the contract. It lives here rather than
 * in cdc-core, whose tests cannot depend on this kit (the kit depends on cdc-core).
 */
class CdcJsonContractTest extends FormatAdapterContract {
    @Override
    protected FormatAdapter adapter() {
        return new CdcJsonAdapter();
    }

    @Override
    protected List<Sample> samples() {
        return List.of(Sample.of("cdc-json/customers.cdc.ndjson", "cdc-json/customers.expected.ndjson"));
    }
}
