package io.cdcsdk.core.internal;

import io.cdcsdk.core.internal.JsonParsing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.testing.ShortReads;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFrameReader#nextDirect(JsonFrameReader.DirectReader, int)} grows its buffer to read
 * values longer than it; it must still give what framing then parsing gives, and let the grown
 * buffer go.
 */
class JsonFrameReaderGrowTest {

    @Test
    void largeValuesReadDirectlyEqualFramingThenParsing() {
        int[] direct = new int[1];
        Seeds.forAll("grown direct reading = framing then parsing", 0x6A0L, 120, random -> {
            byte[] input = input(random);
            Limits limits = random.nextInt(4) == 0 ? Limits.DEFAULTS.withMaxRecordBytes(1000 + random.nextInt(300_000))
                    : Limits.DEFAULTS;
            int maxBytes = random.nextBoolean() ? 1 << 20 : 1000 + random.nextInt(400_000);
            int maxRead = random.nextInt(4) == 0 ? 1 + random.nextInt(100_000) : Integer.MAX_VALUE;
            assertEquals(read(input, limits, maxBytes, maxRead, false, direct),
                    read(input, limits, maxBytes, maxRead, true, direct));
        });
        assertTrue(direct[0] > 200, "values read directly: " + direct[0]);
    }

    @Test
    void theGrownBufferIsLetGoOnceRead() throws IOException {
        String big = "{\"a\":[" + "1,".repeat(150_000) + "2]}";
        byte[] input = (big + "\n{\"b\":1}\n").getBytes(StandardCharsets.UTF_8);
        JsonFrameReader frames = new JsonFrameReader(new ByteArrayInputStream(input), "in.json", Limits.DEFAULTS);
        JsonNode node = frames.nextDirect(JsonFrameReaderGrowTest::readTree, 1 << 20);
        assertEquals(150_001, node.get("a").size());
        assertTrue(frames.readBufferCapacity() >= big.length());
        assertEquals("{\"b\":1}", frames.nextDirect(JsonFrameReaderGrowTest::readTree, 1 << 20).toString());
        assertEquals(new Position("in.json", 2, big.length() + 1, 2), frames.lastPosition());
        assertNull(frames.next());
        assertEquals(1 << 16, frames.readBufferCapacity());
    }

    @Test
    void inputsLongerThanTheMostToReadAheadAreNotReadAhead() throws IOException {
        String big = "{\"a\":\"" + "x".repeat(200_000) + "\"}";
        JsonFrameReader frames = new JsonFrameReader(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)),
                "in.json", Limits.DEFAULTS);
        assertNull(frames.nextDirect(JsonFrameReaderGrowTest::readTree, 100_000));
        assertEquals(1 << 16, frames.readBufferCapacity());
        assertEquals(big.length(), frames.next().length());
    }

    private static List<String> read(byte[] input, Limits limits, int maxBytes, int maxRead, boolean useDirect,
            int[] directCount) {
        List<String> out = new ArrayList<>();
        try (JsonFrameReader frames = new JsonFrameReader(ShortReads.of(input, maxRead), "in.json", limits)) {
            while (true) {
                if (useDirect) {
                    JsonNode node = frames.nextDirect(JsonFrameReaderGrowTest::readTree, maxBytes);
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

    /** A few values, some longer than the read buffer, as NDJSON or pretty-printed, sometimes damaged. */
    private static byte[] input(Random random) {
        StringBuilder sb = new StringBuilder();
        int values = 1 + random.nextInt(4);
        boolean pretty = random.nextInt(4) == 0;
        for (int v = 0; v < values; v++) {
            int members = random.nextInt(3) == 0 ? random.nextInt(5) : 500 + random.nextInt(6000);
            sb.append('{');
            for (int i = 0; i < members; i++) {
                sb.append(i > 0 ? "," : "").append(pretty ? "\n  " : "").append("\"k").append(i).append("\":");
                switch (random.nextInt(4)) {
                    case 0 -> sb.append(random.nextInt());
                    case 1 -> sb.append("\"").append("é\\\"x{".repeat(random.nextInt(4))).append("\"");
                    case 2 -> sb.append("[1,{\"a\":null}]");
                    default -> sb.append("\"").append("y".repeat(random.nextInt(60))).append("\"");
                }
            }
            sb.append(pretty ? "\n}" : "}").append(random.nextBoolean() ? "\n" : " ");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(3) == 0 && bytes.length > 0) {
            int at = random.nextInt(bytes.length);
            if (random.nextBoolean()) {
                bytes = java.util.Arrays.copyOf(bytes, at);
            } else {
                String specials = "{}[]\",:\n\\";
                bytes[at] = (byte) specials.charAt(random.nextInt(specials.length()));
            }
        }
        return bytes;
    }
}
