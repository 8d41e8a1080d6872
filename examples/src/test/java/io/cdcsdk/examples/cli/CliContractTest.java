package io.cdcsdk.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.FormatRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line contract of the spec (cli.md) on bad input: under fail, exit 1 and one line on
 * standard error naming the file, the line or record and what was expected; under skip, one line
 * per bad record, every good record printed, and the next file read; usage errors exit 2; row
 * values never appear on standard error.
 */
class CliContractTest {
    private static final String MARKER = "SECRET-MARKER-42";
    private static final String SRC = "\"source\":{\"format\":\"x\",\"schema\":\"s\",\"table\":\"t\"}";

    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cdc(out, new PrintStream(err, true, StandardCharsets.UTF_8), FormatRegistry.discover()).run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String good(int id) {
        return "{\"op\":\"insert\"," + SRC + ",\"key\":{\"id\":" + id + "},\"before\":null,\"after\":{\"id\":" + id
                + ",\"note\":\"" + MARKER + "-is-fine-in-good-records\"},\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}";
    }

    /** What cat prints for good(id) read from {@code file} at {@code line}. */
    static String printed(int id, Path file, int line, int record) {
        return good(id).replace("\"meta\":{}", "\"meta\":{\"file\":\"" + file + "\",\"line\":" + line + ",\"record\":" + record + "}");
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Kinds of bad record, each with the marker planted where a careless message would quote it. */
    static final List<String> BAD = List.of(
            "{\"op\":\"insert\"," + SRC + ",\"after\":{\"s\":\"" + MARKER,                       // truncated
            "{\"op\":\"insert\"," + SRC + ",\"after\":{\"n\":1" + MARKER + "}}",                   // bad number
            "{\"op\":\"" + MARKER + "\"," + SRC + "}",                                             // bad op
            "{\"op\":\"insert\",\"source\":\"" + MARKER + "\"}",                                   // wrong type
            "{\"op\":\"insert\"," + SRC + ",\"ts\":\"" + MARKER + "\"}",                           // bad timestamp
            "{\"op\":\"insert\"," + SRC + ",\"after\":{\"" + MARKER + "\":1,\"" + MARKER + "\":2}}", // duplicate key
            "{\"op\":\"insert\"," + SRC + ",\"" + MARKER + "\":1}",                                // unknown field
            "{\"op\":\"insert\"," + SRC + ",\"x\\n" + MARKER + "\":1}",                            // unknown field with a line break
            "{\"op\":\"insert\"," + SRC + ",\"after\":{\"d\":" + "[".repeat(100) + "]".repeat(100) + ",\"s\":\"" + MARKER + "\"}}",
            MARKER + " is not JSON");

    @Test
    void failExitsOneWithOneLineNamingFileLineAndWhatWasExpected(@TempDir Path dir) throws IOException {
        for (int i = 0; i < BAD.size(); i++) {
            Path file = dir.resolve("bad" + i + ".ndjson");
            Files.writeString(file, good(1) + "\n" + good(2) + "\n" + BAD.get(i) + "\n" + good(4) + "\n");
            Result r = run("cat", file.toString());
            assertEquals(1, r.status(), r.err());
            assertEquals(1, r.errLines().size(), "one line: " + r.err());
            String line = r.errLines().get(0);
            assertTrue(line.startsWith("cdc: " + file + " line 3"), line);
            assertFalse(line.contains(MARKER), line);
            assertEquals(printed(1, file, 1, 1) + "\n" + printed(2, file, 2, 2) + "\n", r.out(), "the events before it");
        }
        Path wrongType = dir.resolve("type.ndjson");
        Files.writeString(wrongType, good(1) + "\n{\"op\":\"insert\",\"source\":[1]}\n");
        Result r = run("cat", wrongType.toString());
        assertEquals(1, r.status());
        assertEquals(List.of("cdc: " + wrongType + " line 2 (record 2, byte " + (good(1).length() + 1)
                + "): at $.source: expected an object but found array"), r.errLines());
    }

    @Test
    void failStopsAtTheFirstBadFile(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        Path c = dir.resolve("c.ndjson");
        Files.writeString(a, good(1) + "\n");
        Files.writeString(b, BAD.get(0) + "\n" + good(2) + "\n");
        Files.writeString(c, good(3) + "\n");
        Result r = run("cat", dir.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("cdc: " + b + " line 1"), r.err());
        assertEquals(printed(1, a, 1, 1) + "\n", r.out());
    }

    @Test
    void skipReportsEachBadRecordAndReadsEveryGoodRecordOfEveryFile(@TempDir Path dir) throws IOException {
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < BAD.size(); i++) {
            first.append(good(i)).append('\n').append(BAD.get(i)).append('\n');
        }
        first.append(good(99)).append('\n');
        Path a = dir.resolve("a.ndjson");
        Files.writeString(a, first.toString());
        Path b = dir.resolve("b.json");                                   // a Records-like array with bad elements
        Files.writeString(b, "[" + good(100) + ",\n" + BAD.get(2) + ",\n" + good(101) + "]\n");
        Path c = dir.resolve("c.json");                                   // concatenated values
        Files.writeString(c, good(200) + BAD.get(3) + good(201));
        Result r = run("cat", "--on-error", "skip", a.toString(), b.toString(), c.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(BAD.size() + 2, r.errLines().size(), r.err());
        for (String line : r.errLines()) {
            assertTrue(line.startsWith("cdc: skipped " + dir), line);
            assertFalse(line.contains(MARKER), line);
        }
        for (int i = 0; i < BAD.size(); i++) {
            assertTrue(r.errLines().get(i).startsWith("cdc: skipped " + a + " line " + (2 * i + 2)), r.errLines().get(i));
        }
        assertTrue(r.errLines().get(BAD.size()).startsWith("cdc: skipped " + b + " line 2"), r.err());
        assertTrue(r.errLines().get(BAD.size() + 1).startsWith("cdc: skipped " + c + " line 1 (record 2"), r.err());
        List<String> out = r.out().lines().toList();
        assertEquals(BAD.size() + 1 + 2 + 2, out.size(), r.out());
        for (int i = 0; i < BAD.size(); i++) {
            assertEquals(printed(i, a, 2 * i + 1, 2 * i + 1), out.get(i));
        }
        assertEquals(printed(99, a, 2 * BAD.size() + 1, 2 * BAD.size() + 1), out.get(BAD.size()));
        assertTrue(out.get(BAD.size() + 1).contains("\"id\":100"), out.get(BAD.size() + 1));
        assertTrue(out.get(BAD.size() + 2).contains("\"id\":101"), out.get(BAD.size() + 2));
        assertTrue(out.get(BAD.size() + 3).contains("\"id\":200"), out.get(BAD.size() + 3));
        assertTrue(out.get(BAD.size() + 4).contains("\"id\":201"), out.get(BAD.size() + 4));
    }

    @Test
    void corruptGzipFailsWithOneLineOrIsSkippedForTheNextFile(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            text.append(good(i)).append('\n');
        }
        byte[] gz = gzip(text.toString());
        byte[] badHeader = gz.clone();
        badHeader[2] = 7;
        byte[] cut = Arrays.copyOf(gz, gz.length - 30);
        byte[] flipped = gz.clone();
        flipped[gz.length / 2] ^= 0x40;
        Path last = dir.resolve("z.ndjson");
        Files.writeString(last, good(500) + "\n");
        for (byte[] bad : List.of(badHeader, cut, flipped)) {
            Path file = dir.resolve("m.ndjson.gz");
            Files.write(file, bad);
            Result fail = run("cat", file.toString(), last.toString());
            assertEquals(1, fail.status(), fail.err());
            assertEquals(1, fail.errLines().size(), fail.err());
            assertTrue(fail.err().startsWith("cdc: " + file), fail.err());
            assertTrue(fail.err().contains("gzip"), fail.err());
            assertFalse(fail.out().contains("\"id\":500"), "fail stops before the next file");

            Result skip = run("cat", "--on-error", "skip", file.toString(), last.toString());
            assertEquals(0, skip.status(), skip.err());
            assertEquals(1, skip.errLines().size(), skip.err());
            assertTrue(skip.err().startsWith("cdc: skipped " + file), skip.err());
            assertTrue(skip.err().contains("gzip"), skip.err());
            assertTrue(skip.out().endsWith(printed(500, last, 1, 1) + "\n"), "the next file is read: " + skip.out());
            assertEquals(fail.out(), skip.out().substring(0, fail.out().length()), "the records before the break");
        }
    }

