package io.cdcsdk.router;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.json.ChangeEventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits events into consecutive chunks whose serialized size stays under a payload limit, in one
 * pass (linear time: each event is serialized once). An event's size is its ChangeEvent JSON form
 * ({@link ChangeEventJson#toJson}) in UTF-8 bytes; a chunk's size includes its framing.
 *
 * <pre>{@code
 * for (List<ChangeEvent> chunk : Chunks.bySize(events, Chunks.SQS_MESSAGE)) { ... }
 * }</pre>
 *
 * <p>Chunks are filled greedily, in order: each is as large as the limit allows.
 */
public final class Chunks {
    /** Lambda synchronous invocation payload: 6 MB. */
    public static final long LAMBDA_SYNC_PAYLOAD = 6L * 1024 * 1024;
    /** Lambda asynchronous invocation payload: 1 MB. */
    public static final long LAMBDA_ASYNC_PAYLOAD = 1024L * 1024;
    /** SQS message body: 256 KB. */
    public static final long SQS_MESSAGE = 256L * 1024;

    /** How the events of a chunk are put together. */
    public enum Framing {
        /** A JSON array: {@code [e1,e2]}, 2 bytes plus 1 per separator. */
        JSON_ARRAY,
        /** One event per line, each followed by {@code \n}. */
        NDJSON
    }

    private Chunks() {
    }

    /**
     * Chunks framed as JSON arrays ({@link Framing#JSON_ARRAY}), each at most {@code maxBytes}.
     *
     * @param events   the events, in order; iterated once
     * @param maxBytes the largest chunk, in UTF-8 bytes with its framing, for example
     *                 {@link #SQS_MESSAGE}
     * @return the chunks, in order; empty when there are no events
     * @throws RoutingException when one event alone does not fit
     */
    public static List<List<ChangeEvent>> bySize(Iterable<ChangeEvent> events, long maxBytes) {
        return bySize(events, maxBytes, Framing.JSON_ARRAY);
    }

    /**
     * Chunks of at most {@code maxBytes} each, with the given framing.
     *
     * @param events   the events, in order; iterated once
     * @param maxBytes the largest chunk, in UTF-8 bytes with its framing
     * @param framing  how the events of a chunk are put together
     * @return the chunks, in order; empty when there are no events
     * @throws RoutingException when one event alone does not fit
     */
    public static List<List<ChangeEvent>> bySize(Iterable<ChangeEvent> events, long maxBytes, Framing framing) {
        Objects.requireNonNull(framing, "framing");
        long open = framing == Framing.JSON_ARRAY ? 2 : 0;
        long perEvent = framing == Framing.JSON_ARRAY ? 0 : 1;
        long separator = framing == Framing.JSON_ARRAY ? 1 : 0;
        List<List<ChangeEvent>> chunks = new ArrayList<>();
        List<ChangeEvent> current = new ArrayList<>();
        long size = open;
        for (ChangeEvent e : events) {
            long s = sizeOf(e) + perEvent;
            if (open + s > maxBytes) {
                throw new RoutingException("an event of " + s + " bytes does not fit a chunk of " + maxBytes
                        + " bytes: " + e);
            }
            long added = current.isEmpty() ? s : s + separator;
            if (size + added > maxBytes) {
                chunks.add(current);
                current = new ArrayList<>();
                size = open;
                added = s;
            }
            current.add(e);
            size += added;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * {@return the size of the event's ChangeEvent JSON form, in UTF-8 bytes} Framing is not
     * included.
     *
     * @param event the event
     */
    public static long sizeOf(ChangeEvent event) {
        return utf8Length(ChangeEventJson.toJson(event));
    }

    static long utf8Length(CharSequence s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3; // a lone surrogate: counted as 3 bytes, an upper bound whatever the writer does
            }
        }
        return n;
    }
}
