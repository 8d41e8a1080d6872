package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsCsvAdapter;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bounds of a CSV record, and where reading goes on after a bad one. */
class DmsCsvLimitsTest {
    private static final String MARKER = "SECRET-MARKER-42";
    private static final TableDefinitions T = TableDefinitions.builder()
            .add("s", "t", List.of("id", "name"), List.of("id")).build();

    private static List<ChangeEvent> read(String csv, ReadOptions options) throws IOException {
        return Golden.readAll(new DmsCsvAdapter().open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ReadContext.of("s/t/20240101-000000000.csv", options)));
    }

    private static List<String> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> (String) e.after().get("id")).toList();
    }

    @Test
    void aRowOverTheRecordSizeFailsEvenWhenEveryFieldIsShort() throws Exception {
        String wide = ("I,1," + "ab,".repeat(100) + MARKER + "\n");
        String csv = "I,0,a\n" + wide + "I,2,b\n";
        ReadOptions o = ReadOptions.defaults().withExtension(T).withLimits(Limits.DEFAULTS.withMaxRecordBytes(100));
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(csv, o));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals(2, e.position().line());
        assertFalse(e.getMessage().contains(MARKER));

        List<ChangeReadException> skipped = new ArrayList<>();
        assertEquals(List.of("0", "2"), ids(read(csv, o.skipOnError(skipped::add))));
        assertEquals(1, skipped.size());
    }

    @Test
    void theUtf8SizeIsWhatCounts() throws Exception {
        // 40 characters, 120 bytes.
        String csv = "I,1," + "\u65e5".repeat(40) + "\n";
        ReadOptions o = ReadOptions.defaults().withExtension(T).withLimits(Limits.DEFAULTS.withMaxRecordBytes(100));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, assertThrows(ChangeReadException.class, () -> read(csv, o)).kind());
    }

    @Test
    void anUnterminatedQuoteCostsOnlyItsLineUnderSkip() throws Exception {
        // The stray quote on line 2 would open a field that runs to the end of the file.
        String csv = "I,1,a\nI,2,\"" + MARKER + "\nI,3,c\nI,4,d\n";
        ReadOptions o = ReadOptions.defaults().withExtension(T);
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(csv, o));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(2, e.position().line());
        assertFalse(e.getMessage().contains(MARKER));

        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read(csv, o.skipOnError(skipped::add));
        assertEquals(List.of("1", "3", "4"), ids(events));
        assertEquals(3L, events.get(1).origin().line());
        assertEquals(4L, events.get(2).origin().line());
        assertEquals(1, skipped.size());
        assertEquals(2, skipped.get(0).position().line());
    }

    @Test
    void anUnterminatedQuoteRunsAtMostTheRecordLimit() throws Exception {
        StringBuilder csv = new StringBuilder("I,1,\"open\n");
        for (int i = 2; i <= 200; i++) {
            csv.append("I,").append(i).append(",x\n");
        }
        ReadOptions o = ReadOptions.defaults().withExtension(T).withLimits(Limits.DEFAULTS.withMaxRecordBytes(64));
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(csv.toString(), o));
        assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals(1, e.position().line());

        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read(csv.toString(), o.skipOnError(skipped::add));
        assertEquals(199, events.size());
        assertEquals("2", events.get(0).after().get("id"));
        assertEquals(1, skipped.size());
    }

    @Test
    void aMultiLineQuotedFieldStillReads() throws Exception {
        List<ChangeEvent> events = read("I,1,\"a\nb\r\nc\"\nI,2,d\n", ReadOptions.defaults().withExtension(T));
        assertEquals("a\nb\r\nc", events.get(0).after().get("name"));
        assertEquals(4L, events.get(1).origin().line());
    }
}
