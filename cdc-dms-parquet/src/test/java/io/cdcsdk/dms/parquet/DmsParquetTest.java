package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DmsParquetTest {
    private static final String SAMPLE = "s3-parquet_real_segmentio-parquet-go_dms_test_table_LOAD00000001.parquet";
    private static final String SOURCE = "public/dms_test_table/LOAD00000001.parquet";
    private final DmsParquetAdapter adapter = new DmsParquetAdapter();

    @Test
    void realDmsParquetFileMatchesGolden() throws Exception {
        Path file = Golden.resource("samples/" + SAMPLE);
        List<ChangeEvent> events = Golden.readAll(adapter.open(file,
                new ReadContext(SOURCE, file, ReadOptions.defaults())));
        Golden.assertMatches(Golden.resource("golden/" + SAMPLE.replace(".parquet", ".expected.ndjson")), events);
        assertEquals(new BigDecimal("47632969758.5400"), events.get(0).after().get("my_money"));
    }

    @Test
    void streamIsSpooledToATemporaryFileThatIsDeleted() throws Exception {
        Path file = Golden.resource("samples/" + SAMPLE);
        Set<Path> before = tempParquetFiles();
        List<ChangeEvent> events = Golden.readAll(adapter.open(Files.newInputStream(file),
                ReadContext.of(SOURCE, ReadOptions.defaults())));
        assertEquals(10, events.size());
        assertEquals(before, tempParquetFiles());
    }

    @Test
    void detectionAndRegistry() throws Exception {
        assertEquals(Detection.CERTAIN, adapter.detect(new Head("x",
                Files.readAllBytes(Golden.resource("samples/" + SAMPLE)), false)));
        assertEquals(Detection.NO, adapter.detect(new Head("x.parquet", "I,1".getBytes(StandardCharsets.UTF_8), false)));
        assertTrue(adapter.unavailableReason().isEmpty());
        FormatRegistry r = FormatRegistry.builder().addDiscovered().build();
        assertTrue(r.names().containsAll(List.of("dms-json", "dms-csv", "dms-parquet")), r.names().toString());
        Path file = Golden.resource("samples/" + SAMPLE);
        assertEquals(10, Golden.readAll(r.open(file, null, ReadOptions.defaults())).size());
    }

    private static Set<Path> tempParquetFiles() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return Set.copyOf(s.filter(p -> p.getFileName().toString().startsWith("cdc-dms-")).toList());
        }
    }
}
