package io.cdcsdk.examples.s3;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto's S3-compatible server on a random loopback port, started and stopped by the test that uses
 * it. It is found as {@code moto_server} on the PATH or as {@code python3 -m moto.server} (another
 * interpreter with {@code -Dcdc.python=...}); when neither runs, {@code python3 -m pip install
 * 'moto[server]'} is tried once, for two minutes at most ({@code -Dcdc.moto.install=false} to
 * never install). When moto still cannot be had, {@link #start} throws {@link Unavailable}, saying
 * what was tried, for the test to skip itself with; {@link #startOrFailInCi} does not skip on CI.
 * It answers for every service moto has (S3, SQS...) on that one port.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration INSTALL = Duration.ofMinutes(2);
    private static boolean installTried;

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** moto cannot be run here; the message says what was tried. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * A running server, or {@code null} when moto cannot be had here; on CI (the {@code CI}
     * variable set) that fails instead, saying what was tried, so that a CI run skips nothing.
     *
     * @param why receives why moto cannot be had, for the skip message
     */
    public static MotoServer startOrFailInCi(java.util.function.Consumer<String> why)
            throws IOException, InterruptedException {
        try {
            return start();
        } catch (Unavailable e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            why.accept(e.getMessage());
            return null;
        }
    }

    /** A running server. */
    static MotoServer start() throws Unavailable, IOException, InterruptedException {
        List<String> tried = new ArrayList<>();
        MotoServer server = startAny(tried);
        if (server == null && install(tried)) {
            server = startAny(tried);
        }
        if (server == null) {
            throw new Unavailable("moto's S3 server is not available (" + String.join("; ", tried)
                    + "); install it with: python3 -m pip install 'moto[server]'");
        }
        return server;
    }

    private static String python() {
        return System.getProperty("cdc.python", "python3");
    }

    /** The first of the ways to run moto that answers, or null; each failure is added to {@code tried}. */
    private static MotoServer startAny(List<String> tried) throws IOException, InterruptedException {
        List<List<String>> commands = new ArrayList<>();
        if (System.getProperty("cdc.python") == null && onPath("moto_server")) {
            commands.add(List.of("moto_server"));
        }
        commands.add(List.of(python(), "-m", "moto.server"));
        for (List<String> command : commands) {
            MotoServer server = start(command, tried);
            if (server != null) {
                return server;
            }
        }
        return null;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static MotoServer start(List<String> command, List<String> tried) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        Path log = Files.createTempFile("moto-", ".log");
        Process process;
        try {
            process = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            tried.add(String.join(" ", command) + ": " + e.getMessage());
            Files.delete(log);
            return null;
        }
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                tried.add(String.join(" ", command) + " exited with " + process.exitValue() + ": " + lastLine(log));
                server.close();
                return null;
            }
            if (server.answers()) {
                return server;
            }
            Thread.sleep(100);
        }
        tried.add(String.join(" ", command) + " did not answer within " + START.toSeconds() + " s");
        server.close();
        return null;
    }

    /** Installs moto with pip, once per test run; true when pip succeeded. */
    private static synchronized boolean install(List<String> tried) throws IOException, InterruptedException {
        if (installTried || !Boolean.parseBoolean(System.getProperty("cdc.moto.install", "true"))) {
            return false;
        }
        installTried = true;
        List<String> command = List.of(python(), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
                "--timeout", "10", "--retries", "1", "moto[server]");
        Path log = Files.createTempFile("moto-install-", ".log");
        try {
            Process pip = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!pip.waitFor(INSTALL.toSeconds(), TimeUnit.SECONDS)) {
                pip.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                tried.add("pip install did not end within " + INSTALL.toMinutes() + " min");
                return false;
            }
            if (pip.exitValue() != 0) {
                tried.add("pip install exited with " + pip.exitValue() + ": " + lastLine(log));
                return false;
            }
            return true;
        } catch (IOException e) {
            tried.add("pip install: " + e.getMessage());
            return false;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@return the server's address, for the SDK clients' endpoint override} */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the server and deletes its log. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
