package io.cdcsdk.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader threads of the tool: files read at once by several readers, through channels that
 * fill up (thousands of events a file), still reach the consumer in file order, and a failure, a
 * skipped record or a failing consumer arrives where a plain loop over the files would meet it.
 */
class FileReadersTest {
    private static final int LINES = 3000;
    private static final FormatRegistry REGISTRY = FormatRegistry.discover();

    private static String line(int file, int n) {
        return "{\"op\":\"insert\",\"source\":{\"format\":\"cdc-json\",\"schema\":\"s\",\"table\":\"t" + file
                + "\"},\"key\":{\"id\":" + n + "},\"before\":null,\"after\":{\"id\":" + n
                + ",\"note\":\"" + "x".repeat(n % 700) + "\"},\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}";
    }

    /** Files 0..count-1 of LINES lines each; lines {@code bad} of file {@code badFile} are not JSON. */
    private static List<Path> files(Path dir, int count, int badFile, int... bad) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            files.add(write(dir.resolve("f" + f + ".ndjson"), f, f == badFile ? bad : new int[0]));
        }
        return files;
    }

    private static Path write(Path file, int f, int... bad) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= LINES; n++) {
            boolean broken = false;
            for (int b : bad) {
                broken |= n == b;
            }
            text.append(broken ? "{\"op\":" : line(f, n)).append('\n');
        }
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static FileReaders start(List<Path> files, ReadOptions options) {
        return FileReaders.start(files, 4, (file, o) -> REGISTRY.open(file, "cdc-json", o), options);
    }

    @Test
    void everyEventOfEveryFileArrivesInFileOrder(@TempDir Path dir) throws IOException {
        List<Path> files = files(dir, 6, -1);
        List<String> got = new ArrayList<>();
        try (FileReaders readers = start(files, ReadOptions.defaults())) {
            for (int f = 0; f < files.size(); f++) {
                assertNull(readers.drain(e -> got.add(ChangeEventJson.toJson(e))));
            }
        }
        assertEquals(6 * LINES, got.size());
        for (int f = 0; f < 6; f++) {
            for (int n = 1; n <= LINES; n++) {
                String event = got.get(f * LINES + n - 1);
                assertTrue(event.contains("\"table\":\"t" + f + "\"},\"key\":{\"id\":" + n + "}"), event);
            }
        }
    }

    @Test
    void aFailingRecordEndsItsFileAfterTheEventsBeforeIt(@TempDir Path dir) throws IOException {
        List<Path> files = files(dir, 5, 2, 1700);
        CdcTest.Result r = CdcTest.run("cat", "--format", "cdc-json", dir.toString());
        assertEquals(1, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2 * LINES + 1699, lines.size());
        assertTrue(lines.get(lines.size() - 1).contains("\"t2\"},\"key\":{\"id\":1699}"));
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cdc: " + files.get(2) + " line 1700"), r.err());
    }

    @Test
    void skippedRecordsReachTheListenerOnTheDrainingThreadInOrder(@TempDir Path dir) throws IOException {
        List<Path> all = List.of(write(dir.resolve("a"), 0), write(dir.resolve("b"), 1, 10, 2999),
                write(dir.resolve("c"), 2), write(dir.resolve("d"), 3, 5));
        List<String> plain = new ArrayList<>();
        ReadOptions plainOptions = ReadOptions.defaults().skipOnError(e -> plain.add(skipped(e)));
        for (Path file : all) {
            int events = 0;
            try (ChangeReader reader = REGISTRY.open(file, "cdc-json", plainOptions)) {
                while (reader.hasNext()) {
                    reader.next();
                    events++;
                }
            }
            plain.add("end " + file + " " + events);
        }

        Thread drainer = Thread.currentThread();
        List<String> order = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().skipOnError(e -> {
            assertEquals(drainer, Thread.currentThread());
            order.add(skipped(e));
        });
        try (FileReaders readers = start(all, options)) {
            for (Path file : all) {
                int[] events = {0};
                assertNull(readers.drain(e -> events[0]++));
                order.add("end " + file + " " + events[0]);
            }
        }
        assertEquals(plain, order);
        assertEquals(3, order.stream().filter(o -> o.startsWith("skip")).count(), order.toString());
    }

    private static String skipped(ChangeReadException e) {
        return "skip " + e.position().sourceName() + ":" + e.position().line();
    }

    @Test
    void aFailingConsumerStopsItsFileAndTheNextFileIsStillWhole(@TempDir Path dir) throws IOException {
        List<Path> files = files(dir, 3, -1);
        try (FileReaders readers = start(files, ReadOptions.defaults())) {
            int[] seen = {0};
            String failure = readers.drain(e -> {
                if (++seen[0] == 10) {
                    throw new IOException("disk full");
                }
            });
            assertEquals(files.get(0) + ": cannot read input (IOException)", failure);
            int[] next = {0};
            assertNull(readers.drain(e -> next[0]++));
            assertEquals(LINES, next[0]);
        }
    }
}
