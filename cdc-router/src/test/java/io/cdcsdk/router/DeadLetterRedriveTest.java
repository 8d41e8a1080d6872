package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.json.DeadLetter;
import io.cdcsdk.core.json.DeadLetterWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Route a generated batch with decode, bind and handler failures, write every failure as a dead
 * letter, fix what failed, and route the letters again: every event is handled exactly once over
 * all runs, every failure is one letter, and the order of each key is kept within each run.
 */
class DeadLetterRedriveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The strict type of the first run: a quantity that is not a number does not bind. */
    record Item(long id, long seq, int qty) {
    }

    /** The fixed type: any quantity binds. */
    record LooseItem(long id, long seq, String qty) {
    }

    /** One generated batch and the failures planted in it. */
    static final class Batch {
        final List<String> lines = new ArrayList<>();
        final Map<Long, Long> keyOf = new HashMap<>();
        final Set<Long> handlerFails = new HashSet<>();
        final Set<Long> stillFailsOnce = new HashSet<>();
        final FailurePolicy policy;
        final int parallelism;
        final int attempts;

        Batch(Random r) {
            policy = r.nextBoolean() ? FailurePolicy.CONTINUE : FailurePolicy.PER_KEY;
            parallelism = r.nextInt(3) == 0 ? 2 + r.nextInt(2) : 1;
            attempts = 1 + r.nextInt(3);
            int n = r.nextInt(60);
            int keys = 1 + r.nextInt(6);
            for (long seq = 1; seq <= n; seq++) {
                long id = r.nextInt(keys);
                keyOf.put(seq, id);
                int fault = r.nextInt(10);
                String qty = fault == 1 ? "\"many\"" : Integer.toString(r.nextInt(100)); // 1: does not bind
                int version = fault == 2 ? 2 : 1;                                        // 2: does not decode
                if (fault == 3) {
                    handlerFails.add(seq);                                               // 3: the handler fails
                    if (r.nextBoolean()) {
                        stillFailsOnce.add(seq);                                         // and again on the first redrive
                    }
                }
                lines.add("{\"seq\":" + seq + ",\"id\":" + id + ",\"qty\":" + qty + ",\"v\":" + version + "}");
            }
        }
    }

    /** What the handlers of all runs saw. */
    static final class Handled {
        final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
        // run -> key -> the seqs handled, in order
        final Map<Integer, Map<Long, List<Long>>> byKey = new ConcurrentHashMap<>();

        void call(int run, long id, long seq, boolean fail) {
            calls.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet();
            if (fail) {
                throw new IllegalStateException("downstream unavailable");
            }
            seqs.add(seq);
            byKey.computeIfAbsent(run, x -> new ConcurrentHashMap<>())
                    .computeIfAbsent(id, x -> Collections.synchronizedList(new ArrayList<>())).add(seq);
        }
    }

    @AfterEach
    void unfix() {
        TestItemsAdapter.fixed = false;
    }

    @Test
    void redriveHandlesEveryEventOnceAndAccountsForEveryLetter() {
        qt().withExamples(60).withShrinkCycles(20).forAll(longs().all())
                .checkAssert(seed -> check(new Batch(new Random(seed))));
    }

    @Test
    void aDecodeFailureTheRouterSeesBecomesALetterWithTheRecordsBytes() throws IOException {
        String bad = "{\"seq\":2,\"id\":1,\"qty\":3,\"v\":2}";
        byte[] input = ("{\"seq\":1,\"id\":1,\"qty\":3,\"v\":1}\n" + bad + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream letters = new ByteArrayOutputStream();
        DeadLetterWriter writer = DeadLetterWriter.to(letters);
        RouteResult result = Router.builder().on(Tables.table("s", "items")).to(e -> { })
                .deadLetter(failed -> writer.write(failed.toDeadLetter())).build()
                .route(FormatRegistry.discover().open(new ByteArrayInputStream(input), "in.ndjson", TestItemsAdapter.NAME,
                        ReadOptions.defaults()));

        assertEquals(1, result.handled());
        FailedEvent failed = result.failures().get(0);
        assertEquals(FailedEvent.Stage.DECODE, failed.stage());
        assertArrayEquals(bad.getBytes(StandardCharsets.UTF_8), failed.raw().orElseThrow().toByteArray());
        DeadLetter letter = letters(letters).get(0);
        assertEquals(DeadLetter.Stage.DECODE, letter.stage());
        assertArrayEquals(bad.getBytes(StandardCharsets.UTF_8), letter.raw().toByteArray());
        assertEquals(TestItemsAdapter.NAME, letter.format());
        assertEquals(failed.origin(), letter.origin());
        assertEquals(0, letter.attempts());
    }

    private static void check(Batch batch) {
        TestItemsAdapter.fixed = false;
        Handled handled = new Handled();
        byte[] input = (String.join("\n", batch.lines) + "\n").getBytes(StandardCharsets.UTF_8);

        // Run 1: strict binding, a broken adapter, a failing downstream.
        ByteArrayOutputStream letters1 = new ByteArrayOutputStream();
        List<ChangeReadException> skipped1 = new ArrayList<>();
        RouteResult first = route(batch, router(batch, 1, handled, letters1, false,
                seq -> batch.handlerFails.contains(seq)), open(input, "batch.ndjson", TestItemsAdapter.NAME, letters1, skipped1));
        List<DeadLetter> sent1 = letters(letters1);
        accounted(first, skipped1, sent1);
        assertEquals(batch.lines.size(), first.seen() + skipped1.size());
        attemptsSoFar(sent1, handled);

        // Run 2: the adapter and the binding fixed, downstream still failing for some events once.
        TestItemsAdapter.fixed = true;
        ByteArrayOutputStream letters2 = new ByteArrayOutputStream();
        Set<Long> failingAgain = new HashSet<>(batch.stillFailsOnce);
        List<ChangeReadException> skipped2 = new ArrayList<>();
        RouteResult second = route(batch, router(batch, 2, handled, letters2, true, failingAgain::contains),
                open(letters1.toByteArray(), "letters-1.ndjson", detected(letters1), letters2, skipped2));
        List<DeadLetter> sent2 = letters(letters2);
        accounted(second, skipped2, sent2);
        assertEquals(List.of(), skipped2);
        assertEquals(sent1.size(), second.seen());
        attemptsSoFar(sent2, handled);

        // Run 3: all fixed.
        ByteArrayOutputStream letters3 = new ByteArrayOutputStream();
        List<ChangeReadException> skipped3 = new ArrayList<>();
        RouteResult third = route(batch, router(batch, 3, handled, letters3, true, seq -> false),
                open(letters2.toByteArray(), "letters-2.ndjson", detected(letters2), letters3, skipped3));
        assertEquals(sent2.size(), third.seen());
        assertEquals(sent2.size(), third.handled());
        assertEquals(0, letters3.size());

        // Every event handled exactly once, over the three runs.
        List<Long> all = new ArrayList<>(handled.seqs);
        Collections.sort(all);
        List<Long> expected = new ArrayList<>(batch.keyOf.keySet());
        Collections.sort(expected);
        assertEquals(expected, all);
        // Order per key within each run: the order of the run's input (the batch, then each letter file).
        inInputOrder(handled, 1, new ArrayList<>(batch.keyOf.keySet()).stream().sorted().toList());
        inInputOrder(handled, 2, sent1.stream().map(DeadLetterRedriveTest::seqOf).toList());
        inInputOrder(handled, 3, sent2.stream().map(DeadLetterRedriveTest::seqOf).toList());
    }

    /**
     * The events of each key were handled in the order of the run's input. (A decode letter can
     * stand before letters of earlier events of its key when the first run read a window ahead
     * with parallelism: its reader reported it while the window was being filled.)
     */
    private static void inInputOrder(Handled handled, int run, List<Long> input) {
        handled.byKey.getOrDefault(run, Map.of()).forEach((key, seqs) -> {
            List<Long> expected = input.stream().filter(seqs::contains).toList();
            assertEquals(expected, seqs, "run " + run + " key " + key);
        });
    }

    /** A letter's attempts are every handler call its event had, over the runs so far. */
    private static void attemptsSoFar(List<DeadLetter> letters, Handled handled) {
        for (DeadLetter letter : letters) {
            AtomicInteger calls = handled.calls.get(seqOf(letter));
            assertEquals(calls == null ? 0 : calls.get(), letter.attempts(), letter::toString);
        }
    }

    private static Router router(Batch batch, int run, Handled handled, ByteArrayOutputStream letters, boolean loose,
                                 java.util.function.LongPredicate fails) {
        DeadLetterWriter writer = DeadLetterWriter.to(letters);
        Router.Builder b = Router.builder()
                .failurePolicy(batch.policy)
                .parallelism(batch.parallelism)
                .window(7)
                .sleeper(Sleeper.NONE)
                .retry(Retry.attempts(batch.attempts, Duration.ZERO))
                .deadLetter(failed -> writer.write(failed.toDeadLetter()));
        if (loose) {
            b.on(Tables.table("s", "items")).bind(LooseItem.class).to(i -> handled.call(run, i.id(), i.seq(), fails.test(i.seq())));
        } else {
            b.on(Tables.table("s", "items")).bind(Item.class).to(i -> handled.call(run, i.id(), i.seq(), fails.test(i.seq())));
        }
        return b.build();
    }

    private static RouteResult route(Batch batch, Router router, ChangeReader reader) {
        RouteResult result = router.route(reader);
        assertEquals(result.seen(), result.handled() + result.failed() + result.skipped());
        assertEquals(0, result.skipped());
        return result;
    }

    /** Detected from the content (null), unless the file is empty and has none. */
    private static String detected(ByteArrayOutputStream letters) {
        return letters.size() == 0 ? "dead-letter" : null;
    }

    /** A reader whose bad records become decode letters in {@code letters}, and are kept in {@code skipped}. */
    private static ChangeReader open(byte[] input, String name, String format, ByteArrayOutputStream letters,
                                     List<ChangeReadException> skipped) {
        Consumer<ChangeReadException> writeLetter = DeadLetterWriter.to(letters).decodeFailures();
        try {
            return FormatRegistry.discover().open(new ByteArrayInputStream(input), name, format,
                    ReadOptions.defaults().skipOnError(e -> {
                        skipped.add(e);
                        writeLetter.accept(e);
                    }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<DeadLetter> letters(ByteArrayOutputStream out) {
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.stream(text.split("\n")).map(DeadLetter::fromJson).toList();
    }

    /**
     * Each failure of the run is one letter, and so is each record the reader skipped: the same
     * stage and event, or the same record's bytes.
     */
    private static void accounted(RouteResult result, List<ChangeReadException> skipped, List<DeadLetter> letters) {
        assertEquals(result.failed() + skipped.size(), letters.size());
        Map<String, Integer> failures = new TreeMap<>();
        for (ChangeReadException e : skipped) {
            failures.merge("DECODE " + seqOfRaw(e.rawRecord().orElseThrow().toByteArray()), 1, Integer::sum);
            assertEquals(Optional.of(TestItemsAdapter.NAME), e.format());
        }
        for (FailedEvent f : result.failures()) {
            String what = f.stage().name() + " " + (f.event() != null ? seqOf(f.event())
                    : seqOfRaw(f.raw().orElseThrow().toByteArray()));
            failures.merge(what, 1, Integer::sum);
            DeadLetter letter = f.toDeadLetter();
            DeadLetter back = DeadLetter.fromJson(letter.toJson());
            assertEquals(f.stage().name(), back.stage().name());
            assertEquals(f.origin(), back.origin());
            assertEquals(letter.attempts(), back.attempts());
            assertEquals(f.event() == null ? null : ChangeEventJson.normalize(letter.event()), back.event());
            if (f.stage() == FailedEvent.Stage.DECODE) {
                assertArrayEquals(f.raw().orElseThrow().toByteArray(), back.raw().toByteArray());
                assertEquals(TestItemsAdapter.NAME, back.format());
            }
        }
        Map<String, Integer> sent = new TreeMap<>();
        for (DeadLetter letter : letters) {
            sent.merge(letter.stage().name() + " " + seqOf(letter), 1, Integer::sum);
        }
        assertEquals(failures, sent);
    }

    private static long seqOf(ChangeEvent event) {
        return ((BigDecimal) event.after().get("seq")).longValueExact();
    }

    private static long seqOf(DeadLetter letter) {
        return letter.event() != null ? seqOf(letter.event()) : seqOfRaw(letter.raw().toByteArray());
    }

    private static long seqOfRaw(byte[] raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            return node.path("seq").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
