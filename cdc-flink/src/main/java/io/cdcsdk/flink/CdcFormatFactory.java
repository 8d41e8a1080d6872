package io.cdcsdk.flink;

import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * The Flink SQL format {@code cdc} for message-queue connectors ({@code kafka}): each message is
 * read through the library's adapters, and each event becomes a row of an upsert changelog. Flink
 * finds it through {@code META-INF/services/org.apache.flink.table.factories.Factory}; the
 * {@code filesystem} connector uses the file side of the same format. The options and the
 * changelog rules are in the module's README.
 */
public final class CdcFormatFactory implements DeserializationFormatFactory {
    /** The format identifier: {@code 'format' = 'cdc'}. */
    public static final String IDENTIFIER = "cdc";

    /** Creates the factory (Flink's factory discovery calls it). */
    public CdcFormatFactory() {
    }

    /** {@inheritDoc} */
    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(DynamicTableFactory.Context context,
            ReadableConfig formatOptions) {
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        return new CdcDecodingFormat.Messages(CdcFormatOptions.settings(formatOptions), CdcFormatOptions.failOnDdl(formatOptions));
    }

    /** {@return {@value #IDENTIFIER}} */
    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
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
