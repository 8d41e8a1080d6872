package io.cdcsdk.dynamodb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.testing.ShortReads;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.OnError;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Seeds;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stream reader reads a Lambda event of up to a megabyte straight from the input buffer, its
 * events held at once, and the export reader each line, and both frame a value when that fails;
 * they must give exactly what framing every value gives ({@link StreamReader#framing},
 * {@link ExportReader#framing}): the same events and errors, at the same positions, under both
 * error policies, for values small and large, whole, damaged, cut short or followed by more.
 */
class DirectReadTest {
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000";

    /** Opens a reader, reading straight from the buffer when it can or framing every value. */
    private interface Opener {
        ChangeReader open(InputStream in, ReadContext context, boolean direct);
    }

    private static final Opener STREAM = (in, context, direct) -> direct ? new StreamReader(in, context, null, false)
            : StreamReader.framing(in, context, null, false);
    private static final Opener EXPORT = (in, context, direct) -> direct ? new ExportReader(in, context, "T", List.of("Id"))
            : ExportReader.framing(in, context, "T", List.of("Id"));

    /** Each event with its origin, each error with its kind, position and message, and where the reader stopped. */
    private static List<Object> read(Opener opener, byte[] input, boolean direct, OnError onError, Limits limits, int maxRead) {
        List<Object> out = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().withLimits(limits);
        options = onError == OnError.SKIP ? options.skipOnError(e -> out.add(describe(e))) : options;
        ReadContext context = ReadContext.of("in.json", options);
        InputStream in = ShortReads.of(input, maxRead);
        try (ChangeReader reader = opener.open(in, context, direct)) {
            while (reader.hasNext()) {
                ChangeEvent e = reader.next();
                out.add(e);
                out.add(String.valueOf(e.after() == null ? e.before() == null ? null : e.before().asMap() : e.after().asMap())
                        + " " + reader.position());
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
    void eventsReadStraightFromTheBufferAreTheFramedEvents() {
        int[] large = new int[1];
        Seeds.forAll("direct = framed", 0xD1AEC7L, 250, random -> {
            byte[] input = input(random);
            if (input.length > 1 << 16) {
                large[0]++;
            }
            OnError onError = random.nextBoolean() ? OnError.SKIP : OnError.FAIL;
            Limits limits = random.nextInt(6) == 0 ? Limits.DEFAULTS.withMaxRecordBytes(50_000 + random.nextInt(400_000))
                    : random.nextInt(6) == 0 ? Limits.DEFAULTS.withMaxStringLength(20 + random.nextInt(40)) : Limits.DEFAULTS;
            int maxRead = random.nextInt(5) == 0 ? 1 + random.nextInt(70_000) : Integer.MAX_VALUE;
            assertEquals(read(STREAM, input, false, onError, limits, maxRead), read(STREAM, input, true, onError, limits, maxRead));
        });
        assertTrue(large[0] > 40, "too few inputs longer than the read buffer: " + large[0]);
    }

    @Test
    void exportLinesReadStraightFromTheBufferAreTheFramedLines() {
        int[] errors = new int[1];
        Seeds.forAll("export: direct = framed", 0xE4D1AEL, 300, random -> {
            byte[] input = exportInput(random);
            OnError onError = random.nextBoolean() ? OnError.SKIP : OnError.FAIL;
            Limits limits = random.nextInt(6) == 0 ? Limits.DEFAULTS.withMaxRecordBytes(200 + random.nextInt(2000))
                    : random.nextInt(6) == 0 ? Limits.DEFAULTS.withMaxStringLength(10 + random.nextInt(40)) : Limits.DEFAULTS;
            int maxRead = random.nextInt(5) == 0 ? 1 + random.nextInt(5000) : Integer.MAX_VALUE;
            List<Object> framed = read(EXPORT, input, false, onError, limits, maxRead);
            assertEquals(framed, read(EXPORT, input, true, onError, limits, maxRead));
            errors[0] += (int) framed.stream().filter(o -> o instanceof String s && s.matches("^[A-Z_]+ .*|^thrown .*")).count();
        });
        assertTrue(errors[0] > 100, "too few bad lines: " + errors[0]);
    }

    /** Full-export and incremental lines (NDJSON), some longer than the read buffer, sometimes damaged. */
    private static byte[] exportInput(Random random) {
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
        return damage(sb.toString().getBytes(StandardCharsets.UTF_8), random, "\n{\"Keys\":{}}\n");
    }

    /** One or more Lambda events (NDJSON), small or longer than the read buffer, sometimes damaged. */
    private static byte[] input(Random random) {
        StringBuilder sb = new StringBuilder();
        int values = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
        for (int v = 0; v < values; v++) {
            int n = random.nextInt(3) == 0 ? random.nextInt(5) : 50 + random.nextInt(1500);
            sb.append("{\"Records\":[");
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? "," : "").append(record(random, i));
            }
            sb.append(']');
            switch (random.nextInt(6)) {
                case 0 -> sb.append(",\"eventSourceARN\":\"").append(ARN.replace("Orders", "Window")).append('"');
                case 1 -> sb.append(",\"window\":{\"start\":\"2020-07-30T17:00:00Z\"}");
                case 2 -> sb.append(",\"Records\":[]"); // a repeated name
                default -> { }
            }
            sb.append(random.nextInt(8) == 0 ? "}\n\n" : "}\n");
        }
        return damage(sb.toString().getBytes(StandardCharsets.UTF_8), random, "\n{\"Records\":[]}\n");
    }

    /** Now and then one to three damages: a byte replaced by JSON syntax, the input cut short, or {@code value} inserted. */
    private static byte[] damage(byte[] bytes, Random random, String value) {
        int damage = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
        for (int d = 0; d < damage && bytes.length > 0; d++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> {
                    String specials = "{}[]\",:\n\\x";
                    bytes[at] = (byte) specials.charAt(random.nextInt(specials.length()));
                }
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, at); // cut short
                default -> {
                    byte[] next = value.getBytes(StandardCharsets.UTF_8);
                    byte[] longer = new byte[bytes.length + next.length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(next, 0, longer, at, next.length);
                    System.arraycopy(bytes, at, longer, at + next.length, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    private static String record(Random random, int i) {
        String op = new String[] {"INSERT", "MODIFY", "REMOVE"}[random.nextInt(3)];
        StringBuilder sb = new StringBuilder("{\"eventID\":\"e").append(i).append("\",\"eventName\":\"").append(op).append('"');
        if (random.nextInt(40) > 0) {
            sb.append(",\"eventSourceARN\":\"").append(ARN).append('"'); // else the envelope names the table
        }
        sb.append(",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"k").append(i).append("\"}}");
        String image = "{\"pk\":{\"S\":\"k" + i + "\"},\"n\":{\"N\":\"" + (random.nextInt(40) == 0 ? "x" : i + ".5")
                + "\"},\"tags\":{\"SS\":[\"a\",\"b\",\"a\"]},\"m\":{\"M\":{\"s\":{\"S\":\"" + "v".repeat(random.nextInt(30))
                + "\"},\"b\":{\"B\":\"AAEC\"}}},\"l\":{\"L\":[{\"BOOL\":true},{\"NULL\":true}]}}";
        if (!op.equals("REMOVE")) {
            sb.append(",\"NewImage\":").append(image);
        }
        if (!op.equals("INSERT")) {
            sb.append(",\"OldImage\":").append(image);
        }
        sb.append(",\"ApproximateCreationDateTime\":1700000000.").append(100 + i % 900);
        return sb.append(",\"SequenceNumber\":\"").append(100 + i).append("\"}}").toString();
    }
}
