package io.cdcsdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every format adapter keeps, as one JUnit 5 suite. An adapter's test extends this
 * class and names the adapter and its samples; JUnit then runs eight cases over them:
 *
 * <pre>{@code
 * class MyFormatContractTest extends FormatAdapterContract {
 *     protected FormatAdapter adapter() {
 *         return new MyAdapter();
 *     }
 *
 *     protected List<Sample> samples() {
 *         return List.of(Sample.of("samples/orders.json", "golden/orders.expected.ndjson"));
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #golden()}: each sample gives exactly its expected events;</li>
 *   <li>{@link #mutationsUnderFail()} and {@link #mutationsUnderSkip()}: damaged inputs made from
 *       the samples never hang and let nothing but {@link ChangeReadException} out; under
 *       {@link io.cdcsdk.core.OnError#FAIL} the reader stops at the first bad record, the one SKIP
 *       reports first, with its position; under {@link io.cdcsdk.core.OnError#SKIP} it goes on, and
 *       every record of an intact copy of a sample is read or reported;</li>
 *   <li>{@link #shortReads()}: the same events when the stream gives 1 to 1021 bytes a call;</li>
 *   <li>{@link #gzipUnderMisleadingName()}: a gzipped sample named {@code .csv}, {@code .json} or
 *       {@code .txt} gives the same events as the plain one;</li>
 *   <li>{@link #recordOverLimit()}: a record over {@link Limits#maxRecordBytes()} is reported as
 *       {@link ChangeReadException.Kind#LIMIT_EXCEEDED};</li>
 *   <li>{@link #detectNeverThrows()}: {@link FormatAdapter#detect(Head)} answers on every prefix of
 *       every sample and on random bytes;</li>
 *   <li>{@link #noRowValuesInMessages()}: no error of a damaged input quotes a value of the
 *       sample's rows.</li>
 * </ul>
 *
 * <p>Samples are read through a {@link FormatRegistry} holding only {@link #adapter()}, with its
 * name given, as {@code ChangeReaders.open(in, name, format, options)} reads them; short reads go
 * to {@link FormatAdapter#open(InputStream, ReadContext)} directly. Damaged inputs are drawn from a
 * seed; each mutation case prints its seed, a failure names the seed of the input that failed, and
 * {@code -Dcdc.testkit.seed=<seed> -Dcdc.testkit.tries=1} replays that input alone
 * ({@code cdc.testkit.tries} also sets how many inputs each mutation case reads; 150 by default).
 * A read that takes more than 30 seconds counts as a hang.
 *
 * <p>To disable a case for a finding not fixed yet, override it with {@code @Disabled("why")}
 * and the case's annotation ({@code @Test} or {@code @TestFactory}).
 */
public abstract class FormatAdapterContract {
    private static final String SEED = "cdc.testkit.seed";
    private static final String TRIES = "cdc.testkit.tries";
    private static final int DEFAULT_TRIES = 150;
    private static final int[] SHORT_READS = {1, 2, 3, 7, 64, 1021};
    private static final int ALL_PREFIXES = 4096;

    private List<Sample> samples;
    private FormatRegistry registry;

    /** For subclasses. */
    protected FormatAdapterContract() {
    }

    /**
     * {@return the adapter under test} A new instance or a shared one: the cases only read from it.
     */
    protected abstract FormatAdapter adapter();

    /**
     * {@return the samples the cases read: at least one, each with its expected events} Asked for
     * once per test instance, and copied.
     */
    protected abstract List<Sample> samples();

    /**
     * Each sample read gives exactly the events of its expected file; a failure names the first
     * line that differs.
     *
     * @return one test per sample, named by its input resource
     */
    @TestFactory
    public Stream<DynamicTest> golden() {
        return perSample(s -> {
            Read read = read(s.bytes(), s.sourceName(), s.options(), maxEvents(s.bytes(), s.text()))
                    .assertEnded("reading " + s);
            EventJson.assertMatches(s.expectedName(), s.expected(), read.events());
        });
    }

    /**
     * Damaged inputs read under FAIL: nothing but ChangeReadException leaves the reader, within the
     * time limit; the error has a position in the source, and the reader ends with it; it is the
     * error SKIP reports first, at the same position, after the same events.
     */
    @Test
    public void mutationsUnderFail() {
        damaged("mutations under FAIL", 1, false, d -> {
            ReadOptions options = d.sample().options().withLimits(d.limits());
            Read fail = read(d, options.failOnError()).assertContained("under FAIL");
            Read skip = read(d, options.skipOnError(e -> { })).assertContained("under SKIP");
            ChangeReadException thrown = fail.thrown();
            if (thrown != null) {
                Read.assertReport(thrown, d.sample().sourceName(), d.sample().text(), "under FAIL");
                assertFalse(fail.goesOn(), "under FAIL the reader went on after " + thrown.kind() + " at "
                        + thrown.position());
            }
            List<ChangeReadException> skipped = skip.errors();
            if (skipped.isEmpty()) {
                assertTrue(thrown == null, () -> "FAIL stopped with " + thrown.kind() + " at " + thrown.position()
                        + ", SKIP read the same input without a report");
                EventJson.assertSame(skip.events(), fail.events(), "the events FAIL and SKIP read");
                return fail;
            }
            ChangeReadException first = skipped.get(0);
            assertNotNull(thrown, () -> "SKIP reported " + first.kind() + " at " + first.position()
                    + ", FAIL read past it");
            assertEquals(first.position(), thrown.position(), "FAIL stopped elsewhere than the first record SKIP reported");
            assertEquals(first.kind(), thrown.kind(), "FAIL and SKIP tell the first bad record's kind apart");
            int before = skip.reports().isEmpty() ? skip.events().size() : skip.before().get(0);
            EventJson.assertSame(skip.events().subList(0, before), fail.events(),
                    "the events before the first bad record, under FAIL and SKIP");
            return fail;
        });
    }

    /**
     * Damaged inputs read under SKIP: nothing leaves the reader, within the time limit; every report
     * has a position in the source; the records of the intact copies of the sample that come before
     * any damaged copy are all read or reported (garbage lines between copies do not stop that), and
     * where no copy was damaged, all their events are read.
     */
    @Test
    public void mutationsUnderSkip() {
        damaged("mutations under SKIP", 2, false, d -> {
            ReadOptions options = d.sample().options().withLimits(d.limits()).skipOnError(e -> { });
            Read skip = read(d, options).assertContained("under SKIP");
            ChangeReadException thrown = skip.thrown();
            if (thrown != null) {
                fail("under SKIP a " + thrown.kind() + " error left the reader at " + thrown.position(), thrown);
            }
            for (ChangeReadException report : skip.reports()) {
                Read.assertReport(report, d.sample().sourceName(), d.sample().text(), "a report under SKIP");
            }
            if (d.intact() == 0) {
                return skip;
            }
            Sample s = d.sample();
            Read clean = read(s.bytes(), s.sourceName(), options, maxEvents(s.bytes(), true))
                    .assertEnded("the intact sample under SKIP with the same limits");
            int records = clean.events().size() + clean.reports().size();
            int accounted = skip.events().size() + skip.reports().size();
            assertTrue(accounted >= d.intact() * records, () -> "records lost: " + d.intact() + " intact copies of "
                    + records + " records each, but " + skip.events().size() + " events and " + skip.reports().size()
                    + " reports");
            if (!d.damaged()) {
                assertTrue(skip.events().size() >= d.intact() * clean.events().size(), () -> "events lost: "
                        + d.intact() + " intact copies of " + clean.events().size() + " events each, but "
                        + skip.events().size() + " events read");
            }
            return skip;
        });
    }

    /**
     * Each sample gives the same events from a stream that hands out 1, 2, 3, 7, 64 or 1021 bytes a
     * call, opened with {@link FormatAdapter#open(InputStream, ReadContext)} directly.
     *
     * @return one test per sample, named by its input resource
     */
    @TestFactory
    public Stream<DynamicTest> shortReads() {
        return perSample(s -> {
            for (int max : SHORT_READS) {
                String what = s.expectedName() + ", read " + max + " bytes at a time";
                Read read = Read.of(o -> adapter().open(new Trickle(s.bytes(), max), ReadContext.of(s.sourceName(), o)),
                        s.options(), maxEvents(s.bytes(), s.text()), what).assertEnded(what);
                EventJson.assertMatches(what, s.expected(), read.events());
            }
        });
    }

    /**
     * Each sample, gzipped and named {@code .csv}, {@code .json} or {@code .txt} (and by its own
     * name), gives the events the plain sample gives under that name.
     *
     * @return one test per sample, named by its input resource
     */
    @TestFactory
    public Stream<DynamicTest> gzipUnderMisleadingName() {
        return perSample(s -> {
            byte[] gzipped = Damage.gzip(s.bytes());
            long max = maxEvents(s.bytes(), s.text());
            for (String name : misleadingNames(s.sourceName())) {
                Read plain = read(s.bytes(), name, s.options(), max).assertEnded("plain, named " + name);
                Read gz = read(gzipped, name, s.options(), max).assertEnded("gzipped, named " + name);
                EventJson.assertSame(plain.events(), gz.events(), "gzipped and named " + name);
                assertEquals(plain.reports().size(), gz.reports().size(), "reports, gzipped and named " + name);
            }
        });
    }

    /**
     * In each sample one record is made larger than {@link Limits#maxRecordBytes()} (a value
     * lengthened, where the sample's values can be found in its bytes; for binary samples the limit
     * is 1 byte): under FAIL the read ends with LIMIT_EXCEEDED, under SKIP it is reported as
     * LIMIT_EXCEEDED and the reader goes on; neither hangs or runs out of memory.
     *
     * @return one test per sample, named by its input resource
     */
    @TestFactory
    public Stream<DynamicTest> recordOverLimit() {
        return perSample(s -> {
            Oversize big = Oversize.of(s);
            ReadOptions options = s.options().withLimits(big.limits());
            long max = maxEvents(big.bytes(), s.text());
            Read fail = read(big.bytes(), s.sourceName(), options.failOnError(), max).assertContained(big.what());
            ChangeReadException thrown = fail.thrown();
            assertNotNull(thrown, big.what() + ": read without error");
            Read.assertReport(thrown, s.sourceName(), s.text(), big.what());
            Read plain = read(s.bytes(), s.sourceName(), s.options().failOnError(), max).assertContained(s.toString());
            if (plain.thrown() == null) {
                assertEquals(ChangeReadException.Kind.LIMIT_EXCEEDED, thrown.kind(), big.what() + ", under FAIL");
            }
            Read skip = read(big.bytes(), s.sourceName(), options.skipOnError(e -> { }), max).assertEnded(big.what()
                    + ", under SKIP");
            assertTrue(skip.reports().stream().anyMatch(e -> e.kind() == ChangeReadException.Kind.LIMIT_EXCEEDED),
                    big.what() + ": no LIMIT_EXCEEDED report under SKIP");
        });
    }

    /**
     * {@link FormatAdapter#detect(Head)} returns an answer, and throws nothing, for every prefix of
     * every sample (all prefixes up to 4096 bytes, then about a thousand more lengths up to the
     * registry's {@link Head#MAX_BYTES}), as plain and as gzipped input, and for random bytes.
     *
     * @return one test per sample, named by its input resource, and one test of random bytes
     */
    @TestFactory
    public Stream<DynamicTest> detectNeverThrows() {
        Stream<DynamicTest> prefixes = perSample(s -> assertTimeoutPreemptively(Read.TIMEOUT, () -> {
            byte[] b = Arrays.copyOf(s.bytes(), Math.min(s.bytes().length, Head.MAX_BYTES));
            int step = Math.max(1, (b.length - ALL_PREFIXES) / 1024);
            for (int n = 0; n <= b.length; n += n < ALL_PREFIXES ? 1 : step) {
                byte[] prefix = Arrays.copyOf(b, n);
                detect(new Head(s.sourceName(), prefix, false), "the first " + n + " bytes");
                detect(new Head(s.sourceName() + ".gz", prefix, true), "the first " + n + " bytes, gzipped");
            }
            detect(new Head(s.sourceName(), b, false), "all " + b.length + " bytes");
        }));
        DynamicTest random = dynamicTest("random bytes", () -> assertTimeoutPreemptively(Read.TIMEOUT, () -> {
            long seed = Long.getLong(SEED, defaultSeed(4));
            Random r = new Random(seed);
            String alphabet = "{}[]\":,.-+0123456789eEtrufalsn \t\r\n\\/abcxyzIUD";
            for (int i = 0; i < 300; i++) {
                byte[] b = new byte[r.nextInt(4097)];
                if (r.nextBoolean()) {
                    r.nextBytes(b);
                } else {
                    for (int j = 0; j < b.length; j++) {
                        b[j] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                    }
                }
                String name = all().get(r.nextInt(all().size())).sourceName();
                detect(new Head(name, b, r.nextBoolean()), "random bytes " + i + " of seed " + seed);
            }
        }));
        return Stream.concat(prefixes, Stream.of(random));
    }

    /**
     * Damaged inputs, with half of the edits made right after a value of the sample's rows, read
     * under FAIL and SKIP: no error message (nor the message of an exception inside one) holds a
     * string value of the sample's rows of four characters or more that is not also a name (a
     * column, schema or table) or a number.
     */
    @Test
    public void noRowValuesInMessages() {
        damaged("row values in messages", 3, true, d -> {
            ReadOptions options = d.sample().options().withLimits(d.limits());
            Read fail = read(d, options.failOnError()).assertContained("under FAIL");
            Read skip = read(d, options.skipOnError(e -> { })).assertContained("under SKIP");
            for (ChangeReadException e : fail.errors()) {
                assertQuotesNoRowValue(e, d.sample());
            }
            for (ChangeReadException e : skip.errors()) {
                assertQuotesNoRowValue(e, d.sample());
            }
            return skip;
        });
    }

    private static void assertQuotesNoRowValue(ChangeReadException e, Sample s) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            String message = t == e ? m.replace(s.sourceName(), "<source>") : m;
            for (String value : s.rowValues()) {
                if (message.contains(value)) {
                    fail((t == e ? "the message" : "the message of " + t.getClass().getName() + " inside") + " of "
                            + e.kind() + " at " + e.position() + " quotes the row value \"" + value + "\": " + message);
                }
            }
        }
    }

    private void detect(Head head, String what) {
        Detection d;
        try {
            d = adapter().detect(head);
        } catch (Throwable t) {
            throw new AssertionError("detect threw " + t.getClass().getName() + " on " + what + " of "
                    + head.sourceName(), t);
        }
        assertNotNull(d, "detect returned null on " + what + " of " + head.sourceName());
    }

    /**
     * Runs {@code check} over damaged inputs drawn from the seed; a failure names the input's own
     * seed. Prints the seed, and how many inputs gave errors, as a sign that the damage reached the
     * reader.
     */
    private void damaged(String name, int salt, boolean aimAtValues, Function<Damage, Read> check) {
        List<Sample> all = all();
        long base = Long.getLong(SEED, defaultSeed(salt));
        int tries = Integer.getInteger(TRIES, DEFAULT_TRIES);
        int failed = 0;
        int errors = 0;
        int accounted = 0;
        for (int i = 0; i < tries; i++) {
            long seed = base + i;
            Damage d = Damage.draw(all, new Random(seed), aimAtValues);
            Read read;
            try {
                read = check.apply(d);
            } catch (AssertionError e) {
                throw new AssertionError(adapter().name() + ", " + name + ", seed " + seed + " (replay with -D" + SEED
                        + "=" + seed + " -D" + TRIES + "=1), " + d.sample() + " as " + d.recipe() + ": "
                        + e.getMessage(), e);
            }
            failed += read.errors().isEmpty() ? 0 : 1;
            errors += read.errors().size();
            accounted += d.intact() > 0 ? 1 : 0;
        }
        System.out.println(adapter().name() + ", " + name + ": " + tries + " damaged inputs from seed " + base
                + " (-D" + SEED + "=" + base + "): " + failed + " with errors, " + errors + " errors in all, "
                + accounted + " with intact copies to account for");
    }

    /** A seed of its own for each adapter and case, the same in every run. */
    private long defaultSeed(int salt) {
        return (adapter().name().hashCode() & 0xFFFF_FFFFL) * 1_000_003L + salt * 1_000_000_000L;
    }

    private Stream<DynamicTest> perSample(Consumer<Sample> check) {
        return all().stream().map(s -> dynamicTest(s.toString(), () -> check.accept(s)));
    }

    private Read read(Damage d, ReadOptions options) {
        long max = d.sample().text() ? d.plainSize() + 16L : maxEvents(d.bytes(), false);
        return read(d.bytes(), d.sample().sourceName(), options, max);
    }

    private Read read(byte[] bytes, String sourceName, ReadOptions options, long maxEvents) {
        FormatRegistry r = registry();
        String format = adapter().name();
        return Read.of(o -> r.open(new ByteArrayInputStream(bytes), sourceName, format, o), options, maxEvents,
                sourceName);
    }

    /**
     * More events than this and the reader loops: a text record takes at least a byte; a binary
     * format may encode many rows in a few bytes, within reason.
     */
    private static long maxEvents(byte[] input, boolean text) {
        return text ? input.length + 16L : 16L * input.length + 1024;
    }

    private FormatRegistry registry() {
        if (registry == null) {
            registry = FormatRegistry.builder().add(adapter()).build();
        }
        return registry;
    }

    /** The samples, asked for once: each loads its resources once. */
    private List<Sample> all() {
        if (samples == null) {
            samples = List.copyOf(samples());
            assertFalse(samples.isEmpty(), "no samples");
        }
        return samples;
    }

    /** The source name and others: its extension replaced by {@code .csv}, {@code .json} and {@code .txt}. */
    private static Set<String> misleadingNames(String sourceName) {
        Set<String> names = new LinkedHashSet<>();
        if (!sourceName.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            names.add(sourceName);
        }
        int slash = sourceName.lastIndexOf('/');
        int dot = sourceName.lastIndexOf('.');
        String base = dot > slash ? sourceName.substring(0, dot) : sourceName;
        for (String extension : new String[] {".csv", ".json", ".txt"}) {
            names.add(base + extension);
        }
        return names;
    }

    /** A stream over bytes that gives at most {@code max} bytes a call and never says how many are left. */
    private static final class Trickle extends FilterInputStream {
        private final int max;

        Trickle(byte[] bytes, int max) {
            super(new ByteArrayInputStream(bytes));
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, max));
        }

        @Override
        public int available() {
            return 0;
        }
    }

    /** A sample with one record made larger than the limits it is read with. */
    private record Oversize(byte[] bytes, Limits limits, String what) {
        private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

        static Oversize of(Sample s) {
            byte[] b = s.bytes();
            Limits limits = s.options().limits();
            if (!s.text()) {
                return new Oversize(b, limits.withMaxRecordBytes(1), "a binary sample read with maxRecordBytes=1");
            }
            int max = (b.length / 1024 + 2) * 1024;
            int at = -1;
            String where = null;
            for (String value : s.rowValues()) {
                at = Damage.indexOf(b, value.getBytes(StandardCharsets.UTF_8), 0);
                if (at >= 0) {
                    where = "the row value at byte " + at;
                    break;
                }
            }
            if (at < 0) {
                Matcher m = WORD.matcher(new String(b, StandardCharsets.ISO_8859_1));
                int longest = 0;
                while (m.find()) {
                    if (m.end() - m.start() > longest) {
                        longest = m.end() - m.start();
                        at = m.start();
                    }
                }
                where = "the longest word, at byte " + at;
            }
            byte[] filler = new byte[max + 1];
            for (int i = 0; i < filler.length; i++) {
                filler[i] = (byte) ('a' + i % 26);
            }
            return new Oversize(Damage.insert(b, at + 1, filler), limits.withMaxRecordBytes(max),
                    (max + 1) + " letters put into " + where + ", read with maxRecordBytes=" + max);
        }
    }

    /**
     * An input an adapter reads, with its expected events: a class-path resource read under a
     * source name (by default the resource's file name) with read options (by default
     * {@link ReadOptions#defaults()}), and a class-path resource of expected events in the
     * ChangeEvent JSON form, one object per line as {@code cdc cat} prints them; blank lines and
     * lines starting with {@code //} are left out. Immutable; the {@code with} methods return copies.
     */
    public static final class Sample {
        private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?");
        private static final Set<String> WORDS = Set.of("null", "true", "false", "insert", "update", "delete",
                "snapshot", "load", "data", "control", "INSERT", "UPDATE", "DELETE", "MODIFY", "REMOVE");

        private final String input;
        private final String expected;
        private final String sourceName;
        private final ReadOptions options;
        private Loaded loaded;

        private Sample(String input, String expected, String sourceName, ReadOptions options) {
            this.input = input;
            this.expected = expected;
            this.sourceName = sourceName;
            this.options = options;
        }

        /**
         * A sample from the class path: {@code input} and {@code expected} are resource names from
         * the root of the class path, for example {@code "samples/orders.json"} for
         * {@code src/test/resources/samples/orders.json}. The resources are read when a case first
         * needs them; a missing one fails that case with an {@link IllegalArgumentException}.
         *
         * @param input    the resource of the input, read as it is (gzip or not)
         * @param expected the resource of the expected events in the ChangeEvent JSON form
         * @return the sample, named by the input's file name and read with
         *         {@link ReadOptions#defaults()}
         */
        public static Sample of(String input, String expected) {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(expected, "expected");
            return new Sample(input, expected, input.substring(input.lastIndexOf('/') + 1), ReadOptions.defaults());
        }

        /**
         * The same sample read under another source name: the file name or object key a reader sees,
         * which some formats take schema and table from, and which the expected events' {@code file}
         * holds.
         *
         * @param sourceName the name, for example {@code dms/shop/orders/LOAD00000001.csv}; not
         *                   {@code null}
         * @return a copy with that name; this sample does not change
         */
        public Sample named(String sourceName) {
            return new Sample(input, expected, Objects.requireNonNull(sourceName, "sourceName"), options);
        }

        /**
         * The same sample read with other options: settings (extensions such as table definitions),
         * limits, and the error policy of the golden read (SKIP, for a sample whose expected events
         * leave bad records out; the mutation cases choose their own policy).
         *
         * @param options the options; not {@code null}
         * @return a copy with those options; this sample does not change
         */
        public Sample withOptions(ReadOptions options) {
            return new Sample(input, expected, sourceName, Objects.requireNonNull(options, "options"));
        }

        /** {@return the input resource's name, which also names the sample's tests} */
        @Override
        public String toString() {
            return input;
        }

        String sourceName() {
            return sourceName;
        }

        ReadOptions options() {
            return options;
        }

        String expectedName() {
            return expected;
        }

        byte[] bytes() {
            return load().bytes();
        }

        boolean text() {
            return load().text();
        }

        List<EventJson.Line> expected() {
            return load().expected();
        }

        /** Distinctive string values of the rows that occur in the input as they are, longest first. */
        List<String> rowValues() {
            return load().rowValues();
        }

        private Loaded load() {
            if (loaded == null) {
                byte[] bytes = resource(input);
                List<EventJson.Line> lines = EventJson.lines(new String(resource(expected), StandardCharsets.UTF_8),
                        expected);
                List<String> strings = new ArrayList<>();
                List<String> names = new ArrayList<>();
                EventJson.rowStrings(lines, strings, names);
                Set<String> notValues = Set.copyOf(names);
                List<String> values = strings.stream().distinct()
                        .filter(v -> v.length() >= 4 && !notValues.contains(v) && !WORDS.contains(v)
                                && !NUMBER.matcher(v).matches()
                                && Damage.indexOf(bytes, v.getBytes(StandardCharsets.UTF_8), 0) >= 0)
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .toList();
                loaded = new Loaded(bytes, isText(bytes), lines, values);
            }
            return loaded;
        }

        private static boolean isText(byte[] bytes) {
            for (byte b : bytes) {
                if (b == 0) {
                    return false;
                }
            }
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }

        private static byte[] resource(String name) {
            String path = name.startsWith("/") ? name.substring(1) : name;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (loader != null ? loader : Sample.class.getClassLoader()).getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("no class-path resource " + path);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the class-path resource " + path, e);
            }
        }

        private record Loaded(byte[] bytes, boolean text, List<EventJson.Line> expected, List<String> rowValues) {
        }
    }
}
