package io.cdcsdk.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Readers under mutation: samples damaged at random by a format's {@link Mutator}, some read with
 * small limits and some gzipped, each read to its end under FAIL and SKIP. Only
 * {@link ChangeReadException} may leave a reader, always with a position naming the source, and the
 * marker the mutator plants in text input never reaches a message.
 *
 * @param marker  what the mutator plants in text input
 * @param small   limits for a quarter of the reads, so that damaged input hits limits too
 * @param mutator the format's damage
 */
public record MutationHarness(String marker, Limits small, Mutator mutator) {
    /** A sample and how to read it. Binary samples get no marker and are not gzipped. */
    public record Sample(String file, byte[] bytes, String sourceName, FormatAdapter adapter, ReadOptions options,
                         boolean text) {
        /** A text sample. */
        public Sample(String file, byte[] bytes, String sourceName, FormatAdapter adapter, ReadOptions options) {
            this(file, bytes, sourceName, adapter, options, true);
        }
    }

    /** Damages a sample: the input to read. */
    @FunctionalInterface
    public interface Mutator {
        byte[] mutate(Sample sample, Random random);
    }

    /** {@code tries} mutated samples, each read under FAIL and SKIP: directly, or through the registry when gzipped. */
    public void run(String property, long seed, int tries, List<Sample> samples) {
        long[] inputs = new long[1];
        Seeds.forAll(property, seed, tries, random -> {
            Sample s = samples.get(random.nextInt(samples.size()));
            byte[] input = mutator.mutate(s, random);
            ReadOptions options = random.nextInt(4) == 0 ? s.options().withLimits(small) : s.options();
            boolean gzip = s.text() && random.nextInt(8) == 0;
            if (gzip) {
                input = Mutations.gzipMaybeCut(input, random);
            }
            inputs[0]++;
            check(s, input, options, gzip, false);
            check(s, input, options, gzip, true);
        });
        System.out.println(property + ": " + inputs[0] + " mutated inputs, each read under FAIL and SKIP");
    }

    /** Reads {@code input} to its end; asserts what may escape and what every error says. */
    private void check(Sample s, byte[] input, ReadOptions base, boolean viaRegistry, boolean skip) {
        List<ChangeReadException> skipped = new ArrayList<>();
        ReadOptions options = skip ? base.skipOnError(skipped::add) : base.failOnError();
        int events = 0;
        try {
            s.adapter().detect(new Head(s.sourceName(), Arrays.copyOf(input, Math.min(input.length, Head.MAX_BYTES)),
                    false));
            ChangeReader reader = viaRegistry
                    ? ChangeReaders.open(new ByteArrayInputStream(input), s.sourceName(), s.adapter().name(), options)
                    : s.adapter().open(new ByteArrayInputStream(input), ReadContext.of(s.sourceName(), options));
            try (reader) {
                while (reader.hasNext()) {
                    assertNotNull(reader.next());
                    if (++events > input.length + 10) {
                        fail("more events than bytes: the reader loops");
                    }
                }
            }
            for (ChangeReadException e : skipped) {
                assertClean(e, s);
            }
        } catch (ChangeReadException e) {
            if (skip && !e.isInputBroken()) {
                // Under SKIP only an error at open (before any record) may be thrown.
                assertEquals(0, events, "under SKIP a record error was thrown: " + e.kind());
            }
            assertClean(e, s);
        } catch (IOException e) {
            fail("IOException escaped from an in-memory input: " + e.getClass().getName(), e);
        } catch (RuntimeException | Error e) {
            if (e instanceof AssertionError a) {
                throw a;
            }
            fail("escaped " + e.getClass().getName() + " reading " + s.file(), e);
        }
    }

    /**
     * An error of sample {@code s} names its source, quotes no marker, and was made of no error and,
     * for text, of no runtime exception: libraries of binary formats (Parquet) throw those on damaged
     * files, text readers must not.
     */
    public void assertClean(ChangeReadException e, Sample s) {
        assertNotNull(e.position(), "position");
        assertEquals(s.sourceName(), e.position().sourceName());
        assertNotNull(e.kind());
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains(marker)) {
                fail("a message quotes the input: " + t.getClass().getName() + ": " + m.replace(marker, "<MARKER>"));
            }
            if (t != e && (t instanceof Error || s.text() && t instanceof RuntimeException)) {
                fail("an unexpected " + t.getClass().getName() + " became a read error (" + e.detail() + ")", t);
            }
        }
        assertFalse(e.getMessage().isEmpty());
        assertTrue(e.getMessage().startsWith(s.sourceName()), "message names the source");
    }
}
