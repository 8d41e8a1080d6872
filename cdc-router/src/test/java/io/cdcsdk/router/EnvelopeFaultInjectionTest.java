package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fault injection over Lambda events: random batches of Kinesis, SQS, Kafka and EventBridge Pipes
 * events whose items hold ChangeEvent JSON, with payloads corrupted at random (not base64, cut short,
 * not JSON, an unknown operation) and handlers failing at random. The batch answer reports exactly the
 * items not handled (SQS), or, for a stream, the first unhandled item and nothing before it (Lambda
 * resumes there, so nothing unhandled is lost); a poison item never fails the whole batch.
 */
class EnvelopeFaultInjectionTest {
    private static final FormatRegistry FORMATS = FormatRegistry.discover();

    private enum Kind { KINESIS, SQS, KAFKA, PIPES_KINESIS, PIPES_SQS }

    private enum Damage { NONE, NOT_BASE64, CUT, NOT_JSON, BAD_RECORD }

    /** One generated batch: its JSON, its items' ids in order, and which items cannot be handled. */
    private record Batch(Kind kind, String json, List<String> ids, Set<String> undecodable, Set<String> failing,
                         List<List<String>> eventKeys) {
        boolean stream() {
            return kind != Kind.SQS && kind != Kind.PIPES_SQS;
        }

        /** The items that cannot be handled, in order. */
        List<String> bad() {
            return ids.stream().filter(id -> undecodable.contains(id) || failing.contains(id)).toList();
        }
    }

