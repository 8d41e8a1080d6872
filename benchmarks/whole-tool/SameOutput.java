import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks that two builds of the cdc tool print the same bytes: runs {@code cat} and
 * {@code cat --on-error skip} of both jars on every file under the given paths (each file alone) and
 * on each path as a whole, and compares standard output, standard error and the exit status. Both
 * jars run in this JVM, each in its own class loader, so a few thousand runs take seconds.
 *
 * <pre>
 * java benchmarks/whole-tool/SameOutput.java BEFORE.jar AFTER.jar PATH...
 * </pre>
 *
 * Prints one line per difference and a summary; exits 1 when any output differs.
 */
public final class SameOutput {
    private SameOutput() {
    }

    public static void main(String[] args) throws Exception {
        Tool before = new Tool(Path.of(args[0]));
        Tool after = new Tool(Path.of(args[1]));
        List<Path> files = new ArrayList<>();
        List<List<String>> runs = new ArrayList<>();
        for (String p : Arrays.copyOfRange(args, 2, args.length)) {
            runs.add(List.of("cat", p));
            runs.add(List.of("cat", "--on-error", "skip", p));
            try (Stream<Path> walk = Files.walk(Path.of(p))) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            runs.add(List.of("cat", f.toString()));
            runs.add(List.of("cat", "--on-error", "skip", f.toString()));
        }
        int differ = 0;
        long bytes = 0;
        for (List<String> run : runs) {
            String[] a = run.toArray(String[]::new);
            Result x = before.run(a);
            Result y = after.run(a);
            bytes += x.out.length;
            if (!x.equals(y)) {
                differ++;
                System.out.println("DIFFERENT: " + String.join(" ", run));
            }
        }
        System.out.printf("%d runs of each jar (%d files, %d bytes of standard output): %d with different output%n",
                runs.size(), files.size(), bytes, differ);
        System.exit(differ == 0 ? 0 : 1);
    }

    record Result(int status, byte[] out, byte[] err) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && status == r.status && Arrays.equals(out, r.out) && Arrays.equals(err, r.err);
        }

        @Override
        public int hashCode() {
            return status;
        }
    }

    /** One jar of the tool, in its own class loader; {@code Cdc.run} as {@code main} calls it. */
    static final class Tool {
        private final ClassLoader loader;
        private final Constructor<?> cdc;
        private final Method run;
        private final Method discover;

        Tool(Path jar) throws Exception {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> type = Class.forName("io.cdcsdk.examples.cli.Cdc", true, loader);
            Class<?> registry = Class.forName("io.cdcsdk.core.FormatRegistry", true, loader);
            cdc = type.getDeclaredConstructor(OutputStream.class, PrintStream.class, registry);
            cdc.setAccessible(true);
            run = type.getDeclaredMethod("run", String[].class);
            run.setAccessible(true);
            discover = registry.getMethod("discover");
        }

        Result run(String[] args) throws Exception {
            Thread.currentThread().setContextClassLoader(loader);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Object tool = cdc.newInstance(out, new PrintStream(err, true, StandardCharsets.UTF_8), discover.invoke(null));
            int status = (int) run.invoke(tool, (Object) args);
            return new Result(status, out.toByteArray(), err.toByteArray());
        }
    }
}
