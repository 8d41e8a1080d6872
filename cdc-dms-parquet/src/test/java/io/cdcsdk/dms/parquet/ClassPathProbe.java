package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.UnknownFormatException;
import io.cdcsdk.core.spi.ReadContext;

import java.nio.file.Path;

/**
 * Run by {@link DmsParquetClassPathTest} in a class loader that lacks some jar: what the adapter and
 * the registry say there, and whether reading works there. Uses nothing but the library.
 */
final class ClassPathProbe {
    private ClassPathProbe() {
    }

    /**
     * {@code [reason the adapter gives or "", "read N" or "failed <throwable class>" per file,
     * what the registry says when asked for dms-parquet]}.
     */
    static String[] probe(String... files) {
        DmsParquetAdapter adapter = new DmsParquetAdapter();
        String[] out = new String[files.length + 2];
        out[0] = adapter.unavailableReason().orElse("");
        for (int i = 0; i < files.length; i++) {
            Path file = Path.of(files[i]);
            int n = 0;
            try (ChangeReader reader = adapter.open(file, new ReadContext("dms/public/t/LOAD00000001.parquet", file,
                    ReadOptions.defaults()))) {
                while (reader.hasNext()) {
                    reader.next();
                    n++;
                }
                out[i + 1] = "read " + n;
            } catch (Throwable e) { // NoClassDefFoundError above all
                out[i + 1] = "failed " + e.getClass().getName();
            }
        }
        try {
            FormatRegistry.builder().addDiscovered().build().named(DmsParquetAdapter.NAME);
            out[files.length + 1] = "found";
        } catch (UnknownFormatException e) {
            out[files.length + 1] = e.getMessage();
        }
        return out;
    }

    /** The number of events the registry reads from {@code file} with the detected format. */
    static int count(String file) throws Exception {
        try (ChangeReader reader = FormatRegistry.builder().addDiscovered().build()
                .open(Path.of(file), ReadOptions.defaults())) {
            int n = 0;
            while (reader.hasNext()) {
                reader.next();
                n++;
            }
            return n;
        }
    }
}
