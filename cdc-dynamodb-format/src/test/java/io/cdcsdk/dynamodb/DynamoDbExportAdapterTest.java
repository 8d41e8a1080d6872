package io.cdcsdk.dynamodb;

import io.cdcsdk.dynamodb.internal.DynamoDbExportAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamoDbExportAdapterTest {
    private static final String MARKER = "SECRET-MARKER-42";
    private final DynamoDbExportAdapter adapter = new DynamoDbExportAdapter();

    private List<ChangeEvent> read(String name, byte[] bytes, ReadOptions options) throws IOException {
        return Golden.readAll(adapter.open(new ByteArrayInputStream(bytes), ReadContext.of(name, options)));
    }

    @Test
    void fullExportGolden() throws IOException {
        String name = "full-export_data_dynamodb-json_aws-docs.jsonl";
        byte[] bytes = Files.readAllBytes(Golden.resource("samples/export/" + name));
        assertEquals(Detection.CERTAIN, adapter.detect(new Head(name, bytes, false)));
        assertEquals(DynamoDbExportAdapter.NAME, FormatRegistry.discover().detect(new Head(name, bytes, false)).name());
        List<ChangeEvent> events = read(name, bytes, ReadOptions.defaults());
        Golden.assertMatches(Golden.resource("golden/" + name + ".expected.ndjson"), events);
        assertInstanceOf(Set.class, events.get(0).after().get("Authors"));
    }

    @Test
    void sampleManifests() throws IOException {
        DynamoDbExportManifest.Summary s;
        try (InputStream in = Files.newInputStream(Golden.resource("samples/export/full-export_manifest-summary_aws-docs.json"))) {
            s = DynamoDbExportManifest.readSummary(in, "manifest-summary.json");
        }
        assertEquals("ProductCatalog", s.tableName());
        assertEquals("DYNAMODB_JSON", s.outputFormat());
        assertEquals("AWSDynamoDB/01345678901234-abc12345/manifest-files.json", s.manifestFilesS3Key());
        assertEquals(new BigDecimal(8), s.itemCount());
        assertNull(s.exportType());
        List<DynamoDbExportManifest.DataFile> files;
        try (InputStream in = Files.newInputStream(Golden.resource("samples/export/full-export_manifest-files_aws-docs.jsonl"))) {
            files = DynamoDbExportManifest.readDataFiles(in, "manifest-files.json");
        }
        assertEquals(1, files.size());
        assertEquals("AWSDynamoDB/11111111111111-22222222/data/33334444EXAMPLE.json.gz", files.get(0).dataFileS3Key());
        assertEquals(new BigDecimal(8), files.get(0).itemCount());
        assertEquals("sQMSpEILNgoQmarvDFonGQ==", files.get(0).md5Checksum());
        byte[] summary = Files.readAllBytes(Golden.resource("samples/export/full-export_manifest-summary_aws-docs.json"));
        assertEquals(Detection.CERTAIN, adapter.detect(new Head("manifest-summary.json", summary, false)));
        // a manifest read as a stream, without a local export around it, says what it is
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read("manifest-summary.json", summary,
                ReadOptions.defaults()));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, e.kind());
    }

    /** A local export with the S3 layout: the summary leads to manifest-files, then to gzip data files (one empty). */
    @Test
    void readsALocalExportThroughItsManifest(@TempDir Path root) throws IOException {
        Path dir = root.resolve("AWSDynamoDB/01234567890123-a1b2c3d4");
        Files.createDirectories(dir.resolve("data"));
        String summary = new String(Files.readAllBytes(Golden.resource("samples/export/full-export_manifest-summary_aws-docs.json")),
                StandardCharsets.UTF_8).replace("AWSDynamoDB/01345678901234-abc12345/manifest-files.json",
                "AWSDynamoDB/01234567890123-a1b2c3d4/manifest-files.json");
        Files.writeString(dir.resolve("manifest-summary.json"), summary);
        Files.writeString(dir.resolve("manifest-files.json"),
                "{\"itemCount\":0,\"dataFileS3Key\":\"AWSDynamoDB/01234567890123-a1b2c3d4/data/empty.json.gz\"}\n"
                + "{\"itemCount\":1,\"dataFileS3Key\":\"AWSDynamoDB/01234567890123-a1b2c3d4/data/33334444EXAMPLE.json.gz\"}\n");
        gzip(dir.resolve("data/empty.json.gz"), new byte[0]);
        gzip(dir.resolve("data/33334444EXAMPLE.json.gz"),
                Files.readAllBytes(Golden.resource("samples/export/full-export_data_dynamodb-json_aws-docs.jsonl")));
        ReadOptions options = ReadOptions.defaults().withExtension(DynamoDbExportOptions.of(null, "Id"));
        List<ChangeEvent> events = Golden.readAll(FormatRegistry.discover().open(dir.resolve("manifest-summary.json"), options));
        Golden.assertMatches(Golden.resource("golden/full-export_data_dynamodb-json_aws-docs.jsonl.with-manifest.expected.ndjson"), events);
        // the files manifest works as an entry point too
        events = Golden.readAll(FormatRegistry.discover().open(dir.resolve("manifest-files.json"), options));
        assertEquals(1, events.size());
        assertEquals(List.of(dir.resolve("data/empty.json.gz").toAbsolutePath(),
                dir.resolve("data/33334444EXAMPLE.json.gz").toAbsolutePath()),
                DynamoDbExportManifest.dataFiles(dir.resolve("manifest-summary.json")));
    }

    /**
     * Data files the reader opens through a manifest get the registry's gzip guards: a bomb over
     * the ratio limit and a truncated gzip each fail alone; under SKIP each is reported and reading
     * goes on with the next file. A missing file is an I/O error, which ends the input.
     */
    @Test
    void manifestDataFilesAreGuarded(@TempDir Path root) throws IOException {
        String prefix = "AWSDynamoDB/01234567890123-a1b2c3d4/";
        Path dir = root.resolve(prefix);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("manifest-files.json"), String.join("\n",
                "{\"dataFileS3Key\":\"" + prefix + "data/bomb.json.gz\"}",
                "{\"dataFileS3Key\":\"" + prefix + "data/cut.json.gz\"}",
                "{\"dataFileS3Key\":\"" + prefix + "data/good.json.gz\"}",
                "{\"dataFileS3Key\":\"" + prefix + "data/missing.json.gz\"}", ""));
        byte[] good = Files.readAllBytes(Golden.resource("samples/export/full-export_data_dynamodb-json_aws-docs.jsonl"));
        String marker = "SECRET-MARKER-GZ";
        gzip(dir.resolve("data/bomb.json.gz"), ("{\"Item\":{\"Id\":{\"S\":\"" + marker + "\"}" + " ".repeat(1 << 20)
                + "}}\n").getBytes(StandardCharsets.UTF_8));
        gzip(dir.resolve("data/cut.json.gz"), good);
        byte[] cut = Files.readAllBytes(dir.resolve("data/cut.json.gz"));
        Files.write(dir.resolve("data/cut.json.gz"), java.util.Arrays.copyOf(cut, cut.length / 2));
        gzip(dir.resolve("data/good.json.gz"), good);
        ReadOptions options = ReadOptions.defaults().withExtension(DynamoDbExportOptions.of("T", "Id"))
                .withLimits(io.cdcsdk.core.Limits.DEFAULTS.withMaxGzipRatio(100, 4096));

        ChangeReadException e = assertThrows(ChangeReadException.class, () -> Golden.readAll(
                FormatRegistry.discover().open(dir.resolve("manifest-files.json"), options)));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals(prefix + "data/bomb.json.gz", e.position().sourceName());

        List<ChangeReadException> reports = new ArrayList<>();
        List<ChangeEvent> events = Golden.readAll(FormatRegistry.discover().open(dir.resolve("manifest-files.json"),
                options.skipOnError(reports::add)));
        assertEquals(1, events.size(), reports.toString());
        assertEquals(new BigDecimal("103"), events.get(0).key().get("Id"));
        assertEquals(List.of(ChangeReadException.Kind.LIMIT_EXCEEDED, ChangeReadException.Kind.MALFORMED,
                ChangeReadException.Kind.IO), reports.stream().map(ChangeReadException::kind).toList());
        assertEquals(List.of(prefix + "data/bomb.json.gz", prefix + "data/cut.json.gz", prefix + "data/missing.json.gz"),
                reports.stream().map(r -> r.position().sourceName()).toList());
        for (ChangeReadException r : reports) {
            assertFalse(r.getMessage().contains(marker), r.getMessage());
        }
    }

    @Test
    void gzipDataFileThroughTheRegistry(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("33334444EXAMPLE.json.gz");
        gzip(file, Files.readAllBytes(Golden.resource("samples/export/full-export_data_dynamodb-json_aws-docs.jsonl")));
        List<ChangeEvent> events = Golden.readAll(FormatRegistry.discover().open(file, ReadOptions.defaults()));
        assertEquals(1, events.size());
        assertEquals(Operation.SNAPSHOT, events.get(0).op());
        assertEquals(new BigDecimal("2000"), events.get(0).after().get("Price"));
    }

    @Test
    void ionExportIsNotReadAndSaysSo() throws IOException {
        String name = "full-export_data_ion_aws-docs.ion";
        byte[] bytes = Files.readAllBytes(Golden.resource("samples/export/" + name));
        assertEquals(Detection.NO, adapter.detect(new Head(name, bytes, false)));
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(name, bytes, ReadOptions.defaults()));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("Ion"));
    }

    private static void gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    @Test
    void incrementalExportLines() throws IOException {
        String lines = "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1746609560577628\"}},\"Keys\":{\"pk\":{\"S\":\"a\"}},"
                + "\"NewImage\":{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"1\"}}}\n"
                + "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1746609560577629\"}},\"Keys\":{\"pk\":{\"S\":\"b\"}},"
                + "\"NewImage\":{\"pk\":{\"S\":\"b\"},\"v\":{\"N\":\"2\"}},\"OldImage\":{\"pk\":{\"S\":\"b\"},\"v\":{\"N\":\"1\"}}}\n"
                + "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1746609560577630\"}},\"Keys\":{\"pk\":{\"S\":\"c\"}},"
                + "\"OldImage\":{\"pk\":{\"S\":\"c\"}}}\n"
                + "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1746609560577631\"}},\"Keys\":{\"pk\":{\"S\":\"d\"}},"
                + "\"NewImage\":{\"pk\":{\"N\":\"" + MARKER + "\"}}}\n"
                + "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1746609560577632\"}},\"Keys\":{\"pk\":{\"S\":\"e\"}}}\n";
        byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
        assertEquals(Detection.CERTAIN, adapter.detect(new Head("x.json", bytes, false)));
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read("incr.json", bytes, ReadOptions.defaults().withExtension(DynamoDbExportOptions.of("T"))
                .skipOnError(skipped::add));
        assertEquals(List.of(Operation.INSERT, Operation.UPDATE, Operation.DELETE, Operation.DELETE),
                events.stream().map(ChangeEvent::op).toList());
        assertEquals(Instant.parse("2025-05-07T09:19:20.577628Z"), events.get(0).ts());
        assertEquals("T", events.get(0).source().table());
        assertEquals("b", events.get(1).key().get("pk"));
        assertEquals(new BigDecimal("1"), events.get(1).before().get("v"));
        assertNull(events.get(2).after());
        assertEquals(1, skipped.size());
        assertEquals(ChangeReadException.Kind.UNEXPECTED_TYPE, skipped.get(0).kind());
        assertTrue(skipped.get(0).getMessage().contains("$.NewImage.pk.N"), skipped.get(0).getMessage());
        assertFalse(skipped.get(0).getMessage().contains(MARKER));
        assertEquals(4, skipped.get(0).position().line());
    }
}
