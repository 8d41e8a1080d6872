package example;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;

import java.nio.file.Path;
import java.util.List;

/** Reads every file given with the detected format; exits 1 unless the events number the first argument. */
public final class Main {
    public static void main(String[] args) throws Exception {
        FormatRegistry formats = FormatRegistry.discover();
        if (!formats.names().containsAll(List.of("dms-json", "dms-csv", "dms-parquet"))) {
            fail("formats found: " + formats.names());
        }
        long events = 0;
        for (int i = 1; i < args.length; i++) {
            try (ChangeReader reader = formats.open(Path.of(args[i]), ReadOptions.defaults())) {
                while (reader.hasNext()) {
                    reader.next();
                    events++;
                }
            }
        }
        if (events != Long.parseLong(args[0])) {
            fail(events + " events, expected " + args[0]);
        }
        System.out.println("read " + events + " events from " + (args.length - 1) + " files");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
