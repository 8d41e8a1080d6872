package io.cdcsdk.core.testing;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.ReadContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What fuzz targets check of a reader: the input read to its end under FAIL and under SKIP. Under
 * FAIL only ChangeReadException may leave; under SKIP nothing may leave; every report has a position
 * in the source and was not made of an unexpected exception; SKIP reads at least the events FAIL
 * read, in the same order; and no reader returns more events than its input can hold. A failed check
 * throws AssertionError, a finding for Jazzer.
 */
public final class FuzzReads {
    private FuzzReads() {
    }

    /** Drains {@code input} opened by {@code adapter} itself. */
    public static void drain(FormatAdapter adapter, byte[] input, String name, ReadOptions options) {
        drain(input, name, options, o -> adapter.open(new ByteArrayInputStream(input), ReadContext.of(name, o)));
    }

    /**
     * Drains {@code input} opened by the registry (which decompresses gzip), with the named format or,
     * for null, the one detected.
     */
    public static void drain(FormatRegistry registry, byte[] input, String name, String format, ReadOptions options) {
        drain(input, name, options, o -> registry.open(new ByteArrayInputStream(input), name, format, o));
    }

    /** Reads {@code input}, named {@code name}, to its end under FAIL and under SKIP, and checks both reads. */
    private static void drain(byte[] input, String name, ReadOptions options, Opener opener) {
        long maxEvents = maxEvents(input, options.limits());
        List<ChangeEvent> failEvents = new ArrayList<>();
        try (ChangeReader reader = open(opener, options.failOnError())) {
            readAll(reader, failEvents, maxEvents);
        } catch (ChangeReadException e) {
            checkReport(e, name);
        }
        List<ChangeReadException> reports = new ArrayList<>();
        List<ChangeEvent> skipEvents = new ArrayList<>();
        try (ChangeReader reader = open(opener, options.skipOnError(reports::add))) {
            readAll(reader, skipEvents, maxEvents);
        }
        for (ChangeReadException r : reports) {
            checkReport(r, name);
        }
        if (skipEvents.size() < failEvents.size() || !skipEvents.subList(0, failEvents.size()).equals(failEvents)) {
            throw new AssertionError("SKIP lost events that FAIL read: " + failEvents.size() + " / "
                    + skipEvents.size());
        }
    }

    /** A report names the source {@code name} and was not made of a runtime exception or an error. */
    public static void checkReport(ChangeReadException e, String name) {
        if (e.position() == null || !e.position().sourceName().equals(name) || e.detail() == null
                || !e.getMessage().startsWith(name)) {
            throw new AssertionError("report without a position in " + name + ": " + e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException || cause instanceof Error) {
            // AbstractChangeReader wraps what a reader did not expect: a bug in the reader.
            throw new AssertionError("unexpected " + cause.getClass().getName() + " in the reader: " + e.getMessage(),
                    cause);
        }
    }

    /**
     * More events than this and the reader loops: each event takes at least a byte of the input, or
     * of what gzip input inflates to within the ratio limit (give or take a buffer).
     */
    private static long maxEvents(byte[] input, Limits limits) {
        boolean gzip = input.length >= 2 && input[0] == (byte) 0x1f && input[1] == (byte) 0x8b;
        if (!gzip) {
            return input.length + 1L;
        }
        return Math.max(limits.gzipRatioFloorBytes(), (long) limits.maxGzipRatio() * input.length) + (1 << 16);
    }

    private static void readAll(ChangeReader reader, List<ChangeEvent> events, long maxEvents) {
        while (reader.hasNext()) {
            events.add(reader.next());
            if (events.size() > maxEvents) {
                throw new AssertionError("more events than the input can hold: the reader loops");
            }
        }
    }

    /** Opens the input under {@code options}. */
    @FunctionalInterface
    private interface Opener {
        ChangeReader open(ReadOptions options) throws IOException;
    }

    private static ChangeReader open(Opener opener, ReadOptions options) {
        try {
            return opener.open(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
