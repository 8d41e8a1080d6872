package io.cdcsdk.dms;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.Detection;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DmsParquetTest {
    private static final String SAMPLE = "s3-parquet_real_segmentio-parquet-go_dms_test_table_LOAD00000001.parquet";
    private static final String SOURCE = "public/dms_test_table/LOAD00000001.parquet";
    private final DmsParquetAdapter adapter = new DmsParquetAdapter();

    @Test
    void realDmsParquetFileMatchesGolden() throws Exception {
        Path file = Golden.resource("samples/" + SAMPLE);
        List<ChangeEvent> events = Golden.readAll(adapter.open(file,
                new ReadContext(SOURCE, file, ReadOptions.defaults())));
        Golden.assertMatches(Golden.resource("golden/" + SAMPLE.replace(".parquet", ".expected.ndjson")), events);
        assertEquals(new BigDecimal("47632969758.5400"), events.get(0).after().get("my_money"));
    }

    @Test
    void streamIsSpooledToATemporaryFileThatIsDeleted() throws Exception {
        Path file = Golden.resource("samples/" + SAMPLE);
        Set<Path> before = tempParquetFiles();
        List<ChangeEvent> events = Golden.readAll(adapter.open(Files.newInputStream(file),
                ReadContext.of(SOURCE, ReadOptions.defaults())));
        assertEquals(10, events.size());
        assertEquals(before, tempParquetFiles());
    }

    @Test
    void detectionAndRegistry() throws Exception {
        assertEquals(Detection.CERTAIN, adapter.detect(new io.cdcsdk.core.spi.Head("x",
                Files.readAllBytes(Golden.resource("samples/" + SAMPLE)), false)));
        assertEquals(Detection.NO, adapter.detect(DmsJsonGoldenTest.head("x.parquet", "I,1")));
        assertTrue(adapter.isAvailable());
        FormatRegistry r = FormatRegistry.builder().addDiscovered().build();
        assertTrue(r.names().containsAll(List.of("dms-json", "dms-csv", "dms-parquet")), r.names().toString());
        Path file = Golden.resource("samples/" + SAMPLE);
        assertEquals(10, Golden.readAll(r.open(file, null, ReadOptions.defaults())).size());
    }

    private static Set<Path> tempParquetFiles() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return Set.copyOf(s.filter(p -> p.getFileName().toString().startsWith("cdc-dms-")).toList());
        }
    }

    /** The Parquet stack is optional in the published pom: users of JSON and CSV get none of it. */
    @Test
    void parquetDependenciesAreOptionalInThePom() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("pom.xml"));
        NodeList deps = doc.getElementsByTagName("dependency");
        Set<String> mustBeOptional = Set.of("org.apache.parquet", "org.apache.avro", "org.apache.hadoop",
                "org.apache.hadoop.thirdparty", "com.fasterxml.woodstox", "org.codehaus.woodstox", "org.apache.commons");
        int optional = 0;
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String group = d.getElementsByTagName("groupId").item(0).getTextContent().trim();
            if (mustBeOptional.contains(group)) {
                NodeList o = d.getElementsByTagName("optional");
                assertTrue(o.getLength() == 1 && o.item(0).getTextContent().trim().equals("true"),
                        group + " must be optional");
                optional++;
            }
        }
        assertEquals(8, optional);
    }

    /**
     * Loads the module and cdc-core in a class loader without any Parquet, Avro or Hadoop jar:
     * discovery finds dms-json and dms-csv, leaves dms-parquet out, and dms-json reads a sample.
     */
    @Test
    void jsonAndCsvWorkWithoutParquetOnTheClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = entry.replace('\\', '/');
            if (n.contains("/parquet") || n.contains("/avro") || n.contains("/hadoop") || n.contains("woodstox")
                    || n.contains("stax2") || n.contains("commons-collections4") || n.contains("junit")
                    || n.contains("opentest4j") || n.contains("apiguardian") || n.contains("surefire")) {
                continue;
            }
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> parquetAdapter = loader.loadClass("io.cdcsdk.dms.DmsParquetAdapter");
            Object pa = parquetAdapter.getConstructor().newInstance();
            assertFalse((Boolean) parquetAdapter.getMethod("isAvailable").invoke(pa));
            assertThrowsClassNotFound(loader, "org.apache.parquet.avro.AvroParquetReader");

            Class<?> registry = loader.loadClass("io.cdcsdk.core.FormatRegistry");
            Object builder = registry.getMethod("builder").invoke(null);
            builder.getClass().getMethod("addDiscovered", ClassLoader.class).invoke(builder, loader);
            Object reg = builder.getClass().getMethod("build").invoke(builder);
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) registry.getMethod("names").invoke(reg);
            assertTrue(names.contains("dms-json") && names.contains("dms-csv"), names.toString());
            assertFalse(names.contains("dms-parquet"), names.toString());

            Class<?> options = loader.loadClass("io.cdcsdk.core.ReadOptions");
            Object defaults = options.getMethod("defaults").invoke(null);
            Method open = registry.getMethod("open", Path.class, String.class, options);
            Object reader = open.invoke(reg, Golden.resource("samples/kinesis-json_crate-commons-codec_postgres-serverless_messages.ndjson"),
                    "dms-json", defaults);
            int n = 0;
            java.util.Iterator<?> it = (java.util.Iterator<?>) reader;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            assertEquals(8, n);
        }
    }

    private static void assertThrowsClassNotFound(ClassLoader loader, String name) {
        try {
            loader.loadClass(name);
            throw new AssertionError(name + " should not be loadable");
        } catch (ClassNotFoundException expected) {
            // fine
        }
    }
}
