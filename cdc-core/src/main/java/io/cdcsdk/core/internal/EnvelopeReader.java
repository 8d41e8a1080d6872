package io.cdcsdk.core.internal;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.OnError;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.UnknownFormatException;
import io.cdcsdk.core.internal.EnvelopeItems.Item;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.function.Consumer;

/**
 * The events of the payloads of a Lambda event ({@link EnvelopeItems}), each payload read by a
 * format adapter as an input of its own. Every event carries the item's kind and identity in its
 * meta ({@link ChangeEvent#META_ENVELOPE}, {@link ChangeEvent#META_ENVELOPE_ID}), and the item's
 * place in the event as its origin; its {@code position} stays the payload's own (a Kinesis record's
 * payload that has none gets the sequence number). Not API.
 *
 * <p>A payload that cannot be read fails as a record of this reader, at the item's position and
 * with the item's identity ({@link ChangeReadException#envelopeId()}): under {@link OnError#SKIP}
 * reading goes on with the next item, under {@link OnError#FAIL} the reader stops there. Only an
 * event that cannot be read at all breaks the input.
 */
public final class EnvelopeReader extends AbstractChangeReader {

    /** Opens a payload, as the registry opens any input. */
    @FunctionalInterface
    public interface PayloadOpener {
        /**
         * {@return a reader of the payload}
         *
         * @param payload the payload's bytes
         * @param options the options to read it with
         */
        ChangeReader open(byte[] payload, ReadOptions options) throws IOException;
    }

    private final EnvelopeItems items;
    private final PayloadOpener opener;
    private Item item;
    private ChangeReader payload;

    /**
     * A reader of the Lambda events in {@code in}.
     *
     * @param in      the input, decompressed; the reader closes it
     * @param context the source name and the options (policy, limits, adapter settings)
     * @param opener  opens each payload with the format asked for, or the one detected
     */
    public EnvelopeReader(InputStream in, ReadContext context, PayloadOpener opener) throws IOException {
        this(EnvelopeItems.of(in, context.sourceName(), context.options().limits()), context, opener);
    }

    private EnvelopeReader(EnvelopeItems items, ReadContext context, PayloadOpener opener) {
        super(context, items);
        this.items = items;
        this.opener = opener;
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        while (true) {
            if (payload != null) {
                markPosition(item.position());
                try {
                    if (payload.hasNext()) {
                        return stamp(payload.next(), item);
                    }
                } catch (ChangeReadException e) {
                    closePayload();
                    throw itemFailure(e, item);
                }
                closePayload();
            }
            item = items.next();
            if (item == null) {
                return null;
            }
            markPosition(item.position());
            if (item.failure() != null) {
                throw item.failure();
            }
            if (item.payload().length > 0) {
                payload = openPayload(item);
            }
        }
    }

    private ChangeReader openPayload(Item at) throws IOException {
        ReadOptions options = context.options();
        if (options.onError() == OnError.SKIP) {
            Consumer<ChangeReadException> outer = options.skipListener();
            options = options.skipOnError(e -> outer.accept(itemFailure(e, at)));
        }
        try {
            return opener.open(at.payload(), options);
        } catch (UnknownFormatException e) {
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, at.position(),
                    "cannot tell the format of the payload of " + at.kind() + " item " + at.id()
                            + "; pass a format name").withEnvelopeId(at.id());
        }
    }

    /**
     * The failure of a payload, as a record of this input: at the item, with its identity, and the
     * bad record's bytes and format as the payload's reader gave them.
     */
    private static ChangeReadException itemFailure(ChangeReadException e, Item at) {
        ChangeReadException failure = new ChangeReadException(e.kind(), at.position(), "payload of " + at.kind()
                + " item " + at.id() + ": " + e.detail(), e.getCause()).withEnvelopeId(at.id());
        RawRecords.attach(failure, e.rawRecord().orElse(null), e.format().orElse(null));
        return failure;
    }

    /**
     * {@return the event with the item's kind, identity and place in its meta} A payload's events
     * that have no position of their own get a Kinesis record's sequence number.
     *
     * @param event an event read from the item's payload
     * @param at    the item
     */
    public static ChangeEvent stamp(ChangeEvent event, Item at) {
        ChangeEvent.Builder b = event.toBuilder();
        Position p = at.position();
        b.meta(ChangeEvent.META_FILE, p.sourceName());
        b.meta(ChangeEvent.META_LINE, BigDecimal.valueOf(p.line()));
        b.meta(ChangeEvent.META_RECORD, BigDecimal.valueOf(p.record()));
        b.meta(at.meta());
        b.meta(ChangeEvent.META_ENVELOPE, at.envelope());
        b.meta(ChangeEvent.META_ENVELOPE_ID, at.id());
        if (event.position() == null && at.kind().equals(EnvelopeItems.KINESIS)) {
            b.position(at.id());
        }
        return b.build();
    }

    private void closePayload() {
        ChangeReader p = payload;
        payload = null;
        p.close();
    }

    @Override
    public void close() {
        if (payload != null) {
            closePayload();
        }
        super.close();
    }
}
