package io.cdcsdk.dynamodb;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the DynamoDB fuzz targets share: draining a reader under FAIL and SKIP, and run counts. */
final class FuzzSupport {
    /** Small limits, so that the fuzzer reaches every limit with small inputs. */
    static final Limits SMALL = new Limits(2048, 256, 12, 40, 20, 1024);

    private static final FormatRegistry FORMATS = FormatRegistry.discover();
    private static final ConcurrentHashMap<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final long START = System.nanoTime();

    static {
        // The count of inputs each target executed, for the issue note: printed and appended to
        // target/fuzz-counts.txt when the JVM ends (Jazzer ends the fuzzing run itself).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            double seconds = (System.nanoTime() - START) / 1e9;
            StringBuilder sb = new StringBuilder();
            COUNTS.forEach((k, v) -> sb.append(String.format("%s: %d inputs in %.1f s (JAZZER_FUZZ=%s)%n", k, v.get(),
                    seconds, System.getenv().getOrDefault("JAZZER_FUZZ", ""))));
            System.out.print(sb);
            try {
                Path out = Path.of("target", "fuzz-counts.txt");
                if (Files.isDirectory(out.getParent())) {
                    Files.writeString(out, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            } catch (IOException ignored) {
                // the counts are a report, not a result
            }
        }));
    }

    private FuzzSupport() {
    }

    static void count(String target) {
        COUNTS.computeIfAbsent(target, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Reads the input to its end under FAIL and under SKIP with the named adapter (through the
     * registry, so gzip input is decompressed). Under FAIL only ChangeReadException may leave;
     * under SKIP nothing may leave except an error that breaks the input; every report names the
     * source; SKIP reads at least the events FAIL read, in the same order.
     */
    static void drain(byte[] input, String name, String format, ReadOptions base) {
        List<ChangeEvent> failEvents = new ArrayList<>();
        try (ChangeReader reader = open(input, name, format, base.failOnError())) {
            while (reader.hasNext()) {
                failEvents.add(reader.next());
            }
        } catch (ChangeReadException e) {
            checkReport(e, name);
        }
        List<ChangeReadException> reports = new ArrayList<>();
        List<ChangeEvent> skipEvents = new ArrayList<>();
        try (ChangeReader reader = open(input, name, format, base.skipOnError(reports::add))) {
            while (reader.hasNext()) {
                skipEvents.add(reader.next());
            }
        } catch (ChangeReadException e) {
            checkReport(e, name);
            if (!e.isInputBroken()) {
                throw new AssertionError("under SKIP a record error left the reader: " + e.kind());
            }
        }
        for (ChangeReadException r : reports) {
            checkReport(r, name);
        }
        if (skipEvents.size() < failEvents.size() || !skipEvents.subList(0, failEvents.size()).equals(failEvents)) {
            throw new AssertionError("SKIP lost events that FAIL read: " + failEvents.size() + " / " + skipEvents.size());
        }
    }

    /** A report names the source and was not made of an unexpected exception. */
    static void checkReport(ChangeReadException e, String name) {
        if (e.position() == null || !e.position().sourceName().equals(name) || e.detail() == null
                || !e.getMessage().startsWith(name)) {
            throw new AssertionError("report without a position in " + name + ": " + e.kind());
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException && !(cause instanceof ChangeReadException) || cause instanceof Error) {
            throw new AssertionError("an unexpected " + cause.getClass().getName() + " became a read error", cause);
        }
    }

    private static ChangeReader open(byte[] input, String name, String format, ReadOptions options) {
        try {
            return FORMATS.open(new ByteArrayInputStream(input), name, format, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
