package io.cdcsdk.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Every JSON layout the frame reader accepts, plain or gzipped, reads back the same events.
 *
 * <p>The generated events may carry any meta, including {@code file}, {@code line} and
 * {@code record}. The reader stamps its own origin only on events without a {@code file} entry,
 * so the comparison leaves out those three entries on both sides, and checks separately that
 * events without {@code file} get the input's name and their record ordinal.
 */
class ReaderLayoutEquivalenceTest {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final List<String> ORIGIN = List.of(ChangeEvent.META_FILE, ChangeEvent.META_LINE,
            ChangeEvent.META_RECORD);

    enum Layout { NDJSON, CONCATENATED, PRETTY_TABS_CRLF, ARRAY, BLANK_LINES_AND_BOM, PRETTY_ARRAY_WITH_BOM }

    @Test
    void everyLayoutPlainOrGzippedReadsTheSameEvents() {
        Seeds.forAll("reader layout equivalence", 0x5EED_0101L, 500, random -> {
            List<ChangeEvent> events = Generators.events(random, 6);
            List<ChangeEvent> expected = events.stream().map(ChangeEventJson::normalize)
                    .map(ReaderLayoutEquivalenceTest::withoutOrigin).toList();
            for (Layout layout : Layout.values()) {
                byte[] plain = write(layout, events, random);
                for (boolean gzip : new boolean[] {false, true}) {
                    String name = sourceName(random, gzip);
                    List<ChangeEvent> read = read(gzip ? gzip(plain) : plain, name);
                    assertEquals(expected, read.stream().map(ReaderLayoutEquivalenceTest::withoutOrigin).toList(),
                            layout + (gzip ? " gzipped" : "") + " as " + name);
                    for (int i = 0; i < events.size(); i++) {
                        if (!events.get(i).meta().containsKey(ChangeEvent.META_FILE)) {
                            assertEquals(name, read.get(i).meta().get(ChangeEvent.META_FILE));
                            if (!events.get(i).meta().containsKey(ChangeEvent.META_RECORD)) {
                                assertEquals(BigDecimal.valueOf(i + 1), read.get(i).meta().get(ChangeEvent.META_RECORD));
                            }
                        }
                    }
                }
            }
        });
    }

    private static String sourceName(Random random, boolean gzip) {
        // Gzip is recognised by its magic bytes whatever the name says.
        String[] names = gzip ? new String[] {"events.json.gz", "events.json", "events", "x.csv"}
                : new String[] {"events.json", "events.ndjson", "events", "y.gz"};
        return "in/" + names[random.nextInt(names.length)];
    }

    private static List<ChangeEvent> read(byte[] input, String name) {
        try {
            ChangeReader reader = FormatRegistry.discover().open(new ByteArrayInputStream(input), name, null,
                    ReadOptions.defaults());
            return Golden.readAll(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChangeEvent withoutOrigin(ChangeEvent e) {
        Map<String, Object> meta = new LinkedHashMap<>(e.meta());
        ORIGIN.forEach(meta::remove);
        return new ChangeEvent(e.op(), e.source(), e.key(), e.before(), e.after(), e.ts(), e.position(), e.tx(), meta);
    }

    static byte[] write(Layout layout, List<ChangeEvent> events, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            switch (layout) {
                case NDJSON -> {
                    for (ChangeEvent e : events) {
                        ChangeEventJson.writeLine(e, out);
                    }
                }
                case CONCATENATED -> {
                    for (ChangeEvent e : events) {
                        out.write(ChangeEventJson.toJson(e).getBytes(StandardCharsets.UTF_8));
                    }
                }
                case PRETTY_TABS_CRLF -> {
                    for (ChangeEvent e : events) {
                        writePretty(e, out);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                case ARRAY -> {
                    out.write('[');
                    for (int i = 0; i < events.size(); i++) {
                        if (i > 0) {
                            out.write((random.nextBoolean() ? ",\n" : ",").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(ChangeEventJson.toJson(events.get(i)).getBytes(StandardCharsets.UTF_8));
                    }
                    out.write("]\n".getBytes(StandardCharsets.US_ASCII));
                }
                case BLANK_LINES_AND_BOM -> {
                    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                    for (ChangeEvent e : events) {
                        out.write(blank(random));
                        ChangeEventJson.writeLine(e, out);
                    }
                    out.write(blank(random));
                }
                case PRETTY_ARRAY_WITH_BOM -> {
                    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                    out.write("[\r\n".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < events.size(); i++) {
                        if (i > 0) {
                            out.write(",\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        writePretty(events.get(i), out);
                    }
                    out.write("\r\n]\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] blank(Random random) {
        String[] blanks = {"", "\n", "\r\n", "\n\n\n", " \t\n", "\r\n\r\n"};
        return blanks[random.nextInt(blanks.length)].getBytes(StandardCharsets.US_ASCII);
    }

    /** Jackson's pretty printer with tab indentation and CRLF line ends, for objects and arrays. */
    static void writePretty(ChangeEvent e, ByteArrayOutputStream out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("\t", "\r\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(indenter);
        printer.indentArraysWith(indenter);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(printer);
            ChangeEventJson.write(e, g);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
