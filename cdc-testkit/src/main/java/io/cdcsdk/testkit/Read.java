package io.cdcsdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ReadOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One input read to its end, within a time limit: the events, the reports of skipped records with
 * how many events came before each, the error that ended the read, and whatever else escaped.
 *
 * @param events   the events, in order
 * @param reports  the records reported under SKIP, in order
 * @param before   for each report, how many events came before it
 * @param thrown   the ChangeReadException that ended the read, or null
 * @param goesOn   whether the reader had more to give after {@code thrown} (it must not)
 * @param escaped  anything else that left the reader (an IOException, a runtime exception, an
 *                 error), or null
 * @param loops    whether the reader gave more events than its input can hold
 */
record Read(List<ChangeEvent> events, List<ChangeReadException> reports, List<Integer> before,
            ChangeReadException thrown, boolean goesOn, Throwable escaped, boolean loops) {

    /** How long one read may take before it counts as a hang; generous, as build machines are shared. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Opens an input with the options given. */
    @FunctionalInterface
    interface Opener {
        ChangeReader open(ReadOptions options) throws IOException;
    }

    /**
     * Reads what {@code opener} opens, under {@code options} with SKIP's listener replaced by one that
     * collects the reports, failing the test after {@link #TIMEOUT}.
     *
     * @param maxEvents more events than this and the reader loops
     */
    static Read of(Opener opener, ReadOptions options, long maxEvents, String what) {
        return assertTimeoutPreemptively(TIMEOUT, () -> drain(opener, options, maxEvents),
                () -> "a read that does not end (" + what + ")");
    }

    private static Read drain(Opener opener, ReadOptions options, long maxEvents) {
        List<ChangeEvent> events = new ArrayList<>();
        List<ChangeReadException> reports = new ArrayList<>();
        List<Integer> before = new ArrayList<>();
        ReadOptions o = switch (options.onError()) {
            case FAIL -> options;
            case SKIP -> options.skipOnError(e -> {
                reports.add(e);
                before.add(events.size());
            });
        };
        ChangeReadException thrown = null;
        boolean goesOn = false;
        try (ChangeReader reader = opener.open(o)) {
            try {
                while (reader.hasNext()) {
                    events.add(reader.next());
                    if (events.size() > maxEvents) {
                        return new Read(events, reports, before, null, false, null, true);
                    }
                }
            } catch (ChangeReadException e) {
                thrown = e;
                goesOn = goesOn(reader);
            }
        } catch (Throwable t) {
            // anything but a ChangeReadException from the read itself: the caller says which it was
            return new Read(events, reports, before, thrown, goesOn, t, false);
        }
        return new Read(events, reports, before, thrown, goesOn, null, false);
    }

    private static boolean goesOn(ChangeReader reader) {
        try {
            return reader.hasNext();
        } catch (ChangeReadException again) {
            return true;
        }
    }

    /** Asserts that nothing but a ChangeReadException left the reader and that it did not loop. */
    Read assertContained(String what) {
        if (escaped != null) {
            fail(what + ": " + escaped.getClass().getName() + " left the reader; only ChangeReadException may",
                    escaped);
        }
        assertTrue(!loops, what + ": more events than the input can hold: the reader loops");
        return this;
    }

    /** Asserts the read ended without error: every record read or reported. */
    Read assertEnded(String what) {
        assertContained(what);
        if (thrown != null) {
            fail(what + ": " + thrown.kind() + " " + thrown.getMessage(), thrown);
        }
        return this;
    }

    /** The reports and the error that ended the read. */
    List<ChangeReadException> errors() {
        List<ChangeReadException> all = new ArrayList<>(reports);
        if (thrown != null) {
            all.add(thrown);
        }
        return all;
    }

    /**
     * Asserts what every error must say: a kind, a position in {@code sourceName}, a message that
     * starts with it; and, for a text format, that no unexpected exception (a bug in the reader)
     * became a read error. Libraries of binary formats throw runtime exceptions on damaged files;
     * for them only an {@link Error} inside is a finding.
     */
    static void assertReport(ChangeReadException e, String sourceName, boolean text, String what) {
        assertNotNull(e.kind(), what + ": an error without kind");
        assertNotNull(e.position(), what + ": an error without position");
        assertEquals(sourceName, e.position().sourceName(), what + ": the error's position names another source");
        assertTrue(e.getMessage().startsWith(sourceName), what + ": the message does not start with the source name");
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof Error || text && t instanceof RuntimeException) {
                fail(what + ": an unexpected " + t.getClass().getName() + " inside the reader became a "
                        + e.kind() + " error at " + e.position(), t);
            }
        }
    }
}
