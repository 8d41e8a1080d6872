package io.cdcsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.internal.CdcJsonAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatRegistryTest {

    /** An adapter that answers detection with a fixed value and reads one event naming itself. */
    static final class Fixed implements FormatAdapter {
        private final String name;
        private final Detection detection;

        Fixed(String name, Detection detection) {
            this.name = name;
            this.detection = detection;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Detection detect(Head head) {
            return detection;
        }

        @Override
        public ChangeReader open(InputStream in, ReadContext context) throws IOException {
            in.close();
            Iterator<ChangeEvent> it = List.of(ChangeEvent.builder(Operation.INSERT, SourceInfo.of(name, "t")).build())
                    .iterator();
            return new ChangeReader() {
                @Override
                public Position position() {
                    return Position.of(context.sourceName());
                }

                @Override
                public void close() {
                }

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public ChangeEvent next() {
                    return it.next();
                }
            };
        }
    }

    /** An adapter that cannot run here, for the reason it gives; it recognizes every input. */
    static final class Unavailable implements FormatAdapter {
        static final String REASON = "p needs org.example.Missing on the class path (add org.example:p)";

        @Override
        public String name() {
            return "p";
        }

        @Override
        public Detection detect(Head head) {
            return Detection.CERTAIN;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.of(REASON);
        }

        @Override
        public ChangeReader open(InputStream in, ReadContext context) {
            throw new AssertionError("an unavailable adapter is never opened");
        }
    }

    private static String formatRead(FormatRegistry registry, String format) throws IOException {
        ChangeReader reader = registry.open(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), "x",
                format, ReadOptions.defaults());
        return Golden.readAll(reader).get(0).source().format();
    }

    @Test
    void discoversTheJsonFormAdapter() {
        assertTrue(FormatRegistry.discover().names().contains(CdcJsonAdapter.NAME));
        assertSame(FormatRegistry.discover(), FormatRegistry.discover());
    }

    @Test
    void explicitAdapterBeatsADiscoveredOneOfTheSameName() {
        Fixed mine = new Fixed(CdcJsonAdapter.NAME, Detection.NO);
        FormatRegistry registry = FormatRegistry.builder().add(mine).addDiscovered().build();
        assertSame(mine, registry.named(CdcJsonAdapter.NAME));
        assertEquals(1, registry.names().stream().filter(CdcJsonAdapter.NAME::equals).count());
        FormatRegistry later = FormatRegistry.builder().addDiscovered().add(mine).build();
        assertTrue(later.named(CdcJsonAdapter.NAME) instanceof CdcJsonAdapter);
    }

    @Test
    void unknownNameListsTheKnownNames() {
        FormatRegistry registry = FormatRegistry.builder().add(new Fixed("a", Detection.NO))
                .add(new Fixed("b", Detection.NO)).build();
        UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> registry.named("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("a, b"), e.getMessage());
        assertThrows(UnknownFormatException.class, () -> FormatRegistry.discover().named("nope"));
    }

    @Test
    void anUnavailableAdapterIsLeftOutAndAskingForItSaysWhy() {
        FormatRegistry registry = FormatRegistry.builder().add(new Unavailable()).add(new Fixed("a", Detection.NO)).build();
        assertEquals(List.of("a"), registry.names());
        assertEquals(1, registry.adapters().size());
        assertTrue(new Unavailable().unavailableReason().isPresent());
        UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> registry.named("p"));
        assertEquals("format adapter 'p' is not available: " + Unavailable.REASON + "; known formats: a", e.getMessage());
    }

    @Test
    void anAvailableAdapterOfTheSameNameWinsOverAnUnavailableOne() {
        Fixed available = new Fixed("p", Detection.NO);
        assertSame(available, FormatRegistry.builder().add(new Unavailable()).add(available).build().named("p"));
        assertSame(available, FormatRegistry.builder().add(available).add(new Unavailable()).build().named("p"));
    }

    @Test
    void anInputOnlyAnUnavailableAdapterRecognizesSaysWhy() {
        FormatRegistry registry = FormatRegistry.builder().add(new Unavailable()).add(new Fixed("a", Detection.NO)).build();
        UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> formatRead(registry, null));
        assertEquals("the input x looks like p, which is not available: " + Unavailable.REASON + "; known formats: a",
                e.getMessage());
    }

    @Test
    void aLibraryFormatThatIsAbsentSaysWhichArtifactBringsIt() {
        FormatRegistry registry = FormatRegistry.builder().add(new Fixed("a", Detection.NO)).build();
        for (String[] formatAndArtifact : List.of(new String[] {"dms-parquet", "io.cdcsdk:cdc-dms-parquet"},
                new String[] {"dms-json", "io.cdcsdk:cdc-dms-format"}, new String[] {"dms-csv", "io.cdcsdk:cdc-dms-format"},
                new String[] {"dynamodb-stream", "io.cdcsdk:cdc-dynamodb-format"},
                new String[] {"dynamodb-export", "io.cdcsdk:cdc-dynamodb-format"})) {
            UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> registry.named(formatAndArtifact[0]));
            assertEquals("no format adapter named '" + formatAndArtifact[0] + "' (it comes with " + formatAndArtifact[1]
                    + ": add that dependency); known formats: a", e.getMessage());
        }
        assertEquals("no format adapter named 'nope'; known formats: a",
                assertThrows(UnknownFormatException.class, () -> registry.named("nope")).getMessage());
    }

    @Test
    void detectionPicksTheSurestAdapter() throws IOException {
        FormatRegistry registry = FormatRegistry.builder()
                .add(new Fixed("name", Detection.NAME))
                .add(new Fixed("certain", Detection.CERTAIN))
                .add(new Fixed("content", Detection.CONTENT))
                .build();
        assertEquals("certain", formatRead(registry, null));
        assertEquals("name", formatRead(registry, "name"));
    }

    @Test
    void detectionTiesGoToTheFirstRegistered() throws IOException {
        FormatRegistry registry = FormatRegistry.builder()
                .add(new Fixed("first", Detection.CONTENT))
                .add(new Fixed("second", Detection.CONTENT))
                .add(new Fixed("weaker", Detection.NAME))
                .build();
        assertEquals("first", formatRead(registry, null));
    }

    @Test
    void noDetectionIsAnUnknownFormatThatClosesTheInput() {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        FormatRegistry registry = FormatRegistry.builder().add(new Fixed("a", Detection.NO)).build();
        UnknownFormatException e = assertThrows(UnknownFormatException.class,
                () -> registry.open(in, "x.bin", null, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("a"), e.getMessage());
        assertTrue(closed[0]);
    }

    @Test
    void adapterThatThrowsInDetectionIsPassedOver() throws IOException {
        FormatRegistry registry = FormatRegistry.builder().add(new FormatAdapter() {
            @Override
            public String name() {
                return "throws";
            }

            @Override
            public Detection detect(Head head) {
                throw new IllegalStateException("boom");
            }

            @Override
            public ChangeReader open(InputStream in, ReadContext context) {
                throw new AssertionError("not chosen");
            }
        }).add(new Fixed("ok", Detection.NAME)).build();
        assertEquals("ok", formatRead(registry, null));
    }

    @Test
    void opensFilesPlainOrGzippedWhateverTheirName(@TempDir Path dir) throws IOException {
        String line = "{\"op\":\"delete\",\"source\":{\"format\":\"dms-json\",\"schema\":null,\"table\":\"t\"},"
                + "\"key\":null,\"before\":null,\"after\":null,\"ts\":null,\"position\":null,\"tx\":null,\"meta\":{}}\n";
        Path plain = dir.resolve("events.gz");
        Files.writeString(plain, line + line);
        Path gz = dir.resolve("events.json");
        Files.write(gz, gzip(line.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, Golden.readAll(ChangeReaders.open(plain)).size());
        List<ChangeEvent> events = Golden.readAll(ChangeReaders.open(gz));
        assertEquals(1, events.size());
        assertEquals(gz.toString(), events.get(0).meta().get(ChangeEvent.META_FILE));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