    @Test
    void usageErrorsExitWith2(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("ok.ndjson");
        Files.writeString(ok, good(1) + "\n");
        for (String[] args : List.of(
                new String[] {},
                new String[] {"cat"},
                new String[] {"kat", ok.toString()},
                new String[] {"cat", "--on-error"},
                new String[] {"cat", "--on-error", "ignore", ok.toString()},
                new String[] {"cat", "--on-error=", ok.toString()},
                new String[] {"stats", "--on-error", "skip", ok.toString()},
                new String[] {"cat", "--format", "nope", ok.toString()},
                new String[] {"cat", "--format"},
                new String[] {"cat", "--frobnicate", ok.toString()},
                new String[] {"cat", ok.toString(), dir.resolve("missing.json").toString()},
                new String[] {"cat", "--table-def", dir.resolve("missing-def.json").toString(), ok.toString()})) {
            Result r = run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLines().size(), "one line: " + r.err());
            assertTrue(r.err().startsWith("cdc: "), r.err());
            assertTrue(r.err().endsWith("; see cdc --help\n"), r.err());
            assertEquals("", r.out(), "nothing is read on a usage error");
        }
        assertEquals(0, run("--help").status());
    }

    @Test
    void aDirectoryOfMixedFormatsIsReadInNameOrder(@TempDir Path dir) throws IOException {
        List<String> samples = List.of("orders.cdc.ndjson", "dms-kafka-insert.json", "dynamodb-lambda-event.json",
                "debezium-postgres-inventory.json", "dms-kinesis-load-array-wrapped.json");
        StringBuilder expected = new StringBuilder();
        List<Path> copies = new java.util.ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Path copy = dir.resolve(i + "-" + samples.get(i));
            Files.copy(Path.of("samples", samples.get(i)), copy);
            copies.add(copy);
        }
        Path gz = dir.resolve((samples.size()) + "-orders.gz");
        Files.write(gz, gzip(Files.readString(Path.of("samples", "orders.cdc.ndjson"))));
        copies.add(gz);
        for (Path copy : copies) {
            Result one = run("cat", copy.toString());
            assertEquals(0, one.status(), copy + ": " + one.err());
            assertFalse(one.out().isEmpty(), copy.toString());
            expected.append(one.out());
        }
        Result all = run("cat", dir.toString());
        assertEquals(0, all.status(), all.err());
        assertEquals(expected.toString(), all.out());
        Result skip = run("cat", "--on-error", "skip", dir.toString());
        assertEquals(expected.toString(), skip.out());
        assertEquals("", skip.err());
    }

    @Test
    void anUnrecognizedFileFailsWithOneLine(@TempDir Path dir) throws IOException {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, MARKER + " hello\n");
        Result r = run("cat", notes.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(notes.toString()), r.err());
        assertFalse(r.err().contains(MARKER), r.err());
    }

    @Test
    void skipGoesOnAfterAnUnrecognizedFile(@TempDir Path dir) throws IOException {
        Path notes = dir.resolve("a-notes.txt");
        Files.writeString(notes, "hello\n");
        Path ok = dir.resolve("b.ndjson");
        Files.writeString(ok, good(1) + "\n");
        Result r = run("cat", "--on-error", "skip", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("cdc: skipped " + notes), r.err());
        assertEquals(printed(1, ok, 1, 1) + "\n", r.out());
    }
}
