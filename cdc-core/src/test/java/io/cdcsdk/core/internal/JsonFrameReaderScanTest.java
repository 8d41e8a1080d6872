package io.cdcsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.testing.ShortReads;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFrameReader#next()} scans 8 bytes at a time where it can; it must frame exactly as the
 * byte-at-a-time scan ({@link ByteWiseFrameReader}) does: the same values at the same positions and
 * the same failures, whatever stands in strings (brackets, quotes after runs of backslashes, line
 * breaks), however the values are laid out, nested, cut or damaged, and wherever the 8-byte words
 * and the read buffer fall.
 */
class JsonFrameReaderScanTest {

    @Test
    void wordScanFramesAsTheByteScan() {
        Seeds.forAll("word scan frames as the byte scan", 0x5CA4L, 1500, random -> {
            byte[] input = input(random);
            Limits limits = limits(random);
            int maxRead = random.nextInt(4) == 0 ? 1 + random.nextInt(100) : Integer.MAX_VALUE;
            assertEquals(byteWise(input, limits, maxRead), framed(input, limits, maxRead));
        });
    }

    @Test
    void largeValuesAcrossTheReadBufferFrameAsTheByteScan() {
        Seeds.forAll("large values frame as the byte scan", 0xB16L, 12, random -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (out.size() < 300_000) {
                out.writeBytes(value(random, 0, random.nextInt(3) == 0, 40).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            byte[] input = damage(random, out.toByteArray());
            Limits limits = random.nextBoolean() ? Limits.DEFAULTS : Limits.DEFAULTS.withMaxRecordBytes(20_000 + random.nextInt(100_000));
            int maxRead = random.nextBoolean() ? 1 + random.nextInt(5000) : Integer.MAX_VALUE;
            assertEquals(byteWise(input, limits, maxRead), framed(input, limits, maxRead));
        });
    }

    @Test
    void stringContentsEverywhereInTheWord() throws IOException {
        // Every string of up to 3 characters from a set of troublemakers, at every offset in a word.
        String[] pieces = {"a", "\\\"", "\\\\", "{", "}", "[", "]", " ", "é", "\\n"};
        StringBuilder sb = new StringBuilder();
        for (String x : pieces) {
            for (String y : pieces) {
                for (String z : pieces) {
                    for (int pad = 0; pad < 8; pad++) {
                        sb.append("{\"k\":[").append(" ".repeat(pad)).append('"').append(x).append(y).append(z)
                                .append("\",{\"n\":").append(pad).append("}]}\n");
                    }
                }
            }
        }
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        List<String> framed = framed(input, Limits.DEFAULTS, Integer.MAX_VALUE);
        assertEquals(byteWise(input, Limits.DEFAULTS, Integer.MAX_VALUE), framed);
        assertEquals(pieces.length * pieces.length * pieces.length * 8, framed.size());
    }

    @Test
    void whatALineStartingWithABraceFollowsIsFoundWhereverTheWordsStop() throws IOException {
        // Whether a line starting with { starts a new value depends on the last byte before it that
        // is not blank: blanks and string contents just before the word scan stops must not count.
        StringBuilder sb = new StringBuilder();
        for (int pad = 0; pad < 17; pad++) {
            sb.append("{\"a\":[1,").append(" ".repeat(pad)).append("\t\n{\"b\":2}]}\n");
            sb.append("{\"a\":\"").append("x".repeat(pad)).append(":\\\"y\"\n{\"b\":1}\n");
            sb.append("{\"a\":\"").append("x".repeat(pad)).append("[\"\r\n{\"b\":1}\n");
        }
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(byteWise(input, Limits.DEFAULTS, Integer.MAX_VALUE), framed(input, Limits.DEFAULTS, Integer.MAX_VALUE));
    }

    @Test
    void depthLimitReachedInsideAWord() throws IOException {
        for (int depth = 1; depth < 12; depth++) {
            for (int limit = 1; limit < 12; limit++) {
                String text = "{\"a\":" + "[".repeat(depth) + "\"}\"" + "]".repeat(depth) + "}\n{\"b\":1}\n";
                byte[] input = text.getBytes(StandardCharsets.UTF_8);
                Limits limits = Limits.DEFAULTS.withMaxNestingDepth(limit);
                assertEquals(byteWise(input, limits, Integer.MAX_VALUE), framed(input, limits, Integer.MAX_VALUE),
                        "depth " + depth + ", limit " + limit);
            }
        }
    }

    @Test
    void aValueThatIsTheWholeInputGetsOneBufferOfItsSize() throws IOException {
        String big = "{\"s\":\"" + "x".repeat(300_000) + "\"}";
        JsonFrameReader reader = new JsonFrameReader(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)),
                "in.json", Limits.DEFAULTS);
        assertEquals(big.length(), reader.next().length());
        assertEquals(big.length(), reader.recordCapacity());
    }

    @Test
    void inputsLongerThanTheKeptBufferStillDoubleTheBuffer() throws IOException {
        String value = "{\"s\":\"" + "x".repeat(100_000) + "\"}\n";
        JsonFrameReader reader = new JsonFrameReader(
                new ByteArrayInputStream(value.repeat(20).getBytes(StandardCharsets.UTF_8)), "in.json", Limits.DEFAULTS);
        assertEquals(value.length() - 1, reader.next().length());
        assertTrue(reader.recordCapacity() < 2 * value.length(), "capacity " + reader.recordCapacity());
    }

    private static List<String> framed(byte[] input, Limits limits, int maxRead) {
        List<String> out = new ArrayList<>();
        try (JsonFrameReader frames = new JsonFrameReader(ShortReads.of(input, maxRead), "in.json", limits)) {
            while (true) {
                JsonFrame frame;
                try {
                    frame = frames.next();
                } catch (ChangeReadException e) {
                    out.add(describe(e.position()) + " " + e.kind() + " " + e.detail());
                    continue;
                }
                if (frame == null) {
                    return out;
                }
                out.add(describe(frame.position()) + " " + new String(frame.data(), 0, frame.length(), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> byteWise(byte[] input, Limits limits, int maxRead) {
        List<String> out = new ArrayList<>();
        try (ByteWiseFrameReader frames = new ByteWiseFrameReader(ShortReads.of(input, maxRead), "in.json", limits)) {
            while (true) {
                JsonFrame frame;
                try {
                    frame = frames.next();
                } catch (ChangeReadException e) {
                    out.add(describe(e.position()) + " " + e.kind() + " " + e.detail());
                    continue;
                }
                if (frame == null) {
                    return out;
                }
                out.add(describe(frame.position()) + " " + new String(frame.data(), 0, frame.length(), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String describe(Position p) {
        return p.line() + ":" + p.byteOffset() + ":" + p.record();
    }

    private static Limits limits(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Limits.DEFAULTS.withMaxRecordBytes(20 + random.nextInt(600));
            case 1 -> Limits.DEFAULTS.withMaxNestingDepth(1 + random.nextInt(8));
            default -> Limits.DEFAULTS;
        };
    }

    /** Values laid out as NDJSON, concatenated, pretty-printed, in an array or with blanks between, sometimes damaged. */
    private static byte[] input(Random random) {
        int count = 1 + random.nextInt(random.nextInt(6) == 0 ? 200 : 20);
        int layout = random.nextInt(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (layout == 3) {
            out.writeBytes("[\n".getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < count; i++) {
            out.writeBytes(value(random, 0, layout == 2, 6).getBytes(StandardCharsets.UTF_8));
            switch (layout) {
                case 0 -> out.write('\n');
                case 1 -> {
                    // concatenated: }{
                }
                case 2 -> out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                case 3 -> out.writeBytes((i + 1 < count ? ",\n" : "\n]\n").getBytes(StandardCharsets.UTF_8));
                default -> out.writeBytes(" \t \r\n".substring(random.nextInt(5)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return damage(random, out.toByteArray());
    }

    private static byte[] damage(Random random, byte[] bytes) {
        int damage = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;
        for (int d = 0; d < damage && bytes.length > 0; d++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> {
                    String specials = "{}[]\",:\n\\ \t";
                    bytes[at] = (byte) specials.charAt(random.nextInt(specials.length()));
                }
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> {
                    // a line break and a new value where none can start, as a cut record leaves it
                    byte[] cut = "\n{\"cut\":1}".getBytes(StandardCharsets.UTF_8);
                    byte[] longer = new byte[bytes.length + cut.length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(cut, 0, longer, at, cut.length);
                    System.arraycopy(bytes, at, longer, at + cut.length, bytes.length - at);
                    bytes = longer;
                }
                default -> {
                    byte[] shorter = new byte[at];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    bytes = shorter;
                }
            }
        }
        return bytes;
    }

    private static String value(Random random, int depth, boolean pretty, int maxMembers) {
        StringBuilder sb = new StringBuilder();
        boolean array = depth > 0 && random.nextInt(4) == 0;
        sb.append(array ? '[' : '{');
        int members = random.nextInt(depth == 0 ? maxMembers + 2 : 4);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (pretty) {
                sb.append(random.nextBoolean() ? "\r\n\t" : "\n" + " ".repeat(random.nextInt(12)));
            } else if (random.nextInt(8) == 0) {
                sb.append(" \t\r  ", 0, 1 + random.nextInt(4));
            }
            if (!array) {
                sb.append('"').append(string(random)).append("\":");
            }
            switch (depth < 7 ? random.nextInt(7) : random.nextInt(5)) {
                case 0 -> sb.append(random.nextLong());
                case 1 -> sb.append(random.nextBoolean() ? "true" : "null");
                case 2, 3 -> sb.append('"').append(string(random)).append('"');
                case 4 -> sb.append("\"\"");
                default -> sb.append(value(random, depth + 1, pretty, maxMembers));
            }
        }
        if (pretty && members > 0) {
            sb.append('\n');
        }
        sb.append(array ? ']' : '}');
        return sb.toString();
    }

    /** The body of a string, often with what the framing must not take for structure. */
    private static String string(Random random) {
        String[] pieces = {"x", "abcdefgh", "{", "}", "[", "]", "\\\"", "\\\\", "\\\\\\\"", "\\n", "\\u00e9", "é", "✓", " ", "\t", ":", ","};
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        if (random.nextInt(200) == 0) {
            sb.append('\n'); // an unterminated string
        }
        return sb.toString();
    }
}
