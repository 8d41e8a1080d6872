package io.cdcsdk.dms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cdcsdk.core.ChangeReadException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** A row may have at most {@link CsvScanner#MAX_FIELDS} fields; a wider one fails at its line, and the next row reads. */
class CsvScannerBoundsTest {

    @Test
    void theFieldCountIsBounded() throws Exception {
        String csv = "I," + ",".repeat(CsvScanner.MAX_FIELDS + 5) + "\nI,2,b\n";
        try (CsvScanner scanner = new CsvScanner(new StringReader(csv), ',', "t.csv", 1 << 20, 1 << 24)) {
            ChangeReadException e = assertThrows(ChangeReadException.class, scanner::nextRecord);
            assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, e.kind());
            assertEquals(1, e.position().line());
            assertEquals(3, scanner.nextRecord());
            assertEquals("2", scanner.text(1));
            assertEquals(2, scanner.lastPosition().line());
        }
    }
}
