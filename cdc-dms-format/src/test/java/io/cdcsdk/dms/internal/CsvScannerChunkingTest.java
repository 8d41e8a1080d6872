package io.cdcsdk.dms.internal;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The scanner takes runs of a buffer at once (unquoted text, quoted text up to a quote or line
 * break, a quoted field that lies in the buffer whole); a reader that hands over one character at
 * a time leaves it only the character loop. Both must read the same records, and fail at the same
 * records with the same kind, position and message. (A reader that returns a character per call
 * also ends the buffer that a failure re-reads right after a line break, which once made the
 * scanner read into an empty buffer for ever.)
 */
class CsvScannerChunkingTest {
    private static final String[] PIECES = {"a", "bc", "Zürich", "東京", "\uD83D\uDE00", ",", ",", "\"", "\"\"", "\n",
        "\r\n", "\r", " ", "12.5", "2024-06-12 10:35:23.719448"};

    @Test
    void oneCharacterAtATimeReadsTheSame() {
        Seeds.forAll("csv chunking", 0xC5AL, 1_500, random -> {
            String csv = csv(random);
            int maxField = random.nextInt(4) == 0 ? 1 + random.nextInt(12) : 1 << 20;
            long maxRecord = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 1 << 24;
            List<String> whole = scan(new StringReader(csv), maxField, maxRecord);
            List<String> single = scan(new OneCharReader(csv), maxField, maxRecord);
            assertEquals(whole, single, () -> "maxField " + maxField + ", maxRecord " + maxRecord);
        });
    }

    @Test
    void failureRightAfterALineBreakAtTheEndOfWhatTheReaderGaveGoesOn() {
        Reader in = new ChunkReader("\"ab\n", "x\"\nI,1\n");
        List<String> records = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> scan(in, 2, 1 << 20));
        assertEquals(List.of("LIMIT_EXCEEDED at test.csv line 1 (record 1): a limit",
                "test.csv line 2 (record 2):[u]x\"|", "test.csv line 3 (record 3):[u]I|[u]1|"), records);
    }

    private static String csv(Random random) {
        StringBuilder sb = new StringBuilder();
        int records = 1 + random.nextInt(6);
        for (int r = 0; r < records; r++) {
            int fields = 1 + random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    sb.append(',');
                }
                boolean quoted = random.nextBoolean();
                if (quoted) {
                    sb.append('"');
                }
                int pieces = random.nextInt(5);
                for (int p = 0; p < pieces; p++) {
                    String piece = PIECES[random.nextInt(PIECES.length)];
                    if (!quoted && (piece.contains("\"") || piece.contains("\n")) && random.nextInt(8) != 0) {
                        continue; // mostly well formed, sometimes a stray quote or break
                    }
                    if (quoted && piece.equals("\"") && random.nextInt(8) != 0) {
                        piece = "\"\"";
                    }
                    sb.append(piece);
                }
                if (quoted && random.nextInt(12) != 0) {
                    sb.append('"');
                }
            }
            sb.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        return sb.toString();
    }

    // Each record as its fields (text and quoting), or a failure as kind, position and message.
    private static List<String> scan(Reader in, int maxField, long maxRecord) {
        List<String> out = new ArrayList<>();
        try (CsvScanner scanner = new CsvScanner(in, ',', "test.csv", maxField, maxRecord)) {
            for (int guard = 0; guard < 1_000; guard++) {
                try {
                    int n = scanner.nextRecord();
                    if (n < 0) {
                        break;
                    }
                    StringBuilder record = new StringBuilder(scanner.lastPosition().toString()).append(':');
                    for (int i = 0; i < n; i++) {
                        record.append(scanner.quoted(i) ? "[q]" : "[u]").append(scanner.text(i)).append('|');
                    }
                    out.add(record.toString());
                } catch (ChangeReadException e) {
                    // Unquoted text checks a buffer's run against the record size first, so which of
                    // two limits a record exceeds in the same run is named may depend on chunking.
                    out.add(e.kind() + " at " + e.position() + ": " + (e.kind() == ChangeReadException.Kind.LIMIT_EXCEEDED
                            ? "a limit" : e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static final class ChunkReader extends Reader {
        private final String[] chunks;
        private int next;

        ChunkReader(String... chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (next == chunks.length) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            String chunk = chunks[next++];
            chunk.getChars(0, chunk.length(), buf, off);
            return chunk.length();
        }

        @Override
        public void close() {
        }
    }

    private static final class OneCharReader extends Reader {
        private final String text;
        private int pos;

        OneCharReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == text.length()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            buf[off] = text.charAt(pos++);
            return 1;
        }

        @Override
        public void close() {
        }
    }
}
