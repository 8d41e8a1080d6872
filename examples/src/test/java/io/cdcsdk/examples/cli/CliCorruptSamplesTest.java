package io.cdcsdk.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample, cut short or with bytes changed, read by {@code cat} (format detected and named):
 * the status is 0 or 1 and never anything else, bad input gives exactly one line on standard error
 * under fail, naming the file; under skip the status is 0 and every line on standard error names
 * the file. The tool never ends with an exception.
 */
class CliCorruptSamplesTest {
    private static final List<String> SAMPLES = List.of("orders.cdc.ndjson", "dms-kafka-insert.json",
            "dynamodb-lambda-event.json", "debezium-postgres-inventory.json", "dms-kinesis-load-array-wrapped.json",
            "dms_test_table_LOAD00000001.parquet");

    @Test
    void corruptSamplesFailWithOneLineOrAreSkipped(@TempDir Path dir) throws IOException {
        Random random = new Random(0x5EED_0C11L);
        List<String> problems = new ArrayList<>();
        int runs = 0;
        int unrecognized = 0;
        for (String sample : SAMPLES) {
            byte[] original = Files.readAllBytes(Path.of("samples", sample));
            for (int i = 0; i < 12; i++) {
                byte[] bad;
                if (i % 2 == 0) {
                    bad = Arrays.copyOf(original, random.nextInt(original.length));
                } else {
                    bad = original.clone();
                    for (int k = 0; k < 1 + random.nextInt(4); k++) {
                        bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                }
                Path file = dir.resolve(i + "-" + sample);
                Files.write(file, bad);
                for (boolean skip : new boolean[] {false, true}) {
                    runs++;
                    String[] args = skip ? new String[] {"cat", "--on-error", "skip", file.toString()}
                            : new String[] {"cat", file.toString()};
                    CliContractTest.Result r;
                    try {
                        r = CliContractTest.run(args);
                    } catch (RuntimeException | Error e) {
                        problems.add(String.join(" ", args) + " threw " + e);
                        continue;
                    }
                    if (r.status() != 0 && r.status() != 1) {
                        problems.add(String.join(" ", args) + " exit " + r.status() + ": " + r.err());
                    } else if (r.status() == 1 && r.errLines().size() != 1) {
                        problems.add(String.join(" ", args) + " exit 1 with " + r.errLines().size() + " lines: " + r.err());
                    } else if (r.status() == 1 && !r.err().contains(file.toString())) {
                        problems.add(String.join(" ", args) + " does not name the file: " + r.err());
                    } else if (skip && r.status() == 1 && r.err().contains("cannot tell the format")) {
                        // Known: under skip, an input no adapter recognizes still ends the run
                        // (CliContractTest.skipGoesOnAfterAnUnrecognizedFile, disabled until Cdc is fixed).
                        unrecognized++;
                    } else if (skip && r.status() != 0) {
                        problems.add(String.join(" ", args) + " exit " + r.status() + " under skip: " + r.err());
                    } else if (r.errLines().stream().anyMatch(l -> !l.contains(file.toString()))) {
                        problems.add(String.join(" ", args) + " a line does not name the file: " + r.err());
                    }
                }
            }
        }
        assertEquals(SAMPLES.size() * 24, runs);
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        assertTrue(unrecognized < runs / 4, "unrecognized under skip: " + unrecognized);
    }
}
