package io.cdcsdk.core.json;

import io.cdcsdk.core.internal.CdcJsonAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damage to an NDJSON input stays where it is: whatever byte is changed or wherever the input is
 * cut, the reader ends in {@link ChangeReadException} with a position (never another exception),
 * and under SKIP it reads every line that was not touched.
 */
class ReaderCorruptionTest {

    private static byte[] ndjson(List<ChangeEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (ChangeEvent e : events) {
                ChangeEventJson.writeLine(e, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads all it can, returning the events; ChangeReadException is the only exception allowed out. */
    private static List<ChangeEvent> read(byte[] input, ReadOptions options, List<ChangeReadException> thrown) {
        List<ChangeEvent> events = new ArrayList<>();
        try (ChangeReader reader = FormatRegistry.discover().open(new ByteArrayInputStream(input), "in.ndjson",
                CdcJsonAdapter.NAME, options)) {
            while (reader.hasNext()) {
                events.add(reader.next());
            }
        } catch (ChangeReadException e) {
            thrown.add(e);
        } catch (Throwable t) {
            fail("expected only ChangeReadException, got " + t, t);
        }
        return events;
    }

    @Test
    void oneChangedByteLosesAtMostItsOwnLine() {
        Seeds.forAll("one changed byte", 0x5EED_0401L, 500, random -> {
            List<ChangeEvent> events = Generators.events(random, 8);
            byte[] input = ndjson(events);
            int at = random.nextInt(input.length);
            byte[] bad = input.clone();
            bad[at] = corruptByte(random, bad[at]);
            int damagedLine = lineOf(input, at);

            List<ChangeReadException> skipped = new ArrayList<>();
            List<ChangeEvent> read = read(bad, ReadOptions.defaults().skipOnError(skipped::add), skipped);
            List<ChangeEvent> untouched = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (i + 1 != damagedLine && !(input[at] == '\n' && i == damagedLine)) {
                    untouched.add(ChangeEventJson.normalize(events.get(i)));
                }
            }
            List<ChangeEvent> readBack = read.stream().map(ReaderLayoutEquivalenceTest::withoutOrigin).toList();
            assertSubsequence(untouched.stream().map(ReaderLayoutEquivalenceTest::withoutOrigin).toList(), readBack);
            for (ChangeReadException e : skipped) {
                assertTrue(e.position().line() >= damagedLine && e.position().line() <= damagedLine + 1,
                        "error at line " + e.position().line() + ", damage on line " + damagedLine + ": " + e.getMessage());
                assertTrue(!e.isInputBroken(), "a damaged record does not end the reader: " + e.getMessage());
            }

            read(bad, ReadOptions.defaults(), new ArrayList<>());
        });
    }

    @Test
    void cutAnywhereEndsInAChangeReadExceptionOrCleanly() {
        Seeds.forAll("cut anywhere", 0x5EED_0402L, 500, random -> {
            List<ChangeEvent> events = Generators.events(random, 5);
            byte[] input = ndjson(events);
            int cut = random.nextInt(input.length + 1);
            byte[] bad = java.util.Arrays.copyOf(input, cut);
            List<ChangeReadException> thrown = new ArrayList<>();
            List<ChangeEvent> read = read(bad, ReadOptions.defaults(), thrown);
            int completeLines = lineOf(input, cut) - 1;
            assertTrue(read.size() >= completeLines && read.size() <= completeLines + 1,
                    read.size() + " events from " + completeLines + " complete lines");
            for (ChangeReadException e : thrown) {
                assertEquals(completeLines + 1, e.position().line());
            }
        });
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        byte[] alphabet = "{}[]\":,\\ \n\r\t0123456789.eE+-truefalsnopinsertupdatesource\u00e9".getBytes(StandardCharsets.UTF_8);
        Seeds.forAll("random bytes", 0x5EED_0403L, 1000, random -> {
            byte[] bytes = new byte[random.nextInt(400)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            List<ChangeReadException> skipped = new ArrayList<>();
            read(bytes, ReadOptions.defaults().skipOnError(skipped::add), skipped);
            read(bytes, ReadOptions.defaults(), new ArrayList<>());
        });
    }

    private static byte corruptByte(Random random, byte original) {
        byte[] interesting = {'{', '}', '[', ']', '"', '\\', '\n', ',', ':', 0, (byte) 0xFF, (byte) 0xC3, 'x', '1'};
        byte b;
        do {
            b = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
        } while (b == original);
        return b;
    }

    /** The 1-based line of byte {@code at}. */
    private static int lineOf(byte[] input, int at) {
        int line = 1;
        for (int i = 0; i < at && i < input.length; i++) {
            if (input[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static void assertSubsequence(List<ChangeEvent> expected, List<ChangeEvent> actual) {
        int j = 0;
        for (ChangeEvent e : actual) {
            if (j < expected.size() && expected.get(j).equals(e)) {
                j++;
            }
        }
        assertEquals(expected.size(), j, "untouched events read, in order (" + expected.size() + " expected, "
                + actual.size() + " read)");
    }
}
