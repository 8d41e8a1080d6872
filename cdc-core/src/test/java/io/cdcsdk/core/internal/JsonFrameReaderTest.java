package io.cdcsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFrameReaderTest {

    private static JsonFrameReader frames(String text) {
        return frames(text.getBytes(StandardCharsets.UTF_8), Limits.DEFAULTS);
    }

    private static JsonFrameReader frames(byte[] bytes, Limits limits) {
        return new JsonFrameReader(new ByteArrayInputStream(bytes), "in.json", limits);
    }

    /** Line, byte offset and record of every frame, and each frame's text. */
    private static List<String> describe(JsonFrameReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonFrame f = reader.next(); f != null; f = reader.next()) {
            Position p = f.position();
            out.add(p.line() + ":" + p.byteOffset() + ":" + p.record() + " "
                    + new String(f.data(), 0, f.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void ndjsonPositions() throws IOException {
        assertEquals(List.of("1:0:1 {\"a\":1}", "2:8:2 {\"b\":[2]}", "3:18:3 {}"),
                describe(frames("{\"a\":1}\n{\"b\":[2]}\n{}\n")));
    }

    @Test
    void nestedValuesAtColumnZeroAreNotTakenForTruncation() throws IOException {
        // Python's json.dumps(indent=0) puts every line, nested objects included, at column 0.
        String first = "{\n\"a\": {\n\"b\": [\n{\n\"c\": 1\n},\n{\n\"d\": 2\n}\n]\n}\n}";
        String text = first + "\n{\"e\":3}\n";
        assertEquals(List.of("1:0:1 " + first, "13:" + (first.length() + 1) + ":2 {\"e\":3}"), describe(frames(text)));
    }

    @Test
    void concatenatedPositions() throws IOException {
        assertEquals(List.of("1:0:1 {\"a\":\"}{\"}", "1:10:2 {}", "1:12:3 {\"b\":[1]}"),
                describe(frames("{\"a\":\"}{\"}{}{\"b\":[1]}")));
    }

    @Test
    void prettyPrintedWithCrlfAndTabsPositions() throws IOException {
        String first = "{\r\n\t\"a\" : {\r\n\t\t\"b\" : 1\r\n\t}\r\n}";
        String second = "{\r\n\t\"c\" : [\r\n\t\t{ }\r\n\t]\r\n}";
        String text = first + "\r\n" + second + "\r\n";
        assertEquals(List.of("1:0:1 " + first, "6:" + (first.length() + 2) + ":2 " + second),
                describe(frames(text)));
    }

    @Test
    void topLevelArrayElementsArePositioned() throws IOException {
        assertEquals(List.of("2:2:1 {\"a\":1}", "3:11:2 {\"b\":2}", "3:20:3 [3]"),
                describe(frames("[\n{\"a\":1},\n{\"b\":2}, [3]\n]\n")));
    }

    @Test
    void blankLinesAndByteOrderMarkCountInOffsets() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = "\n\r\n{}\n\n{\"x\":\"é\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(rest, 0, all, 3, rest.length);
        assertEquals(List.of("3:6:1 {}", "5:10:2 {\"x\":\"é\"}"), describe(frames(all, Limits.DEFAULTS)));
    }

    @Test
    void truncatedValueFailsAndTheNextLineIsRead() throws IOException {
        JsonFrameReader reader = frames("{\"a\":1}\n{\"b\":\"cut\n{\"c\":3}\n");
        assertEquals(1, reader.next().position().line());
        ChangeReadException e = assertThrows(ChangeReadException.class, reader::next);
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(new Position("in.json", 2, 8, 2), e.position());
        JsonFrame next = reader.next();
        assertEquals(new Position("in.json", 3, 18, 3), next.position());
        assertNull(reader.next());
    }

    @Test
    void topLevelGarbageLineFailsAndTheNextLineIsRead() throws IOException {
        JsonFrameReader reader = frames("garbage {\"a\":1}\n{\"b\":2}\n");
        ChangeReadException e = assertThrows(ChangeReadException.class, reader::next);
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(1, e.position().line());
        assertEquals(2, reader.next().position().line());
        assertNull(reader.next());
    }

    @Test
    void recordLargerThanTheLimitIsSkippedWithoutBufferingIt() throws IOException {
        String big = "{\"a\":\"" + "x".repeat(10_000) + "\"}";
        JsonFrameReader reader = frames((big + "\n{}\n").getBytes(StandardCharsets.UTF_8),
                Limits.DEFAULTS.withMaxRecordBytes(1024));
        ChangeReadException e = assertThrows(ChangeReadException.class, reader::next);
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals(2, reader.next().position().line());
        assertNull(reader.next());
    }

    @Test
    void deepNestingIsALimitNotAStackOverflow() throws IOException {
        int depth = 100_000;
        String deep = "[".repeat(depth) + "]".repeat(depth);
        JsonFrameReader reader = frames(deep + "\n{}\n");
        ChangeReadException e = assertThrows(ChangeReadException.class, reader::next);
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals(2, reader.next().position().line());
    }

    @Test
    void unclosedDeepNestingIsALimitToo() throws IOException {
        JsonFrameReader reader = frames("{\"a\":" + "[".repeat(100_000));
        ChangeReadException e = assertThrows(ChangeReadException.class, reader::next);
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
        assertNull(reader.next());
    }

    @Test
    void endOfInputInsideAValueIsMalformed() throws IOException {
        JsonFrameReader reader = frames("{\"a\":[1,");
        ChangeReadException e = assertThrows(ChangeReadException.class, reader::next);
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertNull(reader.next());
    }

    @Test
    void readsFromAStreamThatReturnsFewBytesAtATime() throws IOException {
        byte[] data = "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        JsonFrameReader reader = new JsonFrameReader(trickle, "in.json", Limits.DEFAULTS);
        assertEquals(List.of("1:0:1 {\"a\":1}", "2:8:2 {\"b\":2}"), describe(reader));
        assertFalse(reader.next() != null);
    }
}
