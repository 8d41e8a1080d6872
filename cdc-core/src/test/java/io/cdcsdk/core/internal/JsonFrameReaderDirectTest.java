package io.cdcsdk.core.internal;

import io.cdcsdk.core.internal.JsonParsing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.testing.ShortReads;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFrameReader#nextDirect} must give what framing then parsing gives: the same values at
 * the same positions, and for every value it cannot read, the same failure from {@link
 * JsonFrameReader#next()}. Inputs vary in layout, size (across the read buffer), read sizes,
 * limits and damage.
 */
class JsonFrameReaderDirectTest {

    @Test
    void directReadingEqualsFramingThenParsing() {
        int[] direct = new int[1];
        Seeds.forAll("direct reading equals framing then parsing", 0xD1EC7L, 700, random -> {
            byte[] input = input(random);
            Limits limits = limits(random);
            int maxRead = random.nextInt(4) == 0 ? 1 + random.nextInt(700) : Integer.MAX_VALUE;
            List<String> framed = read(input, limits, maxRead, false, direct);
            List<String> viaDirect = read(input, limits, maxRead, true, direct);
            assertEquals(framed, viaDirect);
        });
        // Most values must take the direct path, or the property says little about it.
        assertTrue(direct[0] > 20_000, "values read directly: " + direct[0]);
    }

    @Test
    void valueCutByTheBufferIsReadWhole() throws IOException {
        // Values of 1,000 bytes over 200 KiB: many cross the 64 KiB buffer's end.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("{\"i\":").append(i).append(",\"pad\":\"").append("x".repeat(980)).append("\"}\n");
        }
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        int[] direct = new int[1];
        List<String> out = read(input, Limits.DEFAULTS, Integer.MAX_VALUE, true, direct);
        assertEquals(200, out.size());
        assertEquals(200, direct[0]);
        assertEquals(read(input, Limits.DEFAULTS, Integer.MAX_VALUE, false, new int[1]), out);
    }

    private static List<String> read(byte[] input, Limits limits, int maxRead, boolean useDirect, int[] directCount) {
        List<String> out = new ArrayList<>();
        try (JsonFrameReader frames = new JsonFrameReader(ShortReads.withoutAvailable(input, maxRead), "in.json", limits)) {
            while (true) {
                if (useDirect) {
                    JsonNode node = frames.nextDirect(JsonFrameReaderDirectTest::readTree);
                    if (node != null) {
                        directCount[0]++;
                        out.add(describe(frames.lastPosition()) + " " + node);
                        continue;
                    }
                }
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
                try {
                    out.add(describe(frame.position()) + " " + JsonParsing.parse(frame, limits));
                } catch (ChangeReadException e) {
                    out.add(describe(e.position()) + " " + e.kind() + " " + e.detail());
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode readTree(JsonParser parser, Position position) throws IOException {
        return parser.nextToken() == null ? null : parser.readValueAsTree();
    }

    private static String describe(Position p) {
        return p.line() + ":" + p.byteOffset() + ":" + p.record();
    }

    private static Limits limits(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Limits.DEFAULTS.withMaxRecordBytes(40 + random.nextInt(400));
            case 1 -> Limits.DEFAULTS.withMaxNestingDepth(1 + random.nextInt(5));
            case 2 -> Limits.DEFAULTS.withMaxStringLength(1 + random.nextInt(30));
            default -> Limits.DEFAULTS;
        };
    }

    /** Values in one of the layouts the frame reader accepts, sometimes damaged. */
    private static byte[] input(Random random) {
        int count = random.nextInt(5) == 0 ? 300 + random.nextInt(300) : 1 + random.nextInt(30);
        int layout = random.nextInt(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(8) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        if (layout == 3) {
            out.writeBytes("[\n".getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < count; i++) {
            String value = value(random, 0, layout == 2);
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            switch (layout) {
                case 0 -> out.write('\n');
                case 1 -> {
                    // concatenated: }{
                }
                case 2 -> out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                case 3 -> out.writeBytes((i + 1 < count ? ",\n" : "\n]\n").getBytes(StandardCharsets.UTF_8));
                default -> out.writeBytes(random.nextBoolean() ? "\n\n".getBytes(StandardCharsets.UTF_8)
                        : " \t".getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = out.toByteArray();
        int damage = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;
        for (int d = 0; d < damage && bytes.length > 0; d++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> {
                    String specials = "{}[]\",:\n\\x0";
                    bytes[at] = (byte) specials.charAt(random.nextInt(specials.length()));
                }
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] cut = new byte[bytes.length - 1 - random.nextInt(Math.min(bytes.length, 20))];
                    System.arraycopy(bytes, 0, cut, 0, Math.min(at, cut.length));
                    System.arraycopy(bytes, bytes.length - (cut.length - Math.min(at, cut.length)), cut,
                            Math.min(at, cut.length), cut.length - Math.min(at, cut.length));
                    bytes = cut;
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

    private static String value(Random random, int depth, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        boolean array = depth > 0 && random.nextInt(4) == 0;
        sb.append(array ? '[' : '{');
        int members = random.nextInt(depth == 0 ? 8 : 4);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (pretty) {
                sb.append(random.nextBoolean() ? "\r\n\t" : "\n ");
            }
            if (!array) {
                // A repeated name now and then: a duplicate must fail the same way on both paths.
                sb.append('"').append(random.nextInt(10) == 0 ? "k" : "k" + i).append("\":");
            }
            switch (depth < 6 ? random.nextInt(7) : random.nextInt(5)) {
                case 0 -> sb.append(random.nextLong());
                case 1 -> sb.append(random.nextInt(1000)).append('.').append(random.nextInt(1000)).append("E-").append(random.nextInt(20));
                case 2 -> sb.append('"').append("é\\\"\\n\\u00e9}{[".repeat(random.nextInt(4))).append("x".repeat(random.nextInt(40))).append('"');
                case 3 -> sb.append(random.nextBoolean() ? "true" : "null");
                case 4 -> sb.append("\"\"");
                default -> sb.append(value(random, depth + 1, pretty));
            }
        }
        if (pretty && members > 0) {
            sb.append('\n');
        }
        sb.append(array ? ']' : '}');
        return sb.toString();
    }
}
