package io.cdcsdk.flink;

import io.cdcsdk.core.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Events per second of the DataStream file job (CdcFileSource into a counting sink) at each given
 * parallelism, over one folder, in an in-process Flink; the time is the job's net run time (from
 * its start to its end, without starting the local cluster). Runs are interleaved (1, 2, 1, 2, ...)
 * after one warm-up run of each, and the median is reported. Run by {@code cdc-flink/scale.sh}:
 * {@code FileSourceScale <folder> <format> <rounds> <parallelism>...}.
 */
public final class FileSourceScale {
    private static final AtomicLong COUNT = new AtomicLong();

    private FileSourceScale() {
    }

    /**
     * Measures and prints one line per parallelism.
     *
     * @param args the folder, the adapter name, the number of measured rounds, the parallelisms
     * @throws Exception when a job fails
     */
    public static void main(String[] args) throws Exception {
        Path folder = new Path(java.nio.file.Path.of(args[0]).toAbsolutePath().toUri());
        String format = args[1];
        int rounds = Integer.parseInt(args[2]);
        int[] parallelisms = java.util.Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();
        List<List<Double>> seconds = new ArrayList<>();
        long events = 0;
        for (int p : parallelisms) {
            seconds.add(new ArrayList<>());
            run(folder, format, p); // warm-up
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < parallelisms.length; i++) {
                long[] result = run(folder, format, parallelisms[i]);
                events = result[0];
                seconds.get(i).add(result[1] / 1e3);
            }
        }
        double base = 0;
        for (int i = 0; i < parallelisms.length; i++) {
            List<Double> s = seconds.get(i);
            s.sort(null);
            double median = s.get(s.size() / 2);
            double rate = events / median;
            if (i == 0) {
                base = rate;
            }
            System.out.printf("parallelism %d: %d events, median %.2f s of %s, %.0f events/s, %.2fx%n",
                    parallelisms[i], events, median, s, rate, rate / base);
        }
    }

    /** {@return the events and the job's net run time in milliseconds (without starting the local cluster)} */
    private static long[] run(Path folder, String format, int parallelism) throws Exception {
        COUNT.set(0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        env.fromSource(CdcFileSource.builder(folder).format(format).build(), WatermarkStrategy.noWatermarks(), "dms")
                .sinkTo(new Counting());
        long millis = env.execute("scale p=" + parallelism).getNetRuntime();
        return new long[] {COUNT.get(), millis};
    }

    /** Counts what reaches it. */
    private static final class Counting implements Sink<ChangeEvent> {
        @Override
        public SinkWriter<ChangeEvent> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                private long n;

                @Override
                public void write(ChangeEvent element, Context context) {
                    n++;
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                    COUNT.addAndGet(n);
                }
            };
        }
    }
}
