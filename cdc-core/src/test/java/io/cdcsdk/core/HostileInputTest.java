package io.cdcsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs {@link HostileInputCheck} (inputs of 1 MB to 200 MB against the default limits) in a JVM with a 256 MiB heap. */
class HostileInputTest {

    @Test
    void hostileInputsFailWithLimitExceededUnderA256MebibyteHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), HostileInputCheck.class.getName())
                .redirectErrorStream(true)
                .start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "finished");
        System.out.println(output.strip());
        assertEquals(0, process.exitValue(), output);
        assertEquals(6, output.lines().filter(l -> l.startsWith("ok ")).count(), output);
    }
}
