package io.cdcsdk.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.table.format.BulkDecodingFormat;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The runtime side of the SQL format {@code cdc}: an upsert changelog (+I, +U, -D; the planner
 * makes -U from the rows it keeps by primary key), the readable metadata, and the decoder: a file
 * reader for the {@code filesystem} connector, a deserialization schema for message queues.
 */
abstract class CdcDecodingFormat<I> implements DecodingFormat<I> {
    final ReadSettings settings;
    final boolean failOnDdl;
    List<String> metadataKeys = List.of();

    CdcDecodingFormat(ReadSettings settings, boolean failOnDdl) {
        this.settings = settings;
        this.failOnDdl = failOnDdl;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.upsert();
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        return RowConverter.METADATA;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys) {
        this.metadataKeys = List.copyOf(metadataKeys);
    }

    RowConverter converter(DataType physicalDataType) {
        return new RowConverter((RowType) physicalDataType.getLogicalType(), metadataKeys, failOnDdl);
    }

    org.apache.flink.api.common.typeinfo.TypeInformation<RowData> producedType(DynamicTableSource.Context context,
            DataType physicalDataType) {
        List<DataTypes.Field> fields = new ArrayList<>(DataType.getFields(physicalDataType));
        for (String key : metadataKeys) {
            fields.add(DataTypes.FIELD(key, RowConverter.METADATA.get(key)));
        }
        return context.createTypeInformation(DataTypes.ROW(fields.toArray(DataTypes.Field[]::new)));
    }

    /** Whole files through the adapters, for the {@code filesystem} connector. */
    static final class Files extends CdcDecodingFormat<BulkFormat<RowData, FileSourceSplit>> implements BulkDecodingFormat<RowData> {
        Files(ReadSettings settings, boolean failOnDdl) {
            super(settings, failOnDdl);
        }

        @Override
        public BulkFormat<RowData, FileSourceSplit> createRuntimeDecoder(DynamicTableSource.Context context, DataType physicalDataType) {
            return new CdcFileFormat<>(settings, converter(physicalDataType), producedType(context, physicalDataType));
        }
    }

    /** One message at a time, for message-queue connectors ({@code kafka}). */
    static final class Messages extends CdcDecodingFormat<DeserializationSchema<RowData>> {
        Messages(ReadSettings settings, boolean failOnDdl) {
            super(settings, failOnDdl);
        }

        @Override
        public DeserializationSchema<RowData> createRuntimeDecoder(DynamicTableSource.Context context, DataType physicalDataType) {
            return new RowDeserializationSchema(ChangeEventDeserializationSchema.of(settings, "message"),
                    converter(physicalDataType), producedType(context, physicalDataType));
        }
    }
}
