package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsCsvAdapter;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.testkit.FormatAdapterContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * dms-csv under the adapter contract, over every golden CSV sample, each read with its table
 * definition and under the object key DMS would have written it to (schema and table come from it).
 */
class DmsCsvContractTest extends FormatAdapterContract {
    private static final String[][] SAMPLES = {
        {"s3-csv_real_brabster-northwind_orders_cdc_20240612-103125108", "cdc/public/orders/20240612-103125108.csv"},
        {"s3-csv_real_brabster-northwind_orders_cdc_20240612-103623720", "cdc/public/orders/20240612-103623720.csv"},
        {"s3-csv_real_brabster-northwind_orders_LOAD00000001_first40lines", "cdc/public/orders/LOAD00000001.csv"},
        {"s3-csv_real_brabster-northwind_orders_cdc-with-before-image-pk_20240705-202150266",
            "cdc/public/orders/20240705-202150266.csv"},
        {"s3-csv_real_brabster-northwind_order_details_cdc_20240612-103540301",
            "cdc/public/order_details/20240612-103540301.csv"},
        {"s3-csv_real_brabster-northwind_order_details_cdc-with-before-image-pk_20240705-201037838",
            "cdc/public/order_details/20240705-201037838.csv"},
        {"s3-csv_real_brabster-northwind_categories_LOAD00000001", "cdc/public/categories/LOAD00000001.csv"},
        {"s3-csv_real_brabster-northwind_employees_LOAD00000001", "cdc/public/employees/LOAD00000001.csv"},
        {"s3-csv_aws-docs_employee_cdc_example", "s3-csv_aws-docs_employee_cdc_example.csv"},
        {"s3-csv_aws-repost_before-image-pk-columns_example", "s3-csv_aws-repost_before-image-pk-columns_example.csv"},
        {"s3-csv_aws-docs_preserve-transactions_example", "CDC_TXN-20201117153046033.csv"},
        {"s3-csv_aws-docs_employee_header_LOAD00000001", "hr/employee/LOAD00000001.csv"},
        {"s3-csv_aws-docs_employee_header_cdc_20141029-1134010000", "hr/employee/20141029-1134010000.csv"},
        {"s3-csv_made-from-brabster-northwind_employees_cdc-nosup_20240612-110005000",
            "cdc/public/employees/20240612-110005000.csv"},
        {"s3-csv_made-from-brabster-northwind_employees_cdc-null-means-unavailable_20240612-110505000",
            "cdc/public/employees/20240612-110505000.csv"},
    };

    @Override
    protected FormatAdapter adapter() {
        return new DmsCsvAdapter();
    }

    @Override
    protected List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (String[] s : SAMPLES) {
            samples.add(Sample.of("samples/" + s[0] + ".csv", "golden/" + s[0] + ".expected.ndjson")
                    .named(s[1])
                    .withOptions(ReadOptions.defaults().withExtension(tableDefinitions("samples/" + s[0] + ".table-def.json"))));
        }
        return samples;
    }

    /** The definitions next to a sample; none for a sample with a header row and no definitions file. */
    private static TableDefinitions tableDefinitions(String resource) {
        try (InputStream in = DmsCsvContractTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? TableDefinitions.empty() : TableDefinitions.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
