package io.cdcsdk.flink;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.file.table.factories.BulkReaderFormatFactory;
import org.apache.flink.connector.file.table.format.BulkDecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * The Flink SQL format {@code cdc} for the {@code filesystem} connector: whole files, one split per
 * file, read through the library's adapters (CSV with its header, Parquet, gzip), each event a row
 * of an upsert changelog. Flink finds it through
 * {@code META-INF/services/org.apache.flink.table.factories.Factory}.
 */
public final class CdcFileFormatFactory implements BulkReaderFormatFactory {
    /** Creates the factory (Flink's factory discovery calls it). */
    public CdcFileFormatFactory() {
    }

    /** {@inheritDoc} */
    @Override
    public BulkDecodingFormat<RowData> createDecodingFormat(DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        return new CdcDecodingFormat.Files(CdcFormatOptions.settings(formatOptions), CdcFormatOptions.failOnDdl(formatOptions));
    }

    /** {@return {@value CdcFormatFactory#IDENTIFIER}} */
    @Override
    public String factoryIdentifier() {
        return CdcFormatFactory.IDENTIFIER;
    }

    /** {@return none} */
    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    /** {@return {@code format}, {@code table-def}, {@code table-include}, {@code ignore-parse-errors}, {@code ddl}} */
    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return CdcFormatOptions.OPTIONAL;
    }
}
