package io.cdcsdk.testkit;

import io.cdcsdk.core.Limits;
import io.cdcsdk.testkit.FormatAdapterContract.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A damaged input made from one sample, drawn from a {@link Random}: copies of the sample joined
 * by line breaks, each copy intact or damaged (cut, bytes flipped, garbage put in, ranges or lines
 * dropped or repeated), with garbage lines between copies; sometimes gzipped (and then sometimes
 * cut), sometimes read with small limits. Binary samples get binary damage in one copy.
 *
 * @param sample    the sample it was made from
 * @param bytes     the input to read
 * @param plainSize the size of the input before gzip
 * @param limits    the limits to read it with
 * @param intact    copies of the sample that come, intact, before anything damaged: whatever the
 *                  damage, a reader must account for their records
 * @param damaged   whether any copy was damaged (garbage lines alone are not damage)
 * @param recipe    what was done, for a failure message
 */
record Damage(Sample sample, byte[] bytes, int plainSize, Limits limits, int intact, boolean damaged,
              String recipe) {

    /** Bits of syntax put into a record. */
    private static final byte[][] FRAGMENTS = bytes(
            "{", "}", "[", "]", "\"", ",", ":", "\n", "\r", "\r\n", "\\", "\\u", "\\ud800", "\u0000", "\u00ff",
            "\ufeff", "1e999999999", "-0.0E-2147483649", "null", "true", "\"\"", "{}", "[]", "{\"a\":1,\"a\":2}",
            "2024-13-45 25:61:61", ";", "\t", "'", "\"\"\"");
    /** Whole lines put between records: complete values or plain junk, nothing left open. */
    private static final byte[][] GARBAGE_LINES = bytes(
            "not a record", "{}", "[]", "null", "12abc", "{\"unrelated\":true}", "}", "]", "\u0000\u0001\u0002",
            "a,b,c", "\"quoted\"", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}", "\u00ff\u00fe", "-", "I,1");
    private static final byte[] STRUCTURE = "\"{}[],:\\\n".getBytes(StandardCharsets.UTF_8);

    /**
     * A damaged input from one of {@code samples}.
     *
     * @param aimAtValues whether half of the edits should land right at a row value, where a parser's
     *                    message would quote it
     */
    static Damage draw(List<Sample> samples, Random random, boolean aimAtValues) {
        Sample s = samples.get(random.nextInt(samples.size()));
        Limits limits = random.nextInt(5) == 0 ? small(s, random) : s.options().limits();
        if (!s.text()) {
            byte[] b = s.bytes();
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) {
                b = binaryEdit(b, random);
            }
            return new Damage(s, b, b.length, limits, 0, true, edits + " binary edits" + limitsNote(limits, s));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder recipe = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        int intact = 0;
        boolean damaged = false;
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                out.write('\n');
                recipe.append(", ");
            }
            // garbage goes between records, never first (where a header row would be)
            switch (i == 0 ? random.nextInt(2) : random.nextInt(3)) {
                case 0 -> {
                    out.writeBytes(s.bytes());
                    intact += damaged ? 0 : 1;
                    recipe.append("intact copy");
                }
                case 1 -> {
                    byte[] b = s.bytes();
                    int edits = 1 + random.nextInt(3);
                    for (int e = 0; e < edits; e++) {
                        b = textEdit(b, random, aimAtValues && random.nextBoolean() ? s.rowValues() : List.of());
                    }
                    out.writeBytes(b);
                    damaged = true;
                    recipe.append("copy with ").append(edits).append(" edits");
                }
                default -> {
                    out.writeBytes(GARBAGE_LINES[random.nextInt(GARBAGE_LINES.length)]);
                    recipe.append("garbage line");
                }
            }
        }
        byte[] plain = out.toByteArray();
        if (random.nextInt(8) == 0) {
            byte[] z = gzip(plain);
            if (random.nextBoolean()) {
                int cut = 2 + random.nextInt(z.length - 1);
                return new Damage(s, Arrays.copyOf(z, cut), plain.length, limits, 0, true,
                        recipe + ", gzipped and cut at " + cut + limitsNote(limits, s));
            }
            return new Damage(s, z, plain.length, limits, intact, damaged, recipe + ", gzipped" + limitsNote(limits, s));
        }
        return new Damage(s, plain, plain.length, limits, intact, damaged, recipe + limitsNote(limits, s));
    }

    private static String limitsNote(Limits limits, Sample s) {
        return limits.equals(s.options().limits()) ? "" : ", read with " + limits;
    }

    /** Limits small enough that records of the sample hit them. */
    private static Limits small(Sample s, Random random) {
        return s.options().limits()
                .withMaxRecordBytes(64 + random.nextInt(Math.max(1, s.bytes().length)))
                .withMaxStringLength(8 + random.nextInt(200))
                .withMaxNestingDepth(2 + random.nextInt(8))
                .withMaxNumberLength(4 + random.nextInt(30));
    }

    /**
     * One edit of text: cut, a bit flipped, a fragment put in, a range dropped or repeated, a line
     * dropped or repeated, a byte made syntax. With {@code values}, it lands right after one of them.
     */
    static byte[] textEdit(byte[] b, Random random, List<String> values) {
        if (b.length == 0) {
            return FRAGMENTS[random.nextInt(FRAGMENTS.length)];
        }
        int at = values.isEmpty() ? random.nextInt(b.length) : afterValue(b, values, random);
        switch (random.nextInt(8)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1: {
                byte[] c = b.clone();
                c[Math.min(at, b.length - 1)] ^= (byte) (1 << random.nextInt(8));
                return c;
            }
            case 2:
                return insert(b, at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            case 3:
                return remove(b, at, Math.min(b.length, at + 1 + random.nextInt(64)));
            case 4: {
                int end = Math.min(b.length, at + 1 + random.nextInt(200));
                return insert(b, end, Arrays.copyOfRange(b, at, end));
            }
            case 5: {
                int[] line = line(b, Math.min(at, b.length - 1));
                return insert(b, line[1], Arrays.copyOfRange(b, line[0], line[1]));
            }
            case 6: {
                int[] line = line(b, Math.min(at, b.length - 1));
                return remove(b, line[0], line[1]);
            }
            default: {
                byte[] c = b.clone();
                c[Math.min(at, b.length - 1)] = STRUCTURE[random.nextInt(STRUCTURE.length)];
                return c;
            }
        }
    }

    /** The offset right after an occurrence of one of {@code values}, or anywhere when none occurs. */
    private static int afterValue(byte[] b, List<String> values, Random random) {
        byte[] value = values.get(random.nextInt(values.size())).getBytes(StandardCharsets.UTF_8);
        int from = random.nextInt(b.length);
        int hit = indexOf(b, value, from);
        if (hit < 0) {
            hit = indexOf(b, value, 0);
        }
        return hit < 0 ? random.nextInt(b.length) : Math.min(b.length - 1, hit + value.length);
    }

    /** One edit of binary input: cut, bytes overwritten, junk put in, a range dropped. */
    private static byte[] binaryEdit(byte[] b, Random random) {
        if (b.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(4)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1: {
                byte[] c = b.clone();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    c[random.nextInt(c.length)] = (byte) random.nextInt(256);
                }
                return c;
            }
            case 2: {
                byte[] junk = new byte[1 + random.nextInt(16)];
                random.nextBytes(junk);
                return insert(b, at, junk);
            }
            default:
                return remove(b, at, Math.min(b.length, at + 1 + random.nextInt(64)));
        }
    }

    /** The start and the end (after its line break) of the line holding offset {@code at}. */
    private static int[] line(byte[] b, int at) {
        int start = at;
        while (start > 0 && b[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < b.length && b[end] != '\n') {
            end++;
        }
        return new int[] {start, Math.min(b.length, end + 1)};
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
        out.write(b, 0, at);
        out.writeBytes(what);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] remove(byte[] b, int from, int to) {
        byte[] c = Arrays.copyOf(b, b.length - (to - from));
        System.arraycopy(b, to, c, from, b.length - to);
        return c;
    }

    /** Where {@code what} occurs in {@code b} from {@code from} on, or -1 (ISO-8859-1 maps each byte to one char). */
    static int indexOf(byte[] b, byte[] what, int from) {
        return new String(b, StandardCharsets.ISO_8859_1).indexOf(new String(what, StandardCharsets.ISO_8859_1), from);
    }

    private static byte[][] bytes(String... strings) {
        return Arrays.stream(strings).map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
}
