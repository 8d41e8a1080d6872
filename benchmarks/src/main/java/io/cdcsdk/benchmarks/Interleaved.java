package io.cdcsdk.benchmarks;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A cross-check of the JMH ratios on a machine whose speed drifts: runs the {@code @Benchmark}
 * methods of one benchmark class in turns, a few invocations each, in one JVM, so that a slower
 * minute slows every method alike. Prints the mean wall-clock time per invocation of each method
 * and, for each other method, the throughput of the first {@code sdk} method divided by its own (the
 * ratio the JMH table gives).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.cdcsdk.benchmarks.Interleaved DmsParquetBenchmark 60
 * </pre>
 *
 * <p>The methods share one JIT and one heap here, unlike JMH's separate forks; that is the price of
 * interleaving, so the JMH table stays the reference and this is the second opinion.
 */
public final class Interleaved {
    private static final int INVOCATIONS_PER_TURN = 3;

    private Interleaved() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Interleaved <BenchmarkClass> [seconds, default 60]");
            System.exit(2);
        }
        Class<?> type = Class.forName(Interleaved.class.getPackageName() + "." + args[0]);
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
        Object state = type.getDeclaredConstructor().newInstance();
        for (Field f : type.getDeclaredFields()) {
            Param param = f.getAnnotation(Param.class);
            if (param != null) {
                f.setAccessible(true);
                f.set(state, f.getType() == int.class ? Integer.valueOf(param.value()[0]) : param.value()[0]);
            }
        }
        invokeAnnotated(type, state, Setup.class);
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                methods.add(m);
            }
        }
        // sdk methods first, then baselines, each group by name
        methods.sort(Comparator.comparing((Method m) -> !m.getName().startsWith("sdk")).thenComparing(Method::getName));
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        long[] nanos = new long[methods.size()];
        long[] counts = new long[methods.size()];
        long start = System.nanoTime();
        long warmUpEnd = start + seconds * 300_000_000L;
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < methods.size(); i++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < INVOCATIONS_PER_TURN; r++) {
                    methods.get(i).invoke(state, blackhole);
                }
                long t1 = System.nanoTime();
                if (t0 > warmUpEnd) {
                    nanos[i] += t1 - t0;
                    counts[i] += INVOCATIONS_PER_TURN;
                }
            }
        }
        invokeAnnotated(type, state, TearDown.class);
        double reference = nanos[0] / (double) counts[0];
        System.out.printf("%s, %d s (the first 30%% warm-up), invocations alternated %d at a time:%n",
                type.getSimpleName(), seconds, INVOCATIONS_PER_TURN);
        for (int i = 0; i < methods.size(); i++) {
            double mean = nanos[i] / (double) counts[i];
            String ratio = i == 0 ? "" : String.format("ratio %.2f", mean / reference);
            System.out.printf("  %-40s %8.2f ms/op %8.1f ops/s  %s (n=%d)%n", methods.get(i).getName(),
                    mean / 1e6, 1e9 / mean, ratio, counts[i]);
        }
    }

    private static void invokeAnnotated(Class<?> type, Object state, Class<? extends java.lang.annotation.Annotation> a)
            throws Exception {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(a)) {
                m.setAccessible(true);
                m.invoke(state);
            }
        }
    }
}
