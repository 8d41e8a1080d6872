package io.cdcsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs {@link LargeInputCheck} over 1 GiB in a JVM with a 64 MiB heap. Only with {@code -Dslow}. */
@Tag("slow")
class LargeInputTest {

    @Test
    void readsOneGibibyteWithA64MebibyteHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargeInputCheck.class.getName(), Long.toString(1L << 30))
                .redirectErrorStream(true)
                .start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(30, TimeUnit.MINUTES), "finished");
        System.out.println(output.strip());
        assertEquals(0, process.exitValue(), output);
        assertTrue(List.of(output.split("\n")).stream().anyMatch(l -> l.startsWith("input bytes ")), output);
    }
}
