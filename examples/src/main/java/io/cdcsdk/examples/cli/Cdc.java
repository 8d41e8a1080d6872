package io.cdcsdk.examples.cli;

import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.json.DeadLetterWriter;
import java.io.BufferedOutputStream;
import java.io.Flushable;
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
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@code cdc} command-line tool:
 *
 * <pre>
 * java -jar cdc.jar cat   [--format NAME] [--table-def FILE] [--on-error fail|skip] [--dead-letter FILE] PATH...
 * java -jar cdc.jar stats [--format NAME] [--table-def FILE] PATH...
 * java -jar cdc.jar --help | --version
 * </pre>
 *
 * Exit status: 0 on success, 1 on bad input or when the paths hold no file (one line on standard
 * error naming file and position), 2 on a usage error (one line on standard error). Help and
 * version go to standard output.
 */
public final class Cdc {
    static final int OK = 0;
    static final int BAD_INPUT = 1;
    static final int USAGE = 2;

    private final PrintStream err;
    private final OutputStream out;
    private final FormatRegistry registry;

    Cdc(OutputStream out, PrintStream err, FormatRegistry registry) {
        this.out = out;
        this.err = err;
        this.registry = registry;
    }

    /** Runs the tool with the adapters on the class path and exits with its status. */
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
            return usageError(e.getMessage());
        }
        switch (a.command()) {
            case Arguments.HELP -> {
                return print(help());
            }
            case Arguments.VERSION -> {
                return print("cdc " + version());
            }
            default -> {
                return read(a);
            }
        }
    }

    private int read(Arguments a) {
        ReadOptions options;
        List<Path> files;
        DeadLetterWriter letters = null;
        try {
            options = TableDefinitionOption.apply(a.tableDef(), ReadOptions.defaults());
            if (a.format() != null) {
                registry.named(a.format());
            }
            files = expand(a.paths(), a.tableDef() == null ? null : Path.of(a.tableDef()));
            if (a.deadLetter() != null) {
                letters = DeadLetterWriter.appendingTo(Path.of(a.deadLetter()));
            }
        } catch (NoSuchFileException e) {
            return usageError("no such file: " + e.getFile());
        } catch (IOException e) {
            return usageError(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (CdcException | IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        try (DeadLetterWriter closed = letters) {
            return read(a, options, files, closed);
        } catch (IOException e) {
            err.println("cdc: cannot write dead letters to " + a.deadLetter() + " (" + e.getClass().getSimpleName() + ")");
            return BAD_INPUT;
        }
    }

    private int read(Arguments a, ReadOptions options, List<Path> files, DeadLetterWriter letters) {
        if (files.isEmpty()) {
            err.println("cdc: no input files in " + String.join(", ", a.paths()));
            return BAD_INPUT;
        }
        int[] skipped = {0};
        UncheckedIOException[] lettersFailed = {null};
        if (a.skip()) {
            Consumer<ChangeReadException> toLetter = letters == null ? e -> { } : letters.decodeFailures();
            options = options.skipOnError(e -> {
                skipped[0]++;
                err.println("cdc: skipped " + e.getMessage());
                try {
                    toLetter.accept(e);
                } catch (UncheckedIOException io) {
                    lettersFailed[0] = io;
                    throw io;
                }
            });
        }
        Stats stats = a.command().equals(Arguments.STATS) ? new Stats() : null;
        long start = System.nanoTime();
        // one generator for the whole output; it buffers, so it is what gets flushed
        ChangeEventJson.LineWriter lines = stats != null ? null : lineWriter();
        Flushable output = lines != null ? lines : out;
        FileReaders.Sink sink = stats != null ? stats::add : lines::write;
        String format = a.format();
        try (FileReaders readers = FileReaders.start(files, Runtime.getRuntime().availableProcessors(),
                (file, fileOptions) -> registry.open(file, format, fileOptions), options)) {
            for (int i = 0; i < files.size(); i++) {
                String failure = readers.drain(sink);
                if (failure != null) {
                    flushQuietly(output);
                    if (lettersFailed[0] != null) {
                        err.println("cdc: cannot write dead letters to " + a.deadLetter() + " ("
                                + lettersFailed[0].getCause().getClass().getSimpleName() + ")");
                        return BAD_INPUT;
                    }
                    if (!a.skip()) {
                        err.println("cdc: " + failure);
                        return BAD_INPUT;
                    }
                    skipped[0]++;
                    err.println("cdc: skipped " + failure);
                }
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
        flushQuietly(output);
        return OK;
    }

    /** One line on standard error, with the way to the help. */
    private int usageError(String message) {
        err.println("cdc: " + message + "; see cdc --help");
        return USAGE;
    }

    private int print(String text) {
        try {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return OK;
        } catch (IOException e) {
            return BAD_INPUT;
        }
    }

    /** The help: commands, options, and the formats of the adapters this registry holds. */
    String help() {
        return String.join("\n",
                "usage: cdc cat   [--format NAME] [--table-def FILE] [--on-error fail|skip] [--dead-letter FILE] PATH...",
                "       cdc stats [--format NAME] [--table-def FILE] PATH...",
                "       cdc --help | --version",
                "",
                "commands:",
                "  cat               print each event as one line of ChangeEvent JSON (NDJSON), in input order",
                "  stats             print event counts per schema.table and operation, totals and throughput",
                "",
                "options:",
                "  --format NAME     read every input as format NAME instead of detecting each one's format",
                "  --table-def FILE  DMS table definitions (JSON): the columns of dms-csv files without a header",
                "  --on-error fail   cat: stop at the first bad record with one line naming it (the default)",
                "  --on-error skip   cat: report each bad record on standard error and read on",
                "  --dead-letter FILE",
                "                    cat, with skip: also append each bad record to FILE as a dead letter",
                "                    (its bytes and origin); cat FILE reads them back",
                "  -h, --help        print this help",
                "  --version         print the version",
                "",
                "PATH: files or directories (walked in name order); gzip is recognized by its content.",
                "formats: " + String.join(", ", registry.names().stream().sorted().toList()),
                "exit status: 0 done, 1 bad input or no input file, 2 usage error");
    }

    /** The Implementation-Version of the jar this class came from, or "unknown" outside a jar. */
    static String version() {
        String version = Cdc.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    private ChangeEventJson.LineWriter lineWriter() {
        try {
            return ChangeEventJson.lineWriter(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flushQuietly(Flushable output) {
        try {
            output.flush();
        } catch (IOException ignored) {
            // the status already says what went wrong
        }
    }

    /**
     * Files and the files of directories (recursively, in name order), in argument order. A file
     * found in a directory that is {@code tableDef} (the same canonical path) is left out: table
     * definitions often sit beside the data they describe.
     */
    static List<Path> expand(List<String> paths, Path tableDef) throws IOException {
        Path skip = tableDef == null ? null : tableDef.toRealPath();
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(path)) {
                    found = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : found) {
                    if (skip == null || !file.toRealPath().equals(skip)) {
                        files.add(file);
                    }
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
