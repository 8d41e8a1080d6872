package io.cdcsdk.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.ReadContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdcTest {
    private static final Path SAMPLE = Path.of("samples/orders.cdc.ndjson");
    private static final Path DMS_S3 = Path.of("dms-s3");

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        return run(FormatRegistry.discover(), args);
    }

    static Result run(FormatRegistry registry, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cdc(out, new PrintStream(err, true, StandardCharsets.UTF_8), registry).run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An adapter of the user's, known only by its name. */
    private static final class UserAdapter implements FormatAdapter {
        @Override
        public String name() {
            return "users-own-format";
        }

        @Override
        public ChangeReader open(InputStream in, ReadContext context) {
            throw new UnsupportedOperationException("never opened here");
        }
    }

    @Test
    void catOfTheJsonFormPrintsIdenticalEvents() throws IOException {
        Result r = run("cat", SAMPLE.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(SAMPLE), r.out());
    }

    @Test
    void catOfCatOutputIsAFixpoint(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first.ndjson");
        Files.writeString(first, run("cat", SAMPLE.toString()).out());
        assertEquals(Files.readString(first), run("cat", "--format", "cdc-json", first.toString()).out());
    }

    @Test
    void gzipIsRecognizedByContentWhateverTheName(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("events.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(SAMPLE));
        }
        Result r = run("cat", gz.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(SAMPLE), r.out());
    }

    @Test
    void directoriesAreWalkedInNameOrder(@TempDir Path dir) throws IOException {
        String[] lines = Files.readString(SAMPLE).split("\n");
        Files.writeString(dir.resolve("b.ndjson"), lines[1] + "\n");
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/x.ndjson"), lines[0] + "\n");
        Result r = run("cat", dir.toString());
        assertEquals(lines[0] + "\n" + lines[1] + "\n", r.out());
    }

    @Test
    void badInputFailsWithOneLineNamingFileAndLineWithoutValues(@TempDir Path dir) throws IOException {
        String[] lines = Files.readString(SAMPLE).split("\n");
        Path bad = dir.resolve("bad.ndjson");
        Files.writeString(bad, lines[0] + "\n{\"op\":\"insert\",\"source\":{\"format\":\"x\",\"table\":\"SECRET-MARKER-42\"\n"
                + lines[1] + "\n");
        Result r = run("cat", bad.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("bad.ndjson line 2"), r.err());
        assertFalse(r.err().contains("SECRET-MARKER-42"), r.err());
        assertEquals(lines[0] + "\n", r.out());
    }

    @Test
    void skipReportsTheBadRecordAndGoesOn(@TempDir Path dir) throws IOException {
        String[] lines = Files.readString(SAMPLE).split("\n");
        Path bad = dir.resolve("bad.ndjson");
        Files.writeString(bad, lines[0] + "\n{\"op\":\"nope\",\"source\":{\"format\":\"x\",\"table\":\"SECRET-MARKER-42\"}}\n"
                + lines[1] + "\n");
        Result r = run("cat", "--on-error", "skip", bad.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(lines[0] + "\n" + lines[1] + "\n", r.out());
        assertTrue(r.err().contains("bad.ndjson line 2"), r.err());
        assertFalse(r.err().contains("SECRET-MARKER-42"), r.err());
    }

    @Test
    void statsCountsPerTableAndOperation() {
        Result r = run("stats", SAMPLE.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("public\\.orders\\s+0\\s+1\\s+0\\s+1\\s+0\\s+2")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("ExampleTable\\s+1\\s+0\\s+1\\s+0\\s+0\\s+2")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("total\\s+1\\s+1\\s+1\\s+1\\s+1\\s+5")), r.out());
        assertTrue(r.out().contains("5 events from 1 file(s)"), r.out());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run().status());
        assertEquals(2, run("frobnicate", "x").status());
        assertEquals(2, run("cat").status());
        assertEquals(2, run("cat", "--on-error", "maybe", SAMPLE.toString()).status());
        assertEquals(2, run("cat", "--format", "no-such-format", SAMPLE.toString()).status());
        assertEquals(2, run("cat", "no/such/file.json").status());
        assertEquals(2, run("cat", "--bogus", SAMPLE.toString()).status());
    }

    @Test
    void helpGoesToStandardOutputWithEveryCommandOptionAndFormat() {
        Result r = run("--help");
        assertEquals(0, r.status());
        assertEquals("", r.err());
        for (String expected : List.of("cdc cat", "cdc stats", "--format NAME", "--table-def FILE", "dms-csv",
                "--on-error fail", "--on-error skip", "--help", "--version", "exit status")) {
            assertTrue(r.out().contains(expected), expected + " in:\n" + r.out());
        }
        String formats = r.out().lines().filter(l -> l.startsWith("formats: ")).findFirst().orElseThrow();
        assertEquals("formats: " + String.join(", ", FormatRegistry.discover().names().stream().sorted().toList()), formats);
        assertTrue(formats.contains("debezium-json"), "the example's own adapter, found on the class path: " + formats);
        for (String[] args : List.of(new String[] {"-h"}, new String[] {"help"}, new String[] {"cat", "--help"},
                new String[] {"stats", "--format", "dms-csv", "-h", "x"})) {
            assertEquals(r, run(args), String.join(" ", args));
        }
    }

    @Test
    void helpListsTheFormatsOfTheRegistryItRunsWith() {
        Result r = run(FormatRegistry.builder().add(new UserAdapter()).addDiscovered().build(), "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("formats: cdc-json, dead-letter, debezium-json, ") && r.out().contains(", users-own-format\n"), r.out());
    }

    @Test
    void versionGoesToStandardOutput() {
        Result r = run("--version");
        assertEquals(0, r.status());
        assertEquals("", r.err());
        // the classes of a build are in no jar, so there is no manifest to read the version from
        assertEquals("cdc unknown\n", r.out());
        assertEquals(r, run("cat", "--version"));
    }

    @Test
    void aTableDefinitionFileInsideTheInputFolderIsNotReadAsData(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("cdc/public/orders/20240612-103125108.csv");
        Files.createDirectories(csv.getParent());
        Files.copy(DMS_S3.resolve("cdc/public/orders/20240612-103125108.csv"), csv);
        Path tables = dir.resolve("northwind-tables.json");
        Files.copy(DMS_S3.resolve("northwind-tables.json"), tables);
        Result one = run("cat", "--table-def", tables.toString(), csv.toString());
        assertEquals(0, one.status(), one.err());
        assertEquals(15, one.out().lines().count(), one.out());

        Result all = run("cat", "--table-def", tables.toString(), dir.toString());
        assertEquals(one, all);
        Result roundabout = run("cat", "--table-def", dir.resolve("cdc/../northwind-tables.json").toString(), dir.toString());
        assertEquals(one, roundabout, "the same file by another path");
        Result stats = run("stats", "--table-def", tables.toString(), dir.toString());
        assertEquals(0, stats.status(), stats.err());
        assertTrue(stats.out().contains("15 events from 1 file(s)"), stats.out());

        Path copy = dir.resolve("z-tables-copy.json");
        Files.copy(tables, copy);
        assertEquals(1, run("cat", "--table-def", tables.toString(), dir.toString()).status(),
                "another file with the same content is input like any other");
    }

    @Test
    void pathsWithoutAnyFileFailWithOneLine(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/nested"));
        for (String command : List.of("cat", "stats")) {
            Result r = run(command, empty.getParent().toString());
            assertEquals(1, r.status(), r.err());
            assertEquals("", r.out());
            assertEquals("cdc: no input files in " + empty.getParent() + "\n", r.err());
        }
        Path tables = dir.resolve("tables.json");
        Files.copy(DMS_S3.resolve("northwind-tables.json"), tables);
        Result onlyTheDefinitions = run("cat", "--table-def", tables.toString(), dir.toString());
        assertEquals(1, onlyTheDefinitions.status());
        assertEquals("cdc: no input files in " + dir + "\n", onlyTheDefinitions.err());
    }

    @Test
    void customAdapterPlugsInThroughTheSpi() {
        Result r = run("cat", "samples/debezium-postgres-inventory.json");
        assertEquals(0, r.status(), r.err());
        String[] out = r.out().split("\n");
        assertEquals(3, out.length);
        assertTrue(out[0].startsWith("{\"op\":\"insert\",\"source\":{\"format\":\"debezium-json\",\"schema\":\"inventory\",\"table\":\"customers\"}"), out[0]);
        assertTrue(out[0].contains("\"ts\":\"2023-11-14T22:13:20.123456Z\",\"position\":\"33841536\",\"tx\":\"771\""), out[0]);
        assertTrue(out[2].startsWith("{\"op\":\"delete\""), out[2]);
        assertTrue(out[2].contains("\"after\":null"), out[2]);
    }
}
