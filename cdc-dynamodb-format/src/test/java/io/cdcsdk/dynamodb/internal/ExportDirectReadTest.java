package io.cdcsdk.dynamodb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.OnError;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Seeds;
import io.cdcsdk.core.testing.ShortReads;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The export reader reads each line straight from the read buffer and frames it when that fails;
 * it must give exactly what framing every line gives ({@link ExportReader#framing}): the same
 * events and errors, at the same positions, under both error policies, for lines whole, damaged,
 * cut short, longer than the buffer or with repeated names.
 */
class ExportDirectReadTest {
    private static List<Object> read(byte[] input, boolean direct, OnError onError, Limits limits, int maxRead) {
        List<Object> out = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().withLimits(limits);
        options = onError == OnError.SKIP ? options.skipOnError(e -> out.add(describe(e))) : options;
        ReadContext context = ReadContext.of("data.json", options);
        InputStream in = ShortReads.of(input, maxRead);
        try (ChangeReader reader = direct ? new ExportReader(in, context, "T", List.of("Id"))
                : ExportReader.framing(in, context, "T", List.of("Id"))) {
            while (reader.hasNext()) {
                ChangeEvent e = reader.next();
                out.add(e);
                out.add(String.valueOf(e.after() == null ? null : e.after().asMap()) + " " + reader.position());
            }
        } catch (ChangeReadException e) {
            out.add("thrown " + describe(e));
        }
        return out;
    }

    private static String describe(ChangeReadException e) {
        return e.kind() + " " + e.position() + " " + e.getMessage();
    }

    @Test
    void linesReadStraightFromTheBufferAreTheFramedLines() {
        int[] errors = new int[1];
        Seeds.forAll("export: direct = framed", 0xE4D1AEL, 300, random -> {
            byte[] input = input(random);
            OnError onError = random.nextBoolean() ? OnError.SKIP : OnError.FAIL;
            Limits limits = random.nextInt(6) == 0 ? Limits.DEFAULTS.withMaxRecordBytes(200 + random.nextInt(2000))
                    : random.nextInt(6) == 0 ? Limits.DEFAULTS.withMaxStringLength(10 + random.nextInt(40)) : Limits.DEFAULTS;
            int maxRead = random.nextInt(5) == 0 ? 1 + random.nextInt(5000) : Integer.MAX_VALUE;
            List<Object> framed = read(input, false, onError, limits, maxRead);
            assertEquals(framed, read(input, true, onError, limits, maxRead));
            errors[0] += (int) framed.stream().filter(o -> o instanceof String s && !s.startsWith("{") && !s.startsWith("null")).count();
        });
        assertTrue(errors[0] > 100, "too few bad lines: " + errors[0]);
    }

    /** Full-export and incremental lines, NDJSON, sometimes damaged. */
    private static byte[] input(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            String item = "{\"Id\":{\"N\":\"" + (random.nextInt(30) == 0 ? "x" : i) + "\"},\"s\":{\"S\":\""
                    + "v".repeat(random.nextInt(5) == 0 ? 70_000 : random.nextInt(30)) + "\"},\"tags\":{\"SS\":[\"a\",\"b\",\"a\"]},"
                    + "\"m\":{\"M\":{\"b\":{\"B\":\"" + (random.nextInt(30) == 0 ? "!!" : "AAEC") + "\"}}}"
                    + (random.nextInt(30) == 0 ? ",\"s\":{\"S\":\"again\"}" : "") + "}";
            switch (random.nextInt(4)) {
                case 0 -> sb.append("{\"Keys\":{\"Id\":{\"N\":\"").append(i).append("\"}},\"NewImage\":").append(item)
                        .append(random.nextBoolean() ? ",\"OldImage\":" + item : "")
                        .append(",\"Metadata\":{\"WriteTimestampMicros\":")
                        .append(random.nextInt(10) == 0 ? "{\"S\":\"1\"}" : "{\"N\":\"1680109764000" + i + "\"}").append("}}");
                case 1 -> sb.append("{\"Keys\":{\"Id\":{\"N\":\"").append(i).append("\"}},\"Metadata\":{\"WriteTimestampMicros\":")
                        .append(1680109764000000L + i).append("}}");
                default -> sb.append("{\"Item\":").append(item).append('}');
            }
            sb.append(random.nextInt(8) == 0 ? "\n\n" : "\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        int damage = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
        for (int d = 0; d < damage && bytes.length > 0; d++) {
            int at = random.nextInt(bytes.length);
            if (random.nextBoolean()) {
                String specials = "{}[]\",:\n\\x";
                bytes[at] = (byte) specials.charAt(random.nextInt(specials.length()));
            } else {
                bytes = java.util.Arrays.copyOf(bytes, at); // cut short
            }
        }
        return bytes;
    }
}
