package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsJsonAdapter;
import io.cdcsdk.dms.internal.DmsCsvAdapter;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DmsCsvTest {
    private final DmsCsvAdapter adapter = new DmsCsvAdapter();

    @ParameterizedTest
    @CsvSource({
            "s3-csv_real_brabster-northwind_orders_cdc_20240612-103125108.csv, cdc/public/orders/20240612-103125108.csv",
            "s3-csv_real_brabster-northwind_orders_cdc_20240612-103623720.csv, cdc/public/orders/20240612-103623720.csv",
            "s3-csv_real_brabster-northwind_orders_LOAD00000001_first40lines.csv, cdc/public/orders/LOAD00000001.csv",
            "s3-csv_real_brabster-northwind_orders_cdc-with-before-image-pk_20240705-202150266.csv, cdc/public/orders/20240705-202150266.csv",
            "s3-csv_real_brabster-northwind_order_details_cdc_20240612-103540301.csv, cdc/public/order_details/20240612-103540301.csv",
            "s3-csv_real_brabster-northwind_order_details_cdc-with-before-image-pk_20240705-201037838.csv, cdc/public/order_details/20240705-201037838.csv",
            "s3-csv_real_brabster-northwind_categories_LOAD00000001.csv, cdc/public/categories/LOAD00000001.csv",
            "s3-csv_real_brabster-northwind_employees_LOAD00000001.csv, cdc/public/employees/LOAD00000001.csv",
            "s3-csv_aws-docs_employee_cdc_example.csv, s3-csv_aws-docs_employee_cdc_example.csv",
            "s3-csv_aws-repost_before-image-pk-columns_example.csv, s3-csv_aws-repost_before-image-pk-columns_example.csv",
            "s3-csv_aws-docs_preserve-transactions_example.csv, CDC_TXN-20201117153046033.csv",
            "s3-csv_aws-docs_employee_header_LOAD00000001.csv, hr/employee/LOAD00000001.csv",
            "s3-csv_aws-docs_employee_header_cdc_20141029-1134010000.csv, hr/employee/20141029-1134010000.csv",
            "s3-csv_made-from-brabster-northwind_employees_cdc-nosup_20240612-110005000.csv, cdc/public/employees/20240612-110005000.csv",
            "s3-csv_made-from-brabster-northwind_employees_cdc-null-means-unavailable_20240612-110505000.csv, cdc/public/employees/20240612-110505000.csv",
    })
    void matchesGolden(String sample, String sourceName) throws Exception {
        String base = sample.substring(0, sample.length() - 4);
        // A sample with a header row may have no definitions file.
        Path defsFile = Golden.resource("samples").resolve(base + ".table-def.json");
        TableDefinitions defs = Files.exists(defsFile) ? TableDefinitions.read(defsFile) : TableDefinitions.empty();
        ReadOptions options = ReadOptions.defaults().withExtension(defs);
        List<ChangeEvent> events = Golden.readAll(adapter.open(Files.newInputStream(Golden.resource("samples/" + sample)),
                ReadContext.of(sourceName, options)));
        Golden.assertMatches(Golden.resource("golden/" + base + ".expected.ndjson"), events);
    }

    private static final TableDefinitions ORDERS = TableDefinitions.builder()
            .add(new TableDefinitions.Table("public", "orders", List.of("id", "name", "note"), List.of("id"),
                    "commit_ts", List.of("seq"), "seq", null))
            .build();

    private List<ChangeEvent> read(String csv, String source, ReadOptions options) throws IOException {
        return Golden.readAll(adapter.open(stream(csv), ReadContext.of(source, options)));
    }

    @Test
    void quotingNullsCrlfAndOldKeywords() throws Exception {
        String csv = "INSERT,2024-01-02 03:04:05.123456,1,\"a, \"\"b\"\"\r\nc\",,1\r\n"
                + "update,2024-01-02 03:04:05,2,\"\",x,2\n"
                + "DELETE,2024-01-02 03:04:05.1,3,,,\n";
        List<ChangeEvent> events = read(csv, "cdc/public/orders/20240102-030405000.csv", ReadOptions.defaults().withExtension(ORDERS));
        assertEquals(3, events.size());
        ChangeEvent e = events.get(0);
        assertEquals(Operation.INSERT, e.op());
        assertEquals("a, \"b\"\r\nc", e.after().get("name"));
        assertNull(e.after().get("note"));
        assertTrue(e.after().has("note"));
        assertEquals("1", e.position());
        assertEquals(java.time.Instant.parse("2024-01-02T03:04:05.123456Z"), e.ts());
        assertEquals(1L, e.origin().line());
        assertEquals("", events.get(1).after().get("name"));
        assertEquals(Operation.UPDATE, events.get(1).op());
        assertEquals(3L, events.get(1).origin().line());
        assertEquals(Operation.DELETE, events.get(2).op());
        assertNull(events.get(2).after());
        assertEquals(Row.builder().put("id", "3").build(), events.get(2).key());
        assertNull(events.get(2).position());
    }

    @Test
    void delimiterNullStringAndInsertsOnly() throws Exception {
        TableDefinitions defs = TableDefinitions.builder().add("s", "t", List.of("a", "b", "c"), List.of()).build();
        ReadOptions o = ReadOptions.defaults().withExtension(defs)
                .withExtension(DmsCsvSettings.defaults().withDelimiter('|').withNullString("NULL"));
        List<ChangeEvent> events = read("1|NULL|\n", "dms/s/t/20240101-000000000.csv", o);
        assertEquals(Operation.INSERT, events.get(0).op());
        assertEquals("1", events.get(0).after().get("a"));
        assertNull(events.get(0).after().get("b"));
        assertEquals("", events.get(0).after().get("c"));
        assertNull(events.get(0).key());
        assertEquals("s", events.get(0).source().schema());
    }

    @Test
    void loadFilesAreSnapshotsWithOrWithoutOp() throws Exception {
        TableDefinitions defs = TableDefinitions.builder().add("s", "t", List.of("a", "b"), List.of("a")).build();
        ReadOptions o = ReadOptions.defaults().withExtension(defs);
        List<ChangeEvent> events = read("1,x\nI,2,y\n", "s/t/LOAD0000000A.csv", o);
        assertEquals(List.of(Operation.SNAPSHOT, Operation.SNAPSHOT), events.stream().map(ChangeEvent::op).toList());
        assertEquals("2", events.get(1).after().get("a"));
    }

    @Test
    void headerRowWithoutDefinition() throws Exception {
        List<ChangeEvent> events = read("Op,id,name\nI,1,a\nD,2,\n", "bucket/dms/s/t/2024/01/02/20240102-000000000.csv",
                ReadOptions.defaults());
        assertEquals(2, events.size());
        assertEquals("t", events.get(0).source().table());
        assertEquals("s", events.get(0).source().schema());
        assertEquals("a", events.get(0).after().get("name"));
        assertEquals(Operation.DELETE, events.get(1).op());
        assertNull(events.get(1).before().get("name"));
        assertEquals(3L, events.get(1).origin().line());
    }

    @Test
    void loadHeaderWithoutOpAndCdcHeaderWithOpOfOneTableInOneRun() throws Exception {
        ReadOptions o = ReadOptions.defaults();
        List<ChangeEvent> load = read("EMPLOYEE_ID,FIRST_NAME\n1,Ann\n2,\n", "hr/employees/LOAD00000001.csv", o);
        List<ChangeEvent> cdc = read("op,EMPLOYEE_ID,FIRST_NAME\nU,1,Anna\nD,2,\n", "hr/employees/20240101-000000000.csv", o);
        assertEquals(List.of(Operation.SNAPSHOT, Operation.SNAPSHOT), load.stream().map(ChangeEvent::op).toList());
        assertEquals(Row.builder().put("EMPLOYEE_ID", "1").put("FIRST_NAME", "Ann").build(), load.get(0).after());
        assertNull(load.get(1).after().get("FIRST_NAME"));
        assertEquals(List.of(Operation.UPDATE, Operation.DELETE), cdc.stream().map(ChangeEvent::op).toList());
        assertEquals(Row.builder().put("EMPLOYEE_ID", "1").put("FIRST_NAME", "Anna").build(), cdc.get(0).after());
        // A CDC file whose header has no Op holds inserts only (CdcInsertsOnly).
        List<ChangeEvent> inserts = read("EMPLOYEE_ID,FIRST_NAME\n3,Bo\n", "hr/employees/20240101-000001000.csv", o);
        assertEquals(Operation.INSERT, inserts.get(0).op());
        assertEquals("3", inserts.get(0).after().get("EMPLOYEE_ID"));
    }

    @Test
    void partitionFolderOfAParallelLoadKeepsTableAndEvents() throws Exception {
        String base = "s3-csv_real_brabster-northwind_orders_LOAD00000001_first40lines";
        TableDefinitions defs = TableDefinitions.read(Golden.resource("samples/" + base + ".table-def.json"));
        String partitioned = "cdc/public/orders/orders_1996/LOAD00000001.csv";
        List<ChangeEvent> events = Golden.readAll(adapter.open(Files.newInputStream(Golden.resource("samples/" + base + ".csv")),
                ReadContext.of(partitioned, ReadOptions.defaults().withExtension(defs))));
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(Golden.resource("golden/" + base + ".expected.ndjson"))) {
            if (!line.startsWith("//")) {
                expected.add(line.replace("\"file\":\"cdc/public/orders/LOAD00000001.csv\"", "\"file\":\"" + partitioned + "\""));
            }
        }
        assertEquals(expected, events.stream().map(io.cdcsdk.core.json.ChangeEventJson::toJson).toList());
    }

    @Test
    void noSupMarkerOfTheSettingsInAHeaderFileAndQuotedMarkerIsText() throws Exception {
        ReadOptions o = ReadOptions.defaults().withExtension(DmsCsvSettings.defaults().withNoSupValue("@@NOSUP"));
        List<ChangeEvent> events = read("Op,id,body,note\nU,1,@@NOSUP,\"@@NOSUP\"\nI,2,,x\n",
                "s/t/20240101-000000000.csv", o);
        ChangeEvent u = events.get(0);
        assertEquals(Row.builder().put("id", "1").put("note", "@@NOSUP").build(), u.after());
        assertEquals(java.util.Set.of("body"), u.unavailable());
        assertEquals(new Images(Completeness.ABSENT, Completeness.PARTIAL), u.images());
        ChangeEvent i = events.get(1);
        assertTrue(i.after().has("body"));
        assertNull(i.after().get("body"));
        assertEquals(java.util.Set.of(), i.unavailable());
        assertEquals(new Images(null, Completeness.FULL), i.images());
    }

    @Test
    void tableMarkerBeforeDefinitionsMarkerBeforeSettings() throws Exception {
        TableDefinitions defs = TableDefinitions.builder().noSupValue("#ALL")
                .add(new TableDefinitions.Table("s", "t", List.of("id", "a", "b"), List.of("id"), null, null, null, null,
                        "#T", null))
                .add("s", "u", List.of("id", "a", "b"), List.of("id"))
                .build();
        ReadOptions o = ReadOptions.defaults().withExtension(defs)
                .withExtension(DmsCsvSettings.defaults().withNoSupValue("#SETTINGS"));
        ChangeEvent t = read("U,1,#T,#ALL\n", "s/t/20240101-000000000.csv", o).get(0);
        assertEquals(List.of("a"), List.copyOf(t.unavailable()));
        assertEquals("#ALL", t.after().get("b"));
        ChangeEvent u = read("U,1,#T,#ALL\n", "s/u/20240101-000000000.csv", o).get(0);
        assertEquals(List.of("b"), List.copyOf(u.unavailable()));
        ChangeEvent settingsOnly = read("U,1,#SETTINGS,x\n", "s/u/20240101-000000000.csv", ReadOptions.defaults()
                .withExtension(TableDefinitions.builder().add("s", "u", List.of("id", "a", "b"), List.of("id")).build())
                .withExtension(DmsCsvSettings.defaults().withNoSupValue("#SETTINGS"))).get(0);
        assertEquals(List.of("a"), List.copyOf(settingsOnly.unavailable()));
        assertEquals(Row.builder().put("id", "1").put("b", "x").build(), settingsOnly.after());
    }

    @Test
    void nullMeansUnavailableOnlyInUpdatesAndBeforeImageColumnsSayHowCompleteTheBeforeImageIs() throws Exception {
        TableDefinitions defs = TableDefinitions.builder()
                .add(new TableDefinitions.Table("s", "t", List.of("id", "doc", "n"), List.of("id"), null,
                        List.of("bi_id"), null, "bi_", null, List.of("doc")))
                .build();
        ReadOptions o = ReadOptions.defaults().withExtension(defs);
        List<ChangeEvent> events = read("I,1,,1,\nU,1,,2,\nU,2,d,,1\nD,2,,,\nD,3,x,,\n", "s/t/20240101-000000000.csv", o);
        assertTrue(events.get(0).after().has("doc"));
        assertEquals(new Images(null, Completeness.FULL), events.get(0).images());
        assertEquals(java.util.Set.of("doc"), events.get(1).unavailable());
        assertFalse(events.get(1).after().has("doc"));
        assertEquals(new Images(Completeness.ABSENT, Completeness.PARTIAL), events.get(1).images());
        // n is NULL and stays so: only doc's NULL means "not logged".
        assertEquals(Row.builder().put("id", "2").put("doc", "d").put("n", null).build(), events.get(2).after());
        assertEquals(Row.builder().put("id", "1").build(), events.get(2).before());
        assertEquals(new Images(Completeness.KEYS, Completeness.FULL), events.get(2).images());
        assertEquals(new Images(Completeness.KEYS, null), events.get(3).images());
        assertTrue(events.get(3).unavailable().isEmpty());
        assertEquals(new Images(Completeness.FULL, null), events.get(4).images());
    }

    @Test
    void headerRowIsSkippedWhenADefinitionExists() throws Exception {
        List<ChangeEvent> events = read("Op,commit_ts,id,name,note,seq\nI,,1,a,b,\n", "orders.csv",
                ReadOptions.defaults().withExtension(ORDERS));
        assertEquals(1, events.size());
        assertEquals("public", events.get(0).source().schema());
        assertNull(events.get(0).ts());
    }

    @Test
    void unknownTableFailsClearly() {
        TableDefinitions two = TableDefinitions.builder().add("s", "a", List.of("x"), List.of())
                .add("s", "b", List.of("x"), List.of()).build();
        ChangeReadException e = assertThrows(ChangeReadException.class,
                () -> read("I,1\n", "local.csv", ReadOptions.defaults().withExtension(two)));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, e.kind());
        ChangeReadException none = assertThrows(ChangeReadException.class,
                () -> read("I,1\n", "local.csv", ReadOptions.defaults()));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, none.kind());
        assertTrue(none.getMessage().contains("no table definition"));
    }

    @Test
    void wrongColumnCountNamesLineAndCountsNotValuesAndSkipResumes() throws Exception {
        String csv = "I,2024-01-01 00:00:00,1,a,b,1\n"
                + "I,2024-01-01 00:00:00,2,SECRET-MARKER-42\n"
                + "I,2024-01-01 00:00:00,3,c,d,3\n";
        ReadOptions o = ReadOptions.defaults().withExtension(ORDERS);
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(csv, "orders.csv", o));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(2, e.position().line());
        assertTrue(e.getMessage().contains("expected 5 fields, or 6 with the Op field"), e.getMessage());
        assertTrue(e.getMessage().contains("found 4"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET-MARKER-42"));

        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read(csv, "orders.csv", o.skipOnError(skipped::add));
        assertEquals(2, events.size());
        assertEquals("3", events.get(1).after().get("id"));
        assertEquals(3L, events.get(1).origin().line());
        assertEquals(1, skipped.size());
    }

    @Test
    void unbalancedQuoteFailsWithLineAndSkipResumes() throws Exception {
        String csv = "I,2024-01-01 00:00:00,1,a,b,1\n"
                + "I,2024-01-01 00:00:00,2,\"SECRET-MARKER-42\"x,b,2\n"
                + "I,2024-01-01 00:00:00,3,c,d,3\n"
                + "I,2024-01-01 00:00:00,4,\"SECRET-MARKER-42,d,4\n";
        ReadOptions o = ReadOptions.defaults().withExtension(ORDERS);
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(csv, "orders.csv", o));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(2, e.position().line());
        assertFalse(e.getMessage().contains("SECRET-MARKER-42"));

        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read(csv, "orders.csv", o.skipOnError(skipped::add));
        assertEquals(List.of("1", "3"), events.stream().map(ev -> ev.after().get("id")).toList());
        assertEquals(2, skipped.size());
        assertEquals(4, skipped.get(1).position().line());
        assertEquals(ChangeReadException.Kind.MALFORMED, skipped.get(1).kind());
        for (ChangeReadException s : skipped) {
            assertFalse(s.getMessage().contains("SECRET-MARKER-42"));
        }
    }

    @Test
    void gzipThroughTheRegistry() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("I,2024-01-01 00:00:00,1,a,b,1\n".getBytes(StandardCharsets.UTF_8));
        }
        FormatRegistry registry = FormatRegistry.builder().add(new DmsJsonAdapter()).add(adapter).build();
        List<ChangeEvent> events = Golden.readAll(registry.open(new ByteArrayInputStream(bytes.toByteArray()),
                "cdc/public/orders/20240101-000000000.csv.gz", null, ReadOptions.defaults().withExtension(ORDERS)));
        assertEquals(1, events.size());
        assertEquals("dms-csv", events.get(0).source().format());
    }

    @Test
    void detection() {
        assertEquals(Detection.CONTENT, adapter.detect(DmsJsonGoldenTest.head("x", "I,1,2\n")));
        assertEquals(Detection.NAME, adapter.detect(DmsJsonGoldenTest.head("a/b/LOAD00000001.csv", "1,2\n")));
        assertEquals(Detection.NAME, adapter.detect(DmsJsonGoldenTest.head("CDC_TXN-2020.csv", "x")));
        assertEquals(Detection.NO, adapter.detect(DmsJsonGoldenTest.head("x.csv", "{\"metadata\":{}}")));
        assertEquals(Detection.NO, adapter.detect(DmsJsonGoldenTest.head("x.txt", "hello")));
    }

    // ---- property: DMS-style CSV written by a small writer reads back identical ----

    private static final String ALPHABET = "ab,\"\r\n \t;|é€😀\u0000xyzI";

    private static String randomText(Random r) {
        int len = r.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int k = r.nextInt(10);
            if (k < 6) {
                sb.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, r.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
            } else if (k < 8) {
                sb.appendCodePoint(0x20 + r.nextInt(0x7f - 0x20));
            } else {
                int cp;
                do {
                    cp = r.nextInt(0x10FFFF);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** Writes a field as DMS does: NULL unquoted empty, "" for empty, quotes when needed. */
    static String dmsField(String v, char delimiter) {
        if (v == null) {
            return "";
        }
        if (v.isEmpty()) {
            return "\"\"";
        }
        if (v.indexOf(delimiter) >= 0 || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    @Test
    void randomRowsRoundTrip() {
        Seeds.forAll("dms-csv round trip", 20260523L, 600, r -> {
            int cols = 1 + r.nextInt(5);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < cols; i++) {
                names.add("c" + i);
            }
            TableDefinitions defs = TableDefinitions.builder().add("s", "t", names, List.of("c0")).build();
            int rows = r.nextInt(6);
            char delimiter = ",;|\t".charAt(r.nextInt(4));
            List<List<String>> expected = new ArrayList<>();
            List<String> ops = new ArrayList<>();
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                List<String> row = new ArrayList<>();
                String op = new String[] {"I", "U", "D"}[r.nextInt(3)];
                ops.add(op);
                csv.append(r.nextInt(3) == 0 ? new String[] {"INSERT", "UPDATE", "DELETE"}["IUD".indexOf(op)] : op);
                for (int c = 0; c < cols; c++) {
                    String v = r.nextInt(5) == 0 ? null : r.nextInt(6) == 0 ? "" : randomText(r);
                    row.add(v);
                    csv.append(delimiter).append(dmsField(v, delimiter));
                }
                expected.add(row);
                csv.append(r.nextBoolean() ? "\r\n" : "\n");
            }
            if (rows > 0 && r.nextInt(4) == 0) {
                csv.setLength(csv.length() - (csv.charAt(csv.length() - 2) == '\r' ? 2 : 1)); // no final line break
            }
            List<ChangeEvent> events;
            try {
                events = Golden.readAll(new DmsCsvAdapter().open(stream(csv.toString()),
                        ReadContext.of("dms/s/t/20240101-000000000.csv", ReadOptions.defaults().withExtension(defs)
                                .withExtension(DmsCsvSettings.defaults().withDelimiter(delimiter)))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertEquals(rows, events.size());
            for (int i = 0; i < rows; i++) {
                ChangeEvent e = events.get(i);
                Row image = e.row();
                assertEquals(ops.get(i).equals("D") ? Operation.DELETE : ops.get(i).equals("U") ? Operation.UPDATE
                        : Operation.INSERT, e.op());
                for (int c = 0; c < cols; c++) {
                    assertEquals(expected.get(i).get(c), image.get("c" + c), "row " + i + " column " + c);
                }
            }
        });
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
