package io.cdcsdk.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/** Random damage to input bytes, for mutation tests; a format adds edits of its own to {@link #text}. */
public final class Mutations {
    /** The edits {@link #text} makes to any text input, before the format's own. */
    public static final int COMMON_TEXT_EDITS = 5;

    /** One edit of a format's own, number {@code edit}, at offset {@code at} of {@code b}. */
    @FunctionalInterface
    public interface FormatEdit {
        byte[] apply(int edit, byte[] b, int at, Random random);
    }

    private Mutations() {
    }

    /**
     * Up to {@code maxRecords} JSON records from {@code record}, on lines of their own or run
     * together; about one in {@code damageOneIn} is cut short or has a stray JSON character put in.
     */
    public static byte[] jsonRecords(Random random, int maxRecords, int damageOneIn, Function<Random, String> record) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(maxRecords);
        for (int i = 0; i < n; i++) {
            String text = record.apply(random);
            if (random.nextInt(damageOneIn) == 0 && text.length() > 2) {
                int at = random.nextInt(text.length());
                text = random.nextBoolean() ? text.substring(0, at)
                        : text.substring(0, at) + "\"}{,:[]".charAt(random.nextInt(7)) + text.substring(at);
            }
            sb.append(text).append(random.nextInt(5) == 0 ? "" : "\n");
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code b} after one to three rounds of {@code edit}. */
    public static byte[] oneToThree(byte[] b, Random random, BiFunction<byte[], Random, byte[]> edit) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            b = edit.apply(b, random);
        }
        return b;
    }

    /**
     * One random edit of text input: truncated, a bit flipped, garbage inserted, a range deleted or
     * repeated, or one of {@code formatEdits} edits of the format's own. Empty input becomes garbage.
     */
    public static byte[] text(byte[] b, Random random, byte[][] garbage, int formatEdits, FormatEdit formatEdit) {
        if (b.length == 0) {
            return garbage[random.nextInt(garbage.length)];
        }
        int at = random.nextInt(b.length);
        int edit = random.nextInt(COMMON_TEXT_EDITS + formatEdits);
        switch (edit) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1: {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << random.nextInt(8));
                return c;
            }
            case 2:
                return insert(b, at, garbage[random.nextInt(garbage.length)]);
            case 3: {
                int end = Math.min(b.length, at + 1 + random.nextInt(64));
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, end, b.length));
            }
            case 4: {
                int end = Math.min(b.length, at + 1 + random.nextInt(200));
                return insert(b, end, Arrays.copyOfRange(b, at, end));
            }
            default:
                return formatEdit.apply(edit - COMMON_TEXT_EDITS, b, at, random);
        }
    }

    /** {@code what} inserted at one of {@code spots}, or anywhere when there are none. */
    public static byte[] insertAtOneOf(byte[] b, List<Integer> spots, byte[] what, Random random) {
        int at = spots.isEmpty() ? random.nextInt(b.length + 1) : spots.get(random.nextInt(spots.size()));
        return insert(b, at, what);
    }

    /** {@code input} gzipped, and in half the cases cut short. */
    public static byte[] gzipMaybeCut(byte[] input, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] z = out.toByteArray();
        return random.nextBoolean() ? Arrays.copyOf(z, 2 + random.nextInt(z.length - 1)) : z;
    }

    /** {@code b} with one occurrence of {@code what}, picked at random, replaced; null when there is none. */
    public static byte[] replaceOne(byte[] b, byte[] what, byte[] with, Random random) {
        List<Integer> hits = new ArrayList<>();
        for (int i = indexOf(b, what, 0); i >= 0; i = indexOf(b, what, i + 1)) {
            hits.add(i);
        }
        if (hits.isEmpty()) {
            return null;
        }
        int at = hits.get(random.nextInt(hits.size()));
        return concat(concat(Arrays.copyOf(b, at), with), Arrays.copyOfRange(b, at + what.length, b.length));
    }

    public static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    public static int indexOf(byte[] b, byte what, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == what) {
                return i;
            }
        }
        return -1;
    }

    public static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = from; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
