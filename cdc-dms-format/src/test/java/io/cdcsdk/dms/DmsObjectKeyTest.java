package io.cdcsdk.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DmsObjectKeyTest {

    @Test
    void loadAndCdcFilesWithBucketFolder() {
        DmsObjectKey k = DmsObjectKey.parse("cdc/public/orders/LOAD00000001.csv");
        assertEquals("cdc", k.bucketFolder());
        assertEquals("public", k.schema());
        assertEquals("orders", k.table());
        assertEquals(DmsObjectKey.Kind.LOAD, k.kind());
        assertEquals(1, k.loadCounter());
        assertEquals("csv", k.extension());
        assertFalse(k.gzip());

        DmsObjectKey hex = DmsObjectKey.parse("s3://bucket/a/b/Sales/Products/LOAD0000000A.csv.gz");
        assertEquals(10, hex.loadCounter());
        assertTrue(hex.gzip());
        assertEquals("csv", hex.extension());
        assertEquals("a/b", hex.bucketFolder());
        assertEquals("Products", hex.table());

        DmsObjectKey seg = DmsObjectKey.parse("db/coll/SEGMENT1_LOAD00000010.parquet");
        assertEquals("SEGMENT1", seg.segment());
        assertEquals(16, seg.loadCounter());
        assertNull(seg.bucketFolder());
        assertEquals("parquet", seg.extension());

        DmsObjectKey cdc = DmsObjectKey.parse("public/orders/20240612-103125108.csv");
        assertEquals(DmsObjectKey.Kind.CDC, cdc.kind());
        assertNull(cdc.datePartition());
        assertEquals(DmsObjectKey.Kind.CDC, DmsObjectKey.parse("s/t/20141029-1134010000.csv").kind());
    }

    @ParameterizedTest
    @CsvSource({
            "Oracledb/Sales/Products/2022-10-23/20221023-013830913.parquet, Oracledb, YYYYMMDD, -, 2022-10-23",
            "cdc/public/orders/2024/06/12/20240612-103125108.csv, cdc, YYYYMMDD, /, 2024/06/12",
            "cdc/public/orders/2024/06/12/10/20240612-103125108.csv, cdc, YYYYMMDDHH, /, 2024/06/12/10",
            "cdc/public/orders/2024/06/20240612-103125108.csv, cdc, YYYYMM, /, 2024/06",
            "cdc/public/orders/06/2024/12/20240612-103125108.csv, cdc, MMYYYYDD, /, 06/2024/12",
            "cdc/public/orders/12/06/2024/20240612-103125108.csv, cdc, DDMMYYYY, /, 12/06/2024",
            "cdc/public/orders/2024_06_12_10/20240612-103125108.csv, cdc, YYYYMMDDHH, _, 2024_06_12_10",
            "cdc/public/orders/20240612/20240612-103125108.csv, cdc, YYYYMMDD, '', 20240612",
            "cdc/public/orders/12062024/20240612-103125108.csv, cdc, DDMMYYYY, '', 12062024",
            "cdc/public/orders/06-2024-12/20240612-103125108.csv, cdc, MMYYYYDD, -, 06-2024-12",
            "cdc/public/orders/202406/20240612-103125108.csv, cdc, YYYYMM, '', 202406",
    })
    void datePartitionFolders(String key, String bucketFolder, String sequence, String delimiter, String folders) {
        DmsObjectKey k = DmsObjectKey.parse(key);
        assertEquals(DmsObjectKey.Kind.CDC, k.kind());
        assertEquals(bucketFolder, k.bucketFolder());
        assertEquals(sequence, k.datePartitionSequence());
        assertEquals(delimiter == null ? "" : delimiter, k.datePartitionDelimiter());
        assertEquals(folders, k.datePartition());
        assertTrue(k.hasTable());
    }

    @Test
    void transactionFilesAndOtherNames() {
        DmsObjectKey txn = DmsObjectKey.parse("folder/cdcpath/CDC_TXN-20201117153046033.csv");
        assertEquals(DmsObjectKey.Kind.CDC_TXN, txn.kind());
        assertNull(txn.schema());
        assertEquals("folder/cdcpath", txn.bucketFolder());
        DmsObjectKey other = DmsObjectKey.parse("orders.csv");
        assertEquals(DmsObjectKey.Kind.OTHER, other.kind());
        assertFalse(other.hasTable());
        assertFalse(DmsObjectKey.parse("LOAD00000001.csv").hasTable());
    }

    @Test
    void nullKeyFailsWithAMessageSayingSo() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> DmsObjectKey.parse(null));
        assertTrue(e.getMessage().contains("key is null"), e.getMessage());
        assertThrows(NullPointerException.class, () -> DmsObjectKey.parse(null, TableDefinitions.empty()));
    }

    @Test
    void partitionFoldersOfAParallelLoadAreToldApartByTheTableDefinitions() {
        TableDefinitions defs = TableDefinitions.builder().add("sales", "orders", List.of("id"), List.of("id")).build();
        String key = "dms/sales/orders/p2024/LOAD00000002.csv";
        DmsObjectKey plain = DmsObjectKey.parse(key);
        assertEquals("orders", plain.schema());
        assertEquals("p2024", plain.table());
        assertNull(plain.partition());

        DmsObjectKey k = DmsObjectKey.parse(key, defs);
        assertEquals("dms", k.bucketFolder());
        assertEquals("sales", k.schema());
        assertEquals("orders", k.table());
        assertEquals("p2024", k.partition());
        assertEquals(2, k.loadCounter());
        DmsObjectKey top = DmsObjectKey.parse("sales/orders/p2024/LOAD00000001.csv", defs);
        assertNull(top.bucketFolder());
        assertEquals("p2024", top.partition());

        // A defined table under a bucket folder, a CDC file, or no matching definition: as parse(key).
        assertEquals(DmsObjectKey.parse("x/sales/orders/LOAD00000001.csv"),
                DmsObjectKey.parse("x/sales/orders/LOAD00000001.csv", defs));
        assertEquals(DmsObjectKey.parse("sales/orders/p2024/20240101-000000000.csv"),
                DmsObjectKey.parse("sales/orders/p2024/20240101-000000000.csv", defs));
        assertEquals(plain, DmsObjectKey.parse(key, TableDefinitions.empty()));
    }

    @Test
    void eventKeysAreFormUrlDecoded() throws Exception {
        assertEquals("red flower.jpg", DmsObjectKey.decodeEventKey("red+flower.jpg"));
        assertEquals("a+b", DmsObjectKey.decodeEventKey("a%2Bb"));
        DmsObjectKey k = DmsObjectKey.parseEventKey("dms/my+schema/action%3Du/LOAD00000001.parquet");
        assertEquals("my schema", k.schema());
        assertEquals("action=u", k.table());

        JsonNode event = new ObjectMapper().readTree(Golden.resource("samples/s3-event_aws-docs_objectcreated-put_example.json").toFile());
        String key = event.get("Records").get(0).get("s3").get("object").get("key").textValue();
        assertEquals("HappyFace.jpg", DmsObjectKey.decodeEventKey(key));
        assertEquals(DmsObjectKey.Kind.OTHER, DmsObjectKey.parseEventKey(key).kind());
        JsonNode test = new ObjectMapper().readTree(Golden.resource("samples/s3-event_aws-docs_test-event.json").toFile());
        assertNull(test.get("Records"));
    }
}
