package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChunksTest {

    static long framed(List<ChangeEvent> chunk, Chunks.Framing framing) {
        String text = framing == Chunks.Framing.JSON_ARRAY
                ? chunk.stream().map(ChangeEventJson::toJson).collect(Collectors.joining(",", "[", "]"))
                : chunk.stream().map(e -> ChangeEventJson.toJson(e) + "\n").collect(Collectors.joining());
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void chunksKeepOrderStayUnderTheLimitAndAreGreedy() {
        Seeds.forAll("chunk by size", 0xC4_0E5L, 300, random -> {
            List<ChangeEvent> events = Generators.events(random, 25);
            Chunks.Framing framing = Chunks.Framing.values()[random.nextInt(2)];
            long largest = 0;
            long total = 0;
            for (ChangeEvent e : events) {
                long s = framed(List.of(e), framing);
                assertEquals(ChangeEventJson.toJson(e).getBytes(StandardCharsets.UTF_8).length, Chunks.sizeOf(e));
                largest = Math.max(largest, s);
                total += s;
            }
            long max = largest + (total <= largest ? 0 : (long) (random.nextDouble() * (total - largest + 1)));
            List<List<ChangeEvent>> chunks = Chunks.bySize(events, Math.max(max, 2), framing);
            List<ChangeEvent> flat = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                List<ChangeEvent> c = chunks.get(i);
                assertTrue(!c.isEmpty());
                assertTrue(framed(c, framing) <= max, "chunk over the limit");
                if (i + 1 < chunks.size()) {
                    List<ChangeEvent> grown = new ArrayList<>(c);
                    grown.add(chunks.get(i + 1).get(0));
                    assertTrue(framed(grown, framing) > max, "chunk not filled greedily");
                }
                flat.addAll(c);
            }
            assertEquals(events, flat);
        });
    }

    @Test
    void anEventLargerThanTheLimitIsRefused() {
        ChangeEvent e = Generators.event(new java.util.Random(1));
        assertThrows(RoutingException.class, () -> Chunks.bySize(List.of(e), 10));
        assertEquals(6L * 1024 * 1024, Chunks.LAMBDA_SYNC_PAYLOAD);
        assertEquals(List.of(), Chunks.bySize(List.of(), Chunks.SQS_MESSAGE));
    }
}
