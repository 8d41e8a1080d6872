package io.cdcsdk.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.UnknownFormatException;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.spi.JsonFrame;
import io.cdcsdk.core.spi.JsonFrameReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Coverage-guided fuzz targets for the readers. In the default build they run in regression mode
 * over the inputs in {@code ReaderFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} Jazzer
 * fuzzes one of them per JVM (the build runs one surefire execution per target, see the pom).
 *
 * <p>Every target lets only the library's own exceptions out; anything else (a runtime
 * exception, an assertion, a stack overflow, running out of memory) is a finding.
 */
class ReaderFuzzTest {
    /** Small limits, so that the fuzzer reaches every limit with small inputs. */
    static final Limits SMALL = new Limits(2048, 256, 8, 40, 20, 1024);

    private static final FormatRegistry FORMATS = FormatRegistry.discover();
    private static final Map<String, AtomicLong> EXECUTED = new ConcurrentHashMap<>();
    private static final long STARTED = System.nanoTime();

    static {
        // In a fuzzing run, record how many inputs each target executed, for the build log and the issue note.
        if (System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(ReaderFuzzTest::writeStats));
        }
    }

    private static void count(String target) {
        EXECUTED.computeIfAbsent(target, t -> new AtomicLong()).incrementAndGet();
    }

    private static void writeStats() {
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        for (Map.Entry<String, AtomicLong> e : EXECUTED.entrySet()) {
            String line = "fuzz target " + e.getKey() + ": " + e.getValue().get() + " inputs executed in " + seconds + " s";
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

    /**
     * All targets in one: the first byte picks the target, the rest is its input. Jazzer fuzzes one
     * {@code @FuzzTest} per JVM and starting one costs seconds, so the short run of every build
     * fuzzes this target; long runs ({@code -Pfuzz}) fuzz each target in its own JVM as well.
     */
    @FuzzTest(maxDuration = "12s")
    void all(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        switch ((input[0] & 0xFF) % 4) {
            case 0 -> registry(rest);
            case 1 -> gzip(rest);
            case 2 -> frames(rest);
            default -> fromJson(rest);
        }
    }

    /** Bytes through detection and the cdc-json reader, under FAIL and under SKIP, with small and default limits. */
    @FuzzTest(maxDuration = "6s")
    void registry(byte[] input) {
        count("registry");
        for (Limits limits : new Limits[] {SMALL, Limits.DEFAULTS}) {
            drain(input, "fuzz.json", null, limits);
        }
    }

    /** Gzip input: the fuzzer mutates compressed bytes (the seeds are gzip files); gzip limits are low. */
    @FuzzTest(maxDuration = "6s")
    void gzip(byte[] input) {
        count("gzip");
        drain(input, "fuzz.json.gz", "cdc-json", SMALL);
        drain(input, "fuzz.json.gz", null, SMALL);
    }

    /** The frame reader alone: every frame is within the limit and starts an object or array; the reader always advances. */
    @FuzzTest(maxDuration = "6s")
    void frames(byte[] input) throws IOException {
        count("frames");
        JsonFrameReader reader = new JsonFrameReader(new ByteArrayInputStream(input), "fuzz.json", SMALL);
        long calls = 0;
        long lastOrdinal = 0;
        while (true) {
            if (++calls > input.length + 2L) {
                throw new AssertionError("the frame reader does not advance");
            }
            try {
                JsonFrame frame = reader.next();
                if (frame == null) {
                    break;
                }
                if (frame.length() > SMALL.maxRecordBytes() || frame.length() < 2) {
                    throw new AssertionError("frame of " + frame.length() + " bytes");
                }
                byte first = frame.data()[0];
                if (first != '{' && first != '[') {
                    throw new AssertionError("frame starts with " + first);
                }
                checkPosition(frame.position(), lastOrdinal);
                lastOrdinal = frame.position().record();
            } catch (ChangeReadException e) {
                checkPosition(e.position(), lastOrdinal);
                lastOrdinal = e.position().record();
            }
        }
    }

    /** The JSON form of one event: parses or fails with ChangeReadException; what parses writes back to itself. */
    @FuzzTest(maxDuration = "6s")
    void fromJson(byte[] input) {
        count("fromJson");
        String json = new String(input, StandardCharsets.UTF_8);
        ChangeEvent event;
        try {
            event = ChangeEventJson.fromJson(json);
        } catch (ChangeReadException e) {
            return;
        }
        String written = ChangeEventJson.toJson(event);
        ChangeEvent again = ChangeEventJson.fromJson(written);
        if (!again.equals(event)) {
            throw new AssertionError("the JSON form does not read back to the same event");
        }
        if (!ChangeEventJson.toJson(again).equals(written)) {
            throw new AssertionError("the JSON form is not a fixpoint");
        }
    }

    private static void checkPosition(Position p, long lastOrdinal) {
        if (!p.sourceName().equals("fuzz.json") || p.record() <= lastOrdinal || p.line() < 1 || p.byteOffset() < 0) {
            throw new AssertionError("bad position " + p + " after record " + lastOrdinal);
        }
    }

    /**
     * Reads the input to the end under FAIL and under SKIP. Under FAIL only ChangeReadException (and
     * UnknownFormatException from detection) may leave; under SKIP nothing may leave the reader,
     * every report has a position in this source, and SKIP reads at least the events FAIL read.
     */
    static void drain(byte[] input, String name, String format, Limits limits) {
        List<ChangeEvent> failEvents = new ArrayList<>();
        try (ChangeReader reader = open(input, name, format, ReadOptions.defaults().withLimits(limits))) {
            while (reader.hasNext()) {
                failEvents.add(reader.next());
            }
        } catch (UnknownFormatException e) {
            return; // not a format this registry knows: nothing more to check
        } catch (ChangeReadException e) {
            checkReport(e, name);
        }
        List<ChangeReadException> reports = new ArrayList<>();
        List<ChangeEvent> skipEvents = new ArrayList<>();
        ReadOptions skip = ReadOptions.defaults().withLimits(limits).skipOnError(reports::add);
        try (ChangeReader reader = open(input, name, format, skip)) {
            while (reader.hasNext()) {
                skipEvents.add(reader.next());
            }
        }
        for (ChangeReadException r : reports) {
            checkReport(r, name);
        }
        if (skipEvents.size() < failEvents.size() || !skipEvents.subList(0, failEvents.size()).equals(failEvents)) {
            throw new AssertionError("SKIP lost events that FAIL read: " + failEvents.size() + " / " + skipEvents.size());
        }
    }

    private static void checkReport(ChangeReadException e, String name) {
        if (e.position() == null || !e.position().sourceName().equals(name) || e.detail() == null
                || !e.getMessage().startsWith(name)) {
            throw new AssertionError("report without a position in " + name + ": " + e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException || cause instanceof Error) {
            // AbstractChangeReader wraps what a reader did not expect: a bug in the reader.
            throw new AssertionError("unexpected exception in the reader: " + e.getMessage(), cause);
        }
    }

    private static ChangeReader open(byte[] input, String name, String format, ReadOptions options) {
        try {
            return FORMATS.open(new ByteArrayInputStream(input), name, format, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CdcException e) {
            throw e;
        }
    }
}
