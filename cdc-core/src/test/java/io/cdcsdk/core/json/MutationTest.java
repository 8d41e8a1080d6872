package io.cdcsdk.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Mutations of a valid NDJSON input whose values all hold a marker: garbage inserted, keys
 * duplicated, ranges deleted or repeated, bytes swapped. Whatever the mutation, FAIL ends in
 * ChangeReadException with a position (never another exception), SKIP lets nothing out and reads
 * every line outside the damaged ones and the line after them, and no message quotes the marker.
 */
class MutationTest {
    private static final String MARKER = "SECRET-MARKER-42";
    private static final int LINES = 12;
    private static final String[] GARBAGE = {"{", "}", "[", "]", ":", ",", "\"", "\\", "\n", "{\"a\":", "\"x\":[",
            "\u0000", "\u00ff", "nul", "1e99999", "\"" + MARKER + "\"", "\r\n{", "}\n{", "\t", "\uFEFF"};

    private static String line(int id) {
        return "{\"op\":\"insert\",\"source\":{\"format\":\"x\",\"schema\":\"s\",\"table\":\"t\"},\"key\":{\"id\":" + id
                + "},\"before\":null,\"after\":{\"id\":" + id + ",\"s\":\"" + MARKER + "\",\"n\":12.50,\"l\":[\""
                + MARKER + "\",{\"k\":\"" + MARKER + "\"}],\"b\":true},\"ts\":\"2024-01-01T00:00:00Z\",\"position\":\""
                + MARKER + "\",\"tx\":null,\"meta\":{\"m\":\"" + MARKER + "\"}}";
    }

    record Mutated(byte[] bytes, int from, int to) {
    }

    private static Mutated mutate(byte[] in, Random random) {
        int at = random.nextInt(in.length);
        int len = 1 + random.nextInt(Math.min(40, in.length - at));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(6)) {
            case 0 -> { // insert garbage
                byte[] g = GARBAGE[random.nextInt(GARBAGE.length)].getBytes(StandardCharsets.UTF_8);
                out.write(in, 0, at);
                out.writeBytes(g);
                out.write(in, at, in.length - at);
                return new Mutated(out.toByteArray(), at, at + 1);
            }
            case 1 -> { // duplicate a key: repeat "op":... or "id":... right after a brace
                String text = new String(in, StandardCharsets.ISO_8859_1);
                int brace = text.indexOf("{\"", at);
                if (brace < 0) {
                    brace = text.indexOf("{\"");
                }
                String dup = random.nextBoolean() ? "\"op\":\"delete\"," : "\"id\":7,";
                out.write(in, 0, brace + 1);
                out.writeBytes(dup.getBytes(StandardCharsets.UTF_8));
                out.write(in, brace + 1, in.length - brace - 1);
                return new Mutated(out.toByteArray(), brace, brace + 1);
            }
            case 2 -> { // delete a range
                out.write(in, 0, at);
                out.write(in, at + len, in.length - at - len);
                return new Mutated(out.toByteArray(), at, at + len);
            }
            case 3 -> { // repeat a range
                out.write(in, 0, at + len);
                out.write(in, at, in.length - at);
                return new Mutated(out.toByteArray(), at, at + len);
            }
            case 4 -> { // swap two bytes
                byte[] b = in.clone();
                int other = Math.min(in.length - 1, at + 1 + random.nextInt(len));
                byte t = b[at];
                b[at] = b[other];
                b[other] = t;
                return new Mutated(b, at, other + 1);
            }
            default -> { // flip bits in a few bytes
                byte[] b = in.clone();
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    b[at + random.nextInt(len)] ^= (byte) (1 << random.nextInt(8));
                }
                return new Mutated(b, at, at + len);
            }
        }
    }

    @Test
    void mutatedInputsFailCleanlyAndSkipKeepsTheUntouchedLines() {
        StringBuilder sb = new StringBuilder();
        List<Integer> lineStarts = new ArrayList<>();
        for (int i = 1; i <= LINES; i++) {
            lineStarts.add(sb.length());
            sb.append(line(i)).append('\n');
        }
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        int[] counts = new int[2];
        Seeds.forAll("mutated NDJSON", 0x5EED_0701L, 1500, random -> {
            Mutated m = mutate(input, random);
            ReadOptions options = ReadOptions.defaults().withLimits(Limits.DEFAULTS.withMaxNestingDepth(16));
            List<ChangeEvent> failRead = new ArrayList<>();
            try (ChangeReader r = open(m.bytes(), options)) {
                while (r.hasNext()) {
                    failRead.add(r.next());
                }
            } catch (ChangeReadException e) {
                check(e);
                counts[0]++;
            } catch (Throwable t) {
                fail("only ChangeReadException may leave the reader: " + t, t);
            }
            List<ChangeReadException> reports = new ArrayList<>();
            List<ChangeEvent> skipRead = new ArrayList<>();
            try (ChangeReader r = open(m.bytes(), options.skipOnError(reports::add))) {
                while (r.hasNext()) {
                    skipRead.add(r.next());
                }
            } catch (Throwable t) {
                fail("nothing may leave a reader under SKIP: " + t, t);
            }
            reports.forEach(MutationTest::check);
            counts[1] += reports.size();
            assertEquals(failRead, skipRead.subList(0, Math.min(failRead.size(), skipRead.size())));
            assertTrue(skipRead.size() >= failRead.size());
            // Lines before the damage, and after the line that follows it, are all read.
            int firstDamaged = lineOf(lineStarts, m.from());
            int lastDamaged = lineOf(lineStarts, Math.max(m.from(), m.to() - 1));
            Set<Integer> ids = new HashSet<>();
            for (ChangeEvent e : skipRead) {
                if (e.key() != null && e.key().get("id") != null) {
                    ids.add(e.key().decimal("id").intValue());
                }
            }
            for (int id = 1; id <= LINES; id++) {
                if (id < firstDamaged || id > lastDamaged + 1) {
                    assertTrue(ids.contains(id), "line " + id + " is read; damage on lines " + firstDamaged + "-" + lastDamaged);
                }
            }
        });
        assertTrue(counts[0] > 500 && counts[1] > 500, "failures " + counts[0] + ", reports " + counts[1]);
    }

    private static int lineOf(List<Integer> lineStarts, int offset) {
        int line = 1;
        for (int i = 0; i < lineStarts.size(); i++) {
            if (lineStarts.get(i) <= offset) {
                line = i + 1;
            }
        }
        return line;
    }

    private static void check(ChangeReadException e) {
        assertEquals("in.ndjson", e.position().sourceName());
        assertTrue(e.getMessage().startsWith("in.ndjson"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        for (Throwable c = e; c != null; c = c.getCause()) {
            assertFalse(String.valueOf(c.getMessage()).contains(MARKER), c.toString());
        }
        if (e.getCause() instanceof RuntimeException || e.getCause() instanceof Error) {
            fail("an unexpected exception in the reader: " + e.getMessage(), e.getCause());
        }
    }

    private static ChangeReader open(byte[] input, ReadOptions options) throws IOException {
        return FormatRegistry.discover().open(new ByteArrayInputStream(input), "in.ndjson", "cdc-json", options);
    }
}
