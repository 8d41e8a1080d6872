package io.cdcsdk.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Golden;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file read through its export's manifest is checked against its {@code manifest-files.json}
 * entry: the items at the end of the file against {@code itemCount}, the MD5 of its stored (gzip)
 * bytes against {@code md5Checksum}. The export under {@code samples/export/checked} is the AWS
 * documentation's example (summary and entry as the page gives them, the entry's itemCount and
 * md5Checksum those of the one-item data file made from the page's item); the verbatim entry of the
 * page (8 items, its own checksum) does not match that file.
 */
class DynamoDbExportManifestCheckTest {
    private static final String EXPORT = "AWSDynamoDB/01234567890123-a1b2c3d4/";
    private static final String DATA = EXPORT + "data/33334444EXAMPLE.json.gz";
    private static final ReadOptions OPTIONS = ReadOptions.defaults().withExtension(DynamoDbExportOptions.of(null, "Id"));

    @TempDir
    Path root;
    private Path dir;

    @BeforeEach
    void copyTheCheckedExport() throws IOException {
        Path from = Golden.resource("samples/export/checked");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path to = root.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        dir = root.resolve(EXPORT);
    }

    private List<ChangeEvent> read(String manifest, ReadOptions options) throws IOException {
        return Golden.readAll(FormatRegistry.discover().open(dir.resolve(manifest), options));
    }

    private void entry(String itemCount, String md5) throws IOException {
        String line = Files.readString(dir.resolve("manifest-files.json"));
        line = line.replaceFirst("\"itemCount\": \\d+", "\"itemCount\": " + itemCount)
                .replaceFirst("\"md5Checksum\": \"[^\"]*\"", "\"md5Checksum\": \"" + md5 + "\"");
        Files.writeString(dir.resolve("manifest-files.json"), line);
    }

    private ChangeReadException mismatch(String manifest) {
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(manifest, OPTIONS));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(DATA, e.position().sourceName());
        return e;
    }

    @Test
    void aFileThatMatchesItsEntryIsRead() throws IOException {
        Path golden = Golden.resource("golden/full-export_data_dynamodb-json_aws-docs.jsonl.with-manifest.expected.ndjson");
        Golden.assertMatches(golden, read("manifest-summary.json", OPTIONS));
        // without the summary the table is not known; the file is checked all the same
        List<ChangeEvent> throughFiles = read("manifest-files.json", OPTIONS);
        assertEquals(1, throughFiles.size());
        assertEquals(null, throughFiles.get(0).source().table());
    }

    @Test
    void theDocumentationsOwnEntryDoesNotMatchTheOneItemFile() throws IOException {
        String verbatim = Files.readString(Golden.resource("samples/export/full-export_manifest-files_aws-docs.jsonl"));
        Files.writeString(dir.resolve("manifest-files.json"), verbatim.replace("AWSDynamoDB/11111111111111-22222222/", EXPORT));
        ChangeReadException e = mismatch("manifest-summary.json");
        assertTrue(e.getMessage().contains("1 item where the manifest's itemCount is 8 (short)"), e.getMessage());
        assertTrue(e.getMessage().contains("md5Checksum"), e.getMessage());
    }

    @Test
    void aShortOrLongFileFailsNamingIt() throws IOException {
        String md5 = "5v5tg7OkQFVhA0n+6ioG0g==";
        entry("2", md5);
        ChangeReadException shortFile = mismatch("manifest-files.json");
        assertTrue(shortFile.getMessage().contains("1 item where the manifest's itemCount is 2 (short)"), shortFile.getMessage());
        assertTrue(!shortFile.getMessage().contains("md5"), shortFile.getMessage());
        entry("0", md5);
        ChangeReadException longFile = mismatch("manifest-files.json");
        assertTrue(longFile.getMessage().contains("1 item where the manifest's itemCount is 0 (long)"), longFile.getMessage());
    }

    @Test
    void aFileWithOtherBytesFailsOnItsChecksum() throws IOException {
        // The same item compressed at another level: the item count holds, the stored bytes differ.
        byte[] item = Files.readAllBytes(Golden.resource("samples/export/full-export_data_dynamodb-json_aws-docs.jsonl"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("data/33334444EXAMPLE.json.gz"))) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            out.write(item);
        }
        ChangeReadException e = mismatch("manifest-summary.json");
        assertTrue(e.getMessage().contains("MD5 of its bytes that is not the manifest's md5Checksum"), e.getMessage());
        assertTrue(!e.getMessage().contains("itemCount"), e.getMessage());
    }

    @Test
    void underSkipAMismatchIsReportedAndTheNextFileIsRead() throws IOException {
        Files.copy(dir.resolve("data/33334444EXAMPLE.json.gz"), dir.resolve("data/second.json.gz"));
        String line = Files.readString(dir.resolve("manifest-files.json")).strip();
        Files.writeString(dir.resolve("manifest-files.json"), line.replace("\"itemCount\": 1", "\"itemCount\": 3") + "\n"
                + line.replace("33334444EXAMPLE", "second") + "\n");
        List<ChangeReadException> reports = new ArrayList<>();
        List<ChangeEvent> events = read("manifest-summary.json", OPTIONS.skipOnError(reports::add));
        // the short file's item is read before its end shows it short; the second file matches
        assertEquals(2, events.size());
        assertEquals(1, reports.size(), reports.toString());
        assertEquals(DATA, reports.get(0).position().sourceName());
        assertTrue(reports.get(0).getMessage().contains("itemCount is 3 (short)"), reports.get(0).getMessage());
    }

    @Test
    void entriesWithoutCountOrChecksumAreNotChecked() throws IOException {
        Files.writeString(dir.resolve("manifest-files.json"), "{\"dataFileS3Key\": \"" + DATA + "\"}\n");
        assertEquals(1, read("manifest-files.json", OPTIONS).size());
    }
}
