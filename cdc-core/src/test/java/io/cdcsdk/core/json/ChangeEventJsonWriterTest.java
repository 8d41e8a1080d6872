package io.cdcsdk.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.internal.IsoInstantFormat;
import io.cdcsdk.core.internal.RowLayout;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The writer of the JSON form against an independent one: Jackson databind writing the event as
 * plain maps and lists (timestamps by {@link Instant#toString()}, binary by
 * {@link Bytes#toBase64()}, {@code images} and {@code unavailable} only when known) through its
 * UTF-8 generator. Rows made by a builder and rows of shared
 * layouts, whose names the writer encodes once, give the same bytes.
 */
class ChangeEventJsonWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesWhatAGeneratorWritesOfTheEventAsPlainValues() {
        Seeds.forAll("json-form writer", 0x5EED_0101L, 300, random -> {
            List<ChangeEvent> events = new ArrayList<>();
            for (ChangeEvent e : Generators.events(random, 12)) {
                events.add(e);
                events.add(laidOut(e));
            }
            StringBuilder expected = new StringBuilder();
            for (ChangeEvent e : events) {
                expected.append(reference(e)).append('\n');
            }
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
            try (ChangeEventJson.LineWriter w = ChangeEventJson.lineWriter(lines)) {
                for (ChangeEvent e : events) {
                    w.write(e);
                    ChangeEventJson.writeLine(e, oneByOne);
                    assertEquals(reference(e), ChangeEventJson.toJson(e));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertEquals(expected.toString(), lines.toString(StandardCharsets.UTF_8));
            assertEquals(expected.toString(), oneByOne.toString(StandardCharsets.UTF_8));
        });
    }

    @Test
    void lineWriterPassesNothingOnBeforeAFlush() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChangeEventJson.LineWriter w = ChangeEventJson.lineWriter(out);
        ChangeEvent e = Generators.event(new java.util.Random(7));
        w.write(e);
        assertEquals(0, out.size());
        w.flush();
        assertEquals(ChangeEventJson.toJson(e) + "\n", out.toString(StandardCharsets.UTF_8));
        w.close();
        out.write('x'); // the output is still open
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        Seeds.forAll("instant text", 0x5EED_0102L, 20_000, random -> {
            long seconds = switch (random.nextInt(4)) {
                case 0 -> Instant.MIN.getEpochSecond() + (long) (random.nextDouble() * (Instant.MAX.getEpochSecond() * 2.0));
                case 1 -> -62_167_219_200L + random.nextInt(200_000) - 100_000;  // around 0000-01-01
                case 2 -> 253_402_300_800L + random.nextInt(200_000) - 100_000;  // around 10000-01-01
                default -> Generators.instant(random).getEpochSecond();
            };
            Instant instant = Instant.ofEpochSecond(seconds, Generators.instant(random).getNano());
            char[] out = new char[IsoInstantFormat.MAX_LENGTH];
            int length = IsoInstantFormat.write(instant, out);
            String text = instant.toString();
            if (length < 0) {
                assertTrue(text.startsWith("-") || text.startsWith("+"), text);
            } else {
                assertEquals(text, new String(out, 0, length));
            }
        });
    }

    /** The event with every row and the meta as rows of a shared layout, as readers make them. */
    private static ChangeEvent laidOut(ChangeEvent e) {
        Row meta = laidOut(Row.of(e.meta()));
        return new ChangeEvent(e.op(), e.source(), laidOut(e.key()), laidOut(e.before()), laidOut(e.after()),
                e.ts(), e.position(), e.tx(), meta.asMap(), e.images(), e.unavailable());
    }

    private static Row laidOut(Row row) {
        return row == null ? null
                : RowLayout.of(row.columns().toArray(String[]::new)).row(row.asMap().values().toArray());
    }

    private static String reference(ChangeEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", e.op().wireName());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("format", e.source().format());
        source.put("schema", e.source().schema());
        source.put("table", e.source().table());
        json.put("source", source);
        json.put("key", e.key() == null ? null : plain(e.key().asMap()));
        json.put("before", e.before() == null ? null : plain(e.before().asMap()));
        json.put("after", e.after() == null ? null : plain(e.after().asMap()));
        json.put("ts", e.ts() == null ? null : e.ts().toString());
        json.put("position", e.position());
        json.put("tx", e.tx());
        json.put("meta", plain(e.meta()));
        if (!e.images().isUnknown()) {
            Map<String, Object> images = new LinkedHashMap<>();
            images.put("before", e.images().before() == null ? null : e.images().before().wireName());
            images.put("after", e.images().after() == null ? null : e.images().after().wireName());
            json.put("images", images);
        }
        if (!e.unavailable().isEmpty()) {
            json.put("unavailable", List.copyOf(e.unavailable()));
        }
        try {
            return new String(MAPPER.writeValueAsBytes(json), StandardCharsets.UTF_8);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static Object plain(Object v) {
        if (v instanceof Bytes b) {
            return b.toBase64();
        } else if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, plain(x)));
            return out;
        } else if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }
}