    private static Batch batch(long seed) {
        Random r = new Random(seed);
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        int n = 1 + r.nextInt(12);
        List<String> ids = new ArrayList<>();
        Set<String> undecodable = new HashSet<>();
        Set<String> failing = new HashSet<>();
        List<List<String>> keys = new ArrayList<>();
        List<String> items = new ArrayList<>();
        int key = 0;
        for (int i = 0; i < n; i++) {
            String id = switch (kind) {
                case KINESIS, PIPES_KINESIS -> "4959033827149025660855969253836157109592157598913" + (1000000 + i);
                case SQS, PIPES_SQS -> "0b1e6c2a-" + seed + "-" + i;
                case KAFKA -> "dms-" + (i % 3) + "@" + (100 + i);
            };
            ids.add(id);
            StringBuilder payload = new StringBuilder();
            List<String> itemKeys = new ArrayList<>();
            int events = 1 + r.nextInt(2);
            for (int e = 0; e < events; e++) {
                String k = "k" + key++;
                itemKeys.add(k);
                payload.append(ChangeEventJson.toJson(ChangeEvent.builder(Operation.INSERT, SourceInfo.of("cdc-json", "s", "t"))
                        .key(Row.builder().put("id", k).build()).after(Row.builder().put("id", k).build()).build())).append('\n');
                if (r.nextInt(6) == 0) {
                    failing.add(id);
                    itemKeys.set(itemKeys.size() - 1, "FAIL-" + k);
                }
            }
            keys.add(itemKeys);
            String text = payload.toString();
            for (String k : itemKeys) {
                if (k.startsWith("FAIL-")) {
                    text = text.replace("\"" + k.substring(5) + "\"", "\"" + k + "\"");
                }
            }
            Damage damage = r.nextInt(4) == 0 ? Damage.values()[1 + r.nextInt(Damage.values().length - 1)] : Damage.NONE;
            boolean base64 = kind != Kind.SQS && kind != Kind.PIPES_SQS;
            if (damage == Damage.NOT_BASE64 && !base64) {
                damage = Damage.NOT_JSON;
            }
            String data = switch (damage) {
                case NONE, NOT_BASE64 -> text;
                case CUT -> text.substring(0, 1 + r.nextInt(text.indexOf('\n') - 1)); // inside the first value
                case NOT_JSON -> "not json at all";
                case BAD_RECORD -> text.replace("\"insert\"", "\"upsert\"");
            };
            if (damage != Damage.NONE) {
                undecodable.add(id);
            }
            String encoded = base64 ? Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)) : data;
            if (damage == Damage.NOT_BASE64) {
                encoded = "%%" + encoded;
            }
            items.add(item(kind, id, encoded));
        }
        String json = switch (kind) {
            case KINESIS, SQS -> "{\"Records\":[" + String.join(",", items) + "]}";
            case KAFKA -> "{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"arn:aws:kafka:us-east-1:123456789012:cluster/c/1\","
                    + "\"records\":{\"dms-0\":[" + String.join(",", items) + "]}}";
            case PIPES_KINESIS, PIPES_SQS -> "[" + String.join(",", items) + "]";
        };
        return new Batch(kind, json, ids, undecodable, failing, keys);
    }

    private static String item(Kind kind, String id, String data) {
        String quoted = quote(data);
        return switch (kind) {
            case KINESIS -> "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"1\",\"sequenceNumber\":\"" + id
                    + "\",\"data\":" + quoted + ",\"approximateArrivalTimestamp\":1545084650.987},\"eventSource\":\"aws:kinesis\","
                    + "\"eventSourceARN\":\"arn:aws:kinesis:us-east-2:123456789012:stream/s\"}";
            case PIPES_KINESIS -> "{\"partitionKey\":\"1\",\"sequenceNumber\":\"" + id + "\",\"data\":" + quoted
                    + ",\"eventSource\":\"aws:kinesis\"}";
            case SQS, PIPES_SQS -> "{\"messageId\":\"" + id + "\",\"receiptHandle\":\"r\",\"body\":" + quoted
                    + ",\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-2:123456789012:q\"}";
            case KAFKA -> {
                String[] tp = id.split("@");
                yield "{\"topic\":\"dms\",\"partition\":" + tp[0].substring(4) + ",\"offset\":" + tp[1]
                        + ",\"timestamp\":1545084650987,\"timestampType\":\"CREATE_TIME\",\"value\":" + quoted + "}";
            }
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Handles every event but those whose key starts with FAIL-, recording what it handled. */
    private static final class Sink implements Router.EventHandler {
        final List<String> handled = new ArrayList<>();

        @Override
        public void handle(ChangeEvent e) throws IOException {
            String k = e.key().string("id");
            if (k.startsWith("FAIL-")) {
                throw new IOException("sink refuses");
            }
            handled.add(k);
        }
    }

    private static Router router(Sink sink, FailurePolicy policy) {
        return Router.builder().failurePolicy(policy).otherwise(sink).build();
    }

    private static ChangeReader open(Batch b, ReadOptions options) throws IOException {
        return FORMATS.open(new ByteArrayInputStream(b.json.getBytes(StandardCharsets.UTF_8)), "event.json",
                "cdc-json", options);
    }

    private static List<String> answer(Batch b, RouteResult result) {
        return (b.stream() ? BatchResponse.forStream(result) : BatchResponse.forSqs(result)).itemIdentifiers();
    }

    @Test
    void theBatchAnswerReportsExactlyTheItemsNotHandled() {
        qt().withExamples(400).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Batch b = batch(seed);
            String what = "seed " + seed + ", " + b.kind + ", bad " + b.bad();
            try {
                // every item seen: the router counts each undecodable payload and reads on
                Sink sink = new Sink();
                FailurePolicy policy = b.stream() ? FailurePolicy.STOP : FailurePolicy.CONTINUE;
                RouteResult all = router(sink, policy).route(skipped -> open(b, ReadOptions.defaults().skipOnError(skipped)));
                List<String> reported = answer(b, all);
                if (b.stream()) {
                    checkStream(b, reported, sink, what);
                } else {
                    assertEquals(b.bad(), reported, what + ": SQS gets back exactly the unhandled messages, in order");
                    Set<String> handledKeys = new HashSet<>(sink.handled);
                    for (int i = 0; i < b.ids.size(); i++) {
                        if (!b.bad().contains(b.ids.get(i))) {
                            assertTrue(handledKeys.containsAll(b.eventKeys.get(i)), what + ": a good message's events handled");
                        }
                    }
                }
                // a reader that stops at the first undecodable payload: a stream's answer is as good
                if (b.stream()) {
                    Sink first = new Sink();
                    RouteResult stopped;
                    try (ChangeReader reader = open(b, ReadOptions.defaults())) {
                        stopped = router(first, FailurePolicy.STOP).route(reader);
                    }
                    checkStream(b, answer(b, stopped), first, what + " (reading under FAIL)");
                }
            } catch (IOException e) {
                throw new AssertionError(what, e);
            }
        });
    }

    /**
     * Lambda resumes a shard from the lowest reported item: it must be the first item not handled,
     * every item before it handled in full, and nothing reported that precedes it.
     */
    private static void checkStream(Batch b, List<String> reported, Sink sink, String what) {
        List<String> bad = b.bad();
        if (bad.isEmpty()) {
            assertEquals(List.of(), reported, what + ": nothing to report");
            return;
        }
        assertFalse(reported.isEmpty(), what + ": an unhandled item must be reported");
        int lowest = reported.stream().mapToInt(b.ids::indexOf).min().orElseThrow();
        assertEquals(b.ids.indexOf(bad.get(0)), lowest, what + ": Lambda resumes from the first unhandled item");
        Set<String> handled = new LinkedHashSet<>(sink.handled);
        for (int i = 0; i < lowest; i++) {
            assertTrue(handled.containsAll(b.eventKeys.get(i)), what + ": item " + i + " before the first unhandled one is handled");
        }
        assertTrue(reported.stream().allMatch(b.ids::contains), what + ": only the batch's items are named");
    }

    @Test
    void onlyAnEventThatCannotBeReadFailsTheWholeBatch() throws IOException {
        Batch b = batch(7);
        String cut = b.json.substring(0, b.json.length() / 2);
        Sink sink = new Sink();
        RouteResult result = router(sink, FailurePolicy.CONTINUE).route(skipped -> FORMATS.open(
                new ByteArrayInputStream(cut.getBytes(StandardCharsets.UTF_8)), "event.json", "cdc-json",
                ReadOptions.defaults().skipOnError(skipped)));
        RoutingException e = assertThrows(RoutingException.class, () -> answer(b, result));
        assertTrue(e.getMessage().contains("names no item of a Lambda event"), e.getMessage());
        assertTrue(result.failures().stream().anyMatch(f -> f.event() == null), "the break is a decode failure");
        assertEquals(Set.of(), sink.handled.stream().filter(k -> k.startsWith("FAIL-")).collect(Collectors.toSet()));
    }
}
