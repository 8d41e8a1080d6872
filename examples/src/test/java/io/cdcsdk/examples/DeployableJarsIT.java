package io.cdcsdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.junit.jupiter.api.Test;

/**
 * The jars {@code mvn package} builds, used as they are deployed: each Lambda handler is loaded
 * from its jar alone (a class loader that sees nothing of the build) and invoked with an event, and
 * {@code cdc.jar} is run with {@code java -jar}. Failsafe runs this after the package phase.
 */
class DeployableJarsIT {
    private static final Path TARGET = Path.of("target");
    private static final long LAMBDA_DIRECT_UPLOAD_LIMIT = 50L * 1000 * 1000;

    // ------------------------------------------------------------------ the Lambda handler jars

    @Test
    void theOrdersStreamJarIsSmallAndAnswersWithTheFailedRecords() throws Exception {
        Path jar = TARGET.resolve("lambda-orders-stream.jar");
        assertSmallHandlerJar(jar, "io/cdcsdk/examples/lambda/OrdersStreamHandler");

        String event = "{\"Records\":[" + ordersRecord("111", "o-1", "{\"N\":\"10.50\"}") + ","
                + ordersRecord("112", "o-2", "{\"S\":\"not a number\"}") + "," + ordersRecord("113", "o-3", "{\"N\":\"30\"}") + "]}";
        Invocation run = invoke(jar, "io.cdcsdk.examples.lambda.OrdersStreamHandler", event);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"112\"},{\"itemIdentifier\":\"113\"}]}", run.response());
        assertTrue(run.stderr().lines().anyMatch(l -> l.startsWith("WARN ") && l.contains("event failed at stage") && l.contains("position=112")),
                "the router's warning, through slf4j-simple: " + run.stderr());
        assertFalse(run.stderr().contains("not a number"), "no row values in logs: " + run.stderr());
    }

    @Test
    void theDmsJsonJarRoutesADmsRecordFromKinesisAndMskAndTransformsFirehoseRecords() throws Exception {
        Path jar = TARGET.resolve("lambda-dms-json.jar");
        assertSmallHandlerJar(jar, "io/cdcsdk/examples/kinesis/DmsKinesisHandler", "io/cdcsdk/examples/kafka/DmsMskHandler",
                "io/cdcsdk/examples/firehose/DmsFirehoseTransformHandler", "io/cdcsdk/examples/firehose/DmsOpenSearchBulkHandler",
                "io/cdcsdk/examples/ConfiguredTables");

        byte[] dms = Files.readAllBytes(Path.of("src/test/resources/dms/kinesis-oracle-insert.json"));
        String event = "{\"Records\":[{\"kinesis\":{\"partitionKey\":\"SYSTEM.OFFENDERS\",\"sequenceNumber\":\"4959001\","
                + "\"data\":\"" + Base64.getEncoder().encodeToString(dms) + "\",\"approximateArrivalTimestamp\":1664982087.03},"
                + "\"eventSource\":\"aws:kinesis\",\"eventID\":\"shardId-000000000000:4959001\","
                + "\"eventSourceARN\":\"arn:aws:kinesis:eu-west-2:123456789012:stream/dms\"}]}";
        Invocation run = invoke(jar, "io.cdcsdk.examples.kinesis.DmsKinesisHandler", event);
        assertEquals("{\"batchItemFailures\":[]}", run.response());
        assertTrue(run.stderr().lines().anyMatch(l -> l.equals("INFO DmsKinesisHandler - INSERT SYSTEM.OFFENDERS at 4959001")),
                "the handler's info line, through slf4j-simple: " + run.stderr());

        Invocation msk = invoke(jar, "io.cdcsdk.examples.kafka.DmsMskHandler",
                Files.readString(Path.of("src/test/resources/envelopes/msk-event_aws-docs-lambda-dg_dms.json")));
        assertEquals("{\"changes\":3}", msk.response());
        assertTrue(msk.stderr().contains("INFO DmsMskHandler - DELETE testdb.orders at mytopic-1@7"), msk.stderr());

        String firehose = Files.readString(Path.of("src/test/resources/envelopes/firehose-event_aws-docs-firehose-dg_dms.json"));
        for (String handler : List.of("DmsFirehoseTransformHandler", "DmsOpenSearchBulkHandler")) {
            Invocation transform = invoke(jar, "io.cdcsdk.examples.firehose." + handler, firehose);
            assertTrue(transform.response().startsWith("{\"records\":[{\"recordId\":\"49546986683135544286507457936321625675700192471156785154\""),
                    transform.response());
            assertTrue(transform.stderr().contains("FirehoseResponse[records=3"), transform.stderr());
        }
    }

    @Test
    void theDmsS3DropJarReadsParquetAndAnswersTheTestEvent() throws Exception {
        Path jar = TARGET.resolve("lambda-dms-s3-drop.jar");
        assertTrue(Files.size(jar) < LAMBDA_DIRECT_UPLOAD_LIMIT, "within Lambda's direct upload: " + Files.size(jar));
        assertExamplesClassesAre(jar, "io/cdcsdk/examples/s3/DmsS3DropHandler", "io/cdcsdk/examples/ConfiguredTables");
        assertHoldsNothingUnder(jar, "io/cdcsdk/dynamodb/", "com/amazonaws/services/lambda/runtime/events/",
                "org/apache/hc/", "win/", "darwin/", "org/xerial/snappy/native/Mac/");
        assertLambdaLogging(jar);
        assertHoldsEveryParquetClass(jar);

        String event = Files.readString(Path.of("src/test/resources/s3/s3-test-event.json"));
        System.setProperty("aws.region", "eu-west-1");
        try {
            Invocation run = invoke(jar, "io.cdcsdk.examples.s3.DmsS3DropHandler", event);
            assertEquals("{\"batchItemFailures\":[],\"objects\":0,\"changes\":0}", run.response());
            assertFalse(run.stderr().contains("SLF4J"), run.stderr());
        } finally {
            System.clearProperty("aws.region");
        }
        Path parquet = Path.of("samples/dms_test_table_LOAD00000001.parquet");
        try (URLClassLoader loader = isolated(jar)) {
            List<String> fromJar = readWith(loader, parquet);
            assertEquals(10, fromJar.size());
            assertEquals(readHere(parquet), fromJar, "the same events as the build's class path reads");
        }
    }

    // ------------------------------------------------------------------ the tool

    @Test
    void cdcJarPrintsItsVersionHelpAndEventsWithNothingElseOnStandardError() throws Exception {
        Path jar = TARGET.resolve("cdc.jar");
        Process version = cdc(jar, "--version");
        assertEquals("cdc " + System.getProperty("cdc.version") + "\n", version.out);
        assertEquals("", version.err);
        assertEquals(0, version.status);

        Process help = cdc(jar, "--help");
        assertEquals(0, help.status);
        assertEquals("", help.err);
        assertTrue(help.out.contains("\nformats: cdc-json, dead-letter, debezium-json, dms-csv, dms-json, dms-parquet, dynamodb-export, "
                + "dynamodb-stream\n"), help.out);

        Process cat = cdc(jar, "cat", "samples/dms_test_table_LOAD00000001.parquet");
        assertEquals(0, cat.status, cat.err);
        assertEquals("", cat.err, "no SLF4J or Hadoop lines");
        assertEquals(String.join("", readHere(Path.of("samples/dms_test_table_LOAD00000001.parquet"))), cat.out);

        Process stats = cdc(jar, "stats", "samples");
        assertEquals(0, stats.status, stats.err);
        assertEquals("", stats.err);

        Process usage = cdc(jar, "cat", "--bogus", "samples");
        assertEquals(2, usage.status);
        assertEquals("", usage.out);
        assertEquals("cdc: unknown option --bogus; see cdc --help\n", usage.err);
        assertHoldsEveryParquetClass(jar);
    }

    // ------------------------------------------------------------------ helpers

    private record Invocation(String response, String stderr) {
    }

    private record Process(int status, String out, String err) {
    }

    private static String ordersRecord(String sequence, String id, String total) {
        return "{\"eventID\":\"e" + sequence + "\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\","
                + "\"awsRegion\":\"eu-west-1\",\"dynamodb\":{\"ApproximateCreationDateTime\":1700000000,"
                + "\"Keys\":{\"orderId\":{\"S\":\"" + id + "\"}},\"NewImage\":{\"orderId\":{\"S\":\"" + id + "\"},\"total\":" + total + "},"
                + "\"SequenceNumber\":\"" + sequence + "\",\"SizeBytes\":40,\"StreamViewType\":\"NEW_IMAGE\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000\"}";
    }

    /** A class loader of the jar alone, as Lambda's: the JDK's platform classes, nothing of the build. */
    private static URLClassLoader isolated(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /**
     * Instantiates the handler class of the jar with its no-argument constructor, as Lambda does,
     * and calls its {@code handleRequest(InputStream, OutputStream, Context)} with the event and no
     * context; standard error is captured from before the first class is loaded.
     */
    private static Invocation invoke(Path jar, String handler, String event) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (URLClassLoader loader = isolated(jar)) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            thread.setContextClassLoader(loader);
            Class<?> type = Class.forName(handler, true, loader);
            Object instance = type.getConstructor().newInstance();
            Method handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class,
                    loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handle.invoke(instance, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            } catch (InvocationTargetException e) {
                throw new AssertionError("the handler threw; standard error:\n" + captured, e.getCause());
            }
            return new Invocation(out.toString(StandardCharsets.UTF_8), captured.toString(StandardCharsets.UTF_8));
        } finally {
            thread.setContextClassLoader(context);
            System.setErr(stderr);
        }
    }

    /** Every event of {@code file} in the ChangeEvent JSON form, read with the jar's own library. */
    private static List<String> readWith(ClassLoader loader, Path file) throws Exception {
        Class<?> registry = loader.loadClass(FormatRegistry.class.getName());
        Class<?> options = loader.loadClass(ReadOptions.class.getName());
        Method write = loader.loadClass(ChangeEventJson.class.getName())
                .getMethod("writeLine", loader.loadClass(ChangeEvent.class.getName()), OutputStream.class);
        Object formats = registry.getMethod("discover").invoke(null);
        Object reader = registry.getMethod("open", Path.class, options).invoke(formats, file, options.getMethod("defaults").invoke(null));
        List<String> lines = new ArrayList<>();
        try {
            for (Iterator<?> events = (Iterator<?>) reader; events.hasNext(); ) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                write.invoke(null, events.next(), line);
                lines.add(line.toString(StandardCharsets.UTF_8));
            }
        } finally {
            ((AutoCloseable) reader).close();
        }
        return lines;
    }

    /** The same with the build's class path. */
    private static List<String> readHere(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (ChangeReader reader = FormatRegistry.discover().open(file, ReadOptions.defaults())) {
            while (reader.hasNext()) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                ChangeEventJson.writeLine(reader.next(), line);
                lines.add(line.toString(StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static Process cdc(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cdc-out", ".txt");
        Path err = Files.createTempFile("cdc-err", ".txt");
        try {
            java.lang.Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cdc " + String.join(" ", args) + " did not end");
            return new Process(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static Set<String> entries(Path jar) throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/")).forEach(names::add);
        }
        return names;
    }

    /** Under 3 MB: the handler's classes, the library, Jackson, SLF4J; no AWS SDK, Apache or events library. */
    private static void assertSmallHandlerJar(Path jar, String... handlers) throws IOException {
        assertTrue(Files.size(jar) < 3_000_000, "under 3 MB: " + Files.size(jar));
        assertExamplesClassesAre(jar, handlers);
        assertHoldsNothingUnder(jar, "software/amazon/", "org/apache/", "com/amazonaws/services/lambda/runtime/events/");
        assertLambdaLogging(jar);
    }

    private static void assertExamplesClassesAre(Path jar, String... prefixes) throws IOException {
        for (String name : entries(jar)) {
            if (name.startsWith("io/cdcsdk/examples/")) {
                assertTrue(List.of(prefixes).stream().anyMatch(name::startsWith), "only the handlers' own classes: " + name);
            }
        }
        for (String prefix : prefixes) {
            assertTrue(entries(jar).contains(prefix + ".class"), prefix);
        }
    }

    private static void assertHoldsNothingUnder(Path jar, String... prefixes) throws IOException {
        for (String name : entries(jar)) {
            for (String prefix : prefixes) {
                assertFalse(name.startsWith(prefix), jar.getFileName() + " holds " + name);
            }
        }
    }

    /** The Lambda logging configuration, not the tool's, and an SLF4J provider. */
    private static void assertLambdaLogging(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            try (InputStream in = zip.getInputStream(zip.getEntry("simplelogger.properties"))) {
                assertEquals(Files.readString(Path.of("src/lambda/simplelogger.properties")),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertTrue(zip.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider") != null, "an SLF4J provider");
        }
    }

    /**
     * The shade filters leave out the fastutil classes that the Parquet jars repeat; this checks that
     * every class of those jars is still in the merged jar.
     */
    private static void assertHoldsEveryParquetClass(Path jar) throws IOException, URISyntaxException {
        Set<String> merged = entries(jar);
        for (Class<?> of : List.of(ColumnReader.class, ParquetFileReader.class)) {
            Path parquetJar = Path.of(of.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (String name : entries(parquetJar)) {
                if (name.endsWith(".class") && !name.equals("module-info.class") && !name.startsWith("META-INF/")) {
                    assertTrue(merged.contains(name), jar.getFileName() + " lacks " + name + " of " + parquetJar.getFileName());
                }
            }
        }
    }
}
