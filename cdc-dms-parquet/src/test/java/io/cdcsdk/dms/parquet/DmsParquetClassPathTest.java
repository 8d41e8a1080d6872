package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.testing.Golden;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter's availability against the class path, each case in a class loader of its own made
 * from this module's test class path: {@code unavailableReason()} is empty exactly when reading works.
 */
class DmsParquetClassPathTest {
    private static final String SAMPLE = "samples/s3-parquet_real_segmentio-parquet-go_dms_test_table_LOAD00000001.parquet";
    /** The jars this module brings for Parquet: each is left out in turn. */
    private static final List<String> PARQUET_JARS = List.of("parquet-", "hadoop-", "woodstox-core-", "stax2-api-",
            "commons-collections4-", "jts-core-");
    /** Test tooling, which the probe does not need. */
    private static final List<String> TEST_JARS = List.of("junit-", "opentest4j-", "apiguardian-", "surefire",
            "quicktheories-");

    @TempDir
    static Path dir;
    private static String uncompressed;
    private static String gzip;

    @BeforeAll
    static void files() throws Exception {
        uncompressed = Golden.resource(SAMPLE).toString();
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required binary Op (STRING); required binary ts (STRING); optional int64 id; }");
        Path file = dir.resolve("gzip.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withCompressionCodec(CompressionCodecName.GZIP).build()) {
            w.write(new SimpleGroupFactory(schema).newGroup().append("Op", "I").append("ts", "2024-01-01 00:00:00")
                    .append("id", 1L));
        }
        gzip = file.toString();
    }

    @Test
    void withEveryJarTheAdapterIsAvailableAndReadsUncompressedAndGzip() throws Exception {
        String[] report = probe(entry -> false);
        assertArrayEquals(new String[] {"", "read 10", "read 1", "found"}, report);
    }

    /**
     * Leaves out one jar at a time: either the adapter says it is unavailable, names a class, and
     * reading indeed fails, or it says it is available and reading works.
     */
    @Test
    void availableExactlyWhenReadingWorksWhateverJarIsMissing() throws Exception {
        List<String> jars = jars(entry -> PARQUET_JARS.stream().anyMatch(entry::startsWith));
        assertTrue(jars.size() >= 10, jars.toString());
        List<String> unneeded = new ArrayList<>();
        for (String jar : jars) {
            String[] report = probe(entry -> entry.equals(jar));
            String reason = report[0];
            if (reason.isEmpty()) {
                assertArrayEquals(new String[] {"", "read 10", "read 1", "found"}, report, "without " + jar);
                unneeded.add(jar);
            } else {
                assertTrue(reason.matches("dms-parquet needs [\\w.$]+ on the class path \\(add io\\.cdcsdk:cdc-dms-parquet\\)"),
                        reason);
                assertTrue(report[1].startsWith("failed ") || report[2].startsWith("failed "),
                        "without " + jar + " the adapter says " + reason + " but reads: " + String.join(", ", report));
                assertTrue(report[3].startsWith("format adapter 'dms-parquet' is not available: " + reason
                        + "; known formats: "), report[3]);
            }
        }
        assertEquals(List.of(), unneeded, "jars the module brings but reading does not need");
    }

    /** Without any Parquet jar: dms-parquet says what to add, dms-json still reads. */
    @Test
    void withoutParquetJarsTheRegistrySaysWhatToAdd() throws Exception {
        Predicate<String> leaveOut = entry -> PARQUET_JARS.stream().anyMatch(entry::startsWith);
        String[] report = probe(leaveOut);
        assertEquals("dms-parquet needs org.apache.parquet.hadoop.ParquetFileReader on the class path"
                + " (add io.cdcsdk:cdc-dms-parquet)", report[0]);
        assertTrue(report[1].startsWith("failed java.lang.NoClassDefFoundError"), report[1]);
        assertTrue(report[3].startsWith("format adapter 'dms-parquet' is not available: " + report[0]), report[3]);
        Path json = dir.resolve("insert.json");
        Files.writeString(json, "{\"data\":{\"id\":1},\"metadata\":{\"timestamp\":\"2024-01-01T00:00:00.000000Z\","
                + "\"record-type\":\"data\",\"operation\":\"insert\",\"partition-key-type\":\"schema-table\","
                + "\"schema-name\":\"s\",\"table-name\":\"t\"}}\n");
        try (URLClassLoader loader = loader(leaveOut)) {
            Method count = loader.loadClass(ClassPathProbe.class.getName()).getDeclaredMethod("count", String.class);
            count.setAccessible(true);
            assertEquals(1, count.invoke(null, json.toString()));
        }
    }

    private static String[] probe(Predicate<String> leaveOut) throws Exception {
        try (URLClassLoader loader = loader(leaveOut)) {
            Method probe = loader.loadClass(ClassPathProbe.class.getName()).getDeclaredMethod("probe", String[].class);
            probe.setAccessible(true);
            return (String[]) probe.invoke(null, (Object) new String[] {uncompressed, gzip});
        }
    }

    /** The test class path less test tooling and the entries whose file name {@code leaveOut} accepts. */
    private static URLClassLoader loader(Predicate<String> leaveOut) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!leaveOut.test(name) && TEST_JARS.stream().noneMatch(name::startsWith)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static List<String> jars(Predicate<String> which) {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (which.test(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
