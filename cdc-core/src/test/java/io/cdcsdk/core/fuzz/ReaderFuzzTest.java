package io.cdcsdk.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.UnknownFormatException;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.JsonFrameReader;
import io.cdcsdk.core.testing.FuzzCounts;
import io.cdcsdk.core.testing.FuzzReads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
        FuzzCounts.count("registry");
        for (Limits limits : new Limits[] {SMALL, Limits.DEFAULTS}) {
            drain(input, "fuzz.json", null, limits);
        }
    }

    /** Gzip input: the fuzzer mutates compressed bytes (the seeds are gzip files); gzip limits are low. */
    @FuzzTest(maxDuration = "6s")
    void gzip(byte[] input) {
        FuzzCounts.count("gzip");
        drain(input, "fuzz.json.gz", "cdc-json", SMALL);
        drain(input, "fuzz.json.gz", null, SMALL);
    }

    /** The frame reader alone: every frame is within the limit and starts an object or array; the reader always advances. */
    @FuzzTest(maxDuration = "6s")
    void frames(byte[] input) throws IOException {
        FuzzCounts.count("frames");
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
        FuzzCounts.count("fromJson");
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

    /** {@link FuzzReads#drain}, through the registry; input of no format it knows has nothing more to check. */
    private static void drain(byte[] input, String name, String format, Limits limits) {
        try {
            FuzzReads.drain(FORMATS, input, name, format, ReadOptions.defaults().withLimits(limits));
        } catch (UnknownFormatException e) {
            // detection found no format: nothing to read
        }
    }
}
