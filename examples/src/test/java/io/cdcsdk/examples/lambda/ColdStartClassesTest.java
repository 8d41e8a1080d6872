package io.cdcsdk.examples.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Orders stream handler's cold start loads no data binder: in a new JVM, constructing it and
 * answering a DynamoDB stream event (an insert, an update and a delete) loads no class of
 * jackson-databind. Databind's few hundred classes were most of the handler's start; this keeps a
 * change to the reading or routing path from bringing them back unnoticed.
 */
class ColdStartClassesTest {

    /** The child JVM: one invocation, as the Lambda runtime makes it, answer on standard output. */
    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = OrdersStreamHandler.class.getResourceAsStream("OrdersStreamHandler-priming.json")) {
            new OrdersStreamHandler().handleRequest(in, out, null);
        }
        System.out.print(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void answeringAStreamEventLoadsNoDataBinder(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.log");
        Path answer = dir.resolve("answer.json");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classes, "-cp", System.getProperty("java.class.path"),
                ColdStartClassesTest.class.getName())
                .redirectOutput(answer.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, child.exitValue());
        assertEquals("{\"batchItemFailures\":[]}", Files.readString(answer));

        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.cdcsdk.dynamodb.internal.StreamReader ")),
                "the log lists the classes the handler loaded");
        List<String> databind = loaded.stream().filter(l -> l.contains(" com.fasterxml.jackson.databind.")).toList();
        assertTrue(databind.isEmpty(), "jackson-databind classes loaded: " + databind.size() + ", first "
                + databind.stream().limit(3).toList());
    }
}
