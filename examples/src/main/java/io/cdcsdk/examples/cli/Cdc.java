package io.cdcsdk.examples.cli;

import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code cdc} command-line tool:
 *
 * <pre>
 * java -jar cdc.jar cat   [--format NAME] [--table-def FILE] [--on-error fail|skip] PATH...
 * java -jar cdc.jar stats [--format NAME] [--table-def FILE] PATH...
 * </pre>
 *
 * Exit status: 0 on success, 1 on bad input (one line on standard error naming file and
 * position), 2 on a usage error.
 */
public final class Cdc {
    static final int OK = 0;
    static final int BAD_INPUT = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join("\n",
            "usage: cdc cat   [--format NAME] [--table-def FILE] [--on-error fail|skip] PATH...",
            "       cdc stats [--format NAME] [--table-def FILE] PATH...",
            "  cat    prints every event as NDJSON in the ChangeEvent JSON form",
            "  stats  prints event counts per schema.table and operation",
            "  PATH   files or directories (walked in name order); gzip is recognized by content");

    private final PrintStream err;
    private final OutputStream out;
    private final FormatRegistry registry;

    Cdc(OutputStream out, PrintStream err, FormatRegistry registry) {
        this.out = out;
        this.err = err;
        this.registry = registry;
    }

    public static void main(String[] args) {
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        int status = new Cdc(out, System.err, FormatRegistry.discover()).run(args);
        try {
            out.flush();
        } catch (IOException e) {
            status = Math.max(status, BAD_INPUT);
        }
        System.exit(status);
    }

    /** Runs one command and returns the exit status. */
    int run(String[] args) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("cdc: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (a.help()) {
            err.println(USAGE_TEXT);
            return OK;
        }
        ReadOptions options;
        List<Path> files;
        try {
            options = TableDefinitionOption.apply(a.tableDef(), ReadOptions.defaults());
            if (a.format() != null) {
                registry.named(a.format());
            }
            files = expand(a.paths());
        } catch (NoSuchFileException e) {
            err.println("cdc: no such file: " + e.getFile());
            return USAGE;
        } catch (IOException e) {
            err.println("cdc: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return USAGE;
        } catch (CdcException | IllegalArgumentException e) {
            err.println("cdc: " + e.getMessage());
            return USAGE;
        }
        int[] skipped = {0};
        if (a.skip()) {
            options = options.skipOnError(e -> {
                skipped[0]++;
                err.println("cdc: skipped " + e.getMessage());
            });
        }
        Stats stats = a.command().equals("stats") ? new Stats() : null;
        long start = System.nanoTime();
        for (Path file : files) {
            String failure = readFile(file, a.format(), options, stats);
            if (failure != null) {
                flushQuietly();
                if (!a.skip()) {
                    err.println("cdc: " + failure);
                    return BAD_INPUT;
                }
                skipped[0]++;
                err.println("cdc: skipped " + failure);
            }
        }
        if (stats != null) {
            long bytes = 0;
            for (Path f : files) {
                try {
                    bytes += Files.size(f);
                } catch (IOException ignored) {
                    // size only feeds the throughput line
                }
            }
            PrintStream ps = new PrintStream(out, false, StandardCharsets.UTF_8);
            stats.print(ps, System.nanoTime() - start, bytes, files.size(), skipped[0]);
            ps.flush();
        }
        flushQuietly();
        return OK;
    }

    /** Reads one file; returns null, or the one-line description of why it could not be read. */
    private String readFile(Path file, String format, ReadOptions options, Stats stats) {
        try (ChangeReader reader = registry.open(file, format, options)) {
            while (reader.hasNext()) {
                ChangeEvent event = reader.next();
                if (stats != null) {
                    stats.add(event);
                } else {
                    ChangeEventJson.writeLine(event, out);
                }
            }
            return null;
        } catch (CdcException e) {
            String message = e.getMessage();
            return message.startsWith(file.toString()) ? message : file + ": " + message;
        } catch (IOException | UncheckedIOException e) {
            return file + ": cannot read input (" + e.getClass().getSimpleName() + ")";
        } catch (RuntimeException e) {
            // an adapter bug: name it without its message, which could quote input
            return file + ": unexpected " + e.getClass().getName() + " while reading";
        }
    }

    private void flushQuietly() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // the status already says what went wrong
        }
    }

    /** Files and the files of directories (recursively, in name order), in argument order. */
    static List<Path> expand(List<String> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new NoSuchFileException(p);
            }
        }
        return files;
    }
}
