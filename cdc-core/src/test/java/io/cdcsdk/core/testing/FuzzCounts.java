package io.cdcsdk.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many inputs each fuzz target executed. In a fuzzing run ({@code JAZZER_FUZZ} set) the counts
 * go to standard error and to {@code target/fuzz/<target>.txt} when the JVM ends (Jazzer ends the
 * run itself), for the build log and the issue note.
 */
public final class FuzzCounts {
    private static final Map<String, AtomicLong> EXECUTED = new ConcurrentHashMap<>();
    private static final long STARTED = System.nanoTime();

    static {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz != null && !fuzz.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(FuzzCounts::write));
        }
    }

    private FuzzCounts() {
    }

    /** Counts one input of {@code target}. */
    public static void count(String target) {
        EXECUTED.computeIfAbsent(target, t -> new AtomicLong()).incrementAndGet();
    }

    private static void write() {
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        for (Map.Entry<String, AtomicLong> e : EXECUTED.entrySet()) {
            String line = "fuzz target " + e.getKey() + ": " + e.getValue().get() + " inputs executed in " + seconds
                    + " s";
            System.err.println(line);
            try {
                Path dir = Path.of("target", "fuzz");
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(e.getKey() + ".txt"), line + "\n");
            } catch (IOException ignored) {
                // the line on standard error is enough
            }
        }
    }
}
