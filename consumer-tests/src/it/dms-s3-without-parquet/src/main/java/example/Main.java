package example;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.UnknownFormatException;

import java.nio.file.Path;

/**
 * Reads every file given with the detected format and exits 1 unless the events number the first
 * argument, no Parquet jar is on the class path, and asking for dms-parquet says what to add.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        FormatRegistry formats = FormatRegistry.discover();
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
        try {
            Class.forName("org.apache.parquet.hadoop.ParquetFileReader");
            fail("a Parquet jar is on the class path");
        } catch (ClassNotFoundException expected) {
            // cdc-dms-format brings no Parquet jar
        }
        try {
            formats.named("dms-parquet");
            fail("dms-parquet is there");
        } catch (UnknownFormatException e) {
            if (!e.getMessage().contains("io.cdcsdk:cdc-dms-parquet")) {
                fail("unhelpful message: " + e.getMessage());
            }
            System.out.println(e.getMessage());
        }
        System.out.println("read " + events + " events from " + (args.length - 1) + " files");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
