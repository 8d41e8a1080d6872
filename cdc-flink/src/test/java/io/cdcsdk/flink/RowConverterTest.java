package io.cdcsdk.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

class RowConverterTest {
    private static final Position AT = new Position("orders.json", 7, -1, 3);

    private static Object convert(Object value, LogicalType type) {
        return RowConverter.convert(value, type, "c", AT);
    }

    @Test
    void numbersAreExactAndDecimalsKeepTheirDeclaredScale() {
        assertEquals(DecimalData.fromBigDecimal(new BigDecimal("12345678901234567890.12"), 38, 2),
                convert(new BigDecimal("12345678901234567890.1200"), DataTypes.DECIMAL(38, 2).getLogicalType()));
        assertEquals(DecimalData.fromBigDecimal(new BigDecimal("32.38000110"), 18, 8),
                convert("+3.23800011e+01", DataTypes.DECIMAL(18, 8).getLogicalType()));
        assertEquals(9_007_199_254_740_993L, convert("9007199254740993", DataTypes.BIGINT().getLogicalType()));
        assertEquals(7, convert(new BigDecimal("7.000"), DataTypes.INT().getLogicalType()));
    }

    @Test
    void timestampsKeepMicrosecondsAndInstantsTheirOffset() {
        assertEquals(TimestampData.fromLocalDateTime(LocalDateTime.parse("2024-06-12T10:30:25.104667")),
                convert("2024-06-12 10:30:25.104667", DataTypes.TIMESTAMP(6).getLogicalType()));
        assertEquals(TimestampData.fromInstant(Instant.parse("2024-06-12T08:30:25.104667Z")),
                convert("2024-06-12T10:30:25.104667+02:00", DataTypes.TIMESTAMP_LTZ(6).getLogicalType()));
        assertEquals(19_886, convert("2024-06-12", DataTypes.DATE().getLogicalType()));
    }

    @Test
    void dynamoDbValuesFillBytesBooleansArraysMapsAndRows() {
        assertArrayEquals(new byte[] {1, 2}, (byte[]) convert(Bytes.of(new byte[] {1, 2}), DataTypes.BYTES().getLogicalType()));
        assertEquals(true, convert(true, DataTypes.BOOLEAN().getLogicalType()));
        assertEquals(false, convert("f", DataTypes.BOOLEAN().getLogicalType()));
        var array = (org.apache.flink.table.data.ArrayData) convert(new LinkedHashSet<>(List.of("a", "b")),
                DataTypes.ARRAY(DataTypes.STRING()).getLogicalType());
        assertEquals(StringData.fromString("b"), array.getString(1));
        var map = (org.apache.flink.table.data.MapData) convert(Map.of("k", new BigDecimal("1.5")),
                DataTypes.MAP(DataTypes.STRING(), DataTypes.DECIMAL(4, 1)).getLogicalType());
        assertEquals(1, map.size());
        RowData row = (RowData) convert(Map.of("n", new BigDecimal("3"), "s", "x"),
                DataTypes.ROW(DataTypes.FIELD("s", DataTypes.STRING()), DataTypes.FIELD("n", DataTypes.BIGINT())).getLogicalType());
        assertEquals(3L, row.getLong(1));
    }

    @Test
    void aMisfitNamesTheColumnAndPositionNeverTheValue() {
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> convert("12.345", DataTypes.DECIMAL(10, 2).getLogicalType()));
        assertTrue(e.getMessage().contains("c") && e.getMessage().contains("orders.json"), e.getMessage());
        assertFalse(e.getMessage().contains("12.345"), e.getMessage());
        assertThrows(ChangeReadException.class, () -> convert("SECRET", DataTypes.BIGINT().getLogicalType()));
        assertThrows(ChangeReadException.class, () -> convert(new BigDecimal("300"), DataTypes.TINYINT().getLogicalType()));
        assertThrows(ChangeReadException.class, () -> convert(List.of(), DataTypes.STRING().getLogicalType()));
    }

    @Test
    void rowKindsAndMetadata() {
        RowType type = (RowType) DataTypes.ROW(DataTypes.FIELD("id", DataTypes.BIGINT()), DataTypes.FIELD("v", DataTypes.STRING())).getLogicalType();
        RowConverter converter = new RowConverter(type, List.of("operation", "table", "ts", "source-format"), false);
        SourceInfo source = SourceInfo.of("dynamodb-stream", null, "orders");
        Row key = Row.of(Map.of("id", new BigDecimal("1")));
        ChangeEvent delete = ChangeEvent.builder(Operation.DELETE, source).key(key).ts(Instant.ofEpochSecond(1, 500)).build();
        GenericRowData row = (GenericRowData) converter.map(delete, AT);
        assertEquals(RowKind.DELETE, row.getRowKind());
        assertEquals(1L, row.getField(0));
        assertNull(row.getField(1));
        assertEquals(StringData.fromString("delete"), row.getField(2));
        assertEquals(StringData.fromString("orders"), row.getField(3));
        assertEquals(TimestampData.fromInstant(Instant.ofEpochSecond(1, 500)), row.getField(4));
        assertEquals(StringData.fromString("dynamodb-stream"), row.getField(5));

        ChangeEvent update = ChangeEvent.builder(Operation.UPDATE, source).key(key).after(Row.of(Map.of("id", 1, "v", "x"))).build();
        assertEquals(RowKind.UPDATE_AFTER, converter.map(update, AT).getRowKind());

        RowConverter images = new RowConverter(type, List.of("after-image", "unavailable"), false);
        ChangeEvent partial = ChangeEvent.builder(Operation.UPDATE, source).key(key).after(Row.of(Map.of("id", 1)))
                .images(new io.cdcsdk.core.Images(null, io.cdcsdk.core.Completeness.PARTIAL)).unavailable(List.of("v")).build();
        GenericRowData partialRow = (GenericRowData) images.map(partial, AT);
        assertNull(partialRow.getField(1));
        assertEquals(StringData.fromString("partial"), partialRow.getField(2));
        assertEquals(StringData.fromString("v"), ((org.apache.flink.table.data.ArrayData) partialRow.getField(3)).getString(0));
        assertEquals(RowKind.INSERT, converter.map(update.toBuilder().op(Operation.SNAPSHOT).build(), AT).getRowKind());

        ChangeEvent ddl = ChangeEvent.builder(Operation.DDL, source).build();
        assertNull(converter.map(ddl, AT));
        assertThrows(ChangeReadException.class, () -> new RowConverter(type, List.of(), true).map(ddl, AT));
    }
}
