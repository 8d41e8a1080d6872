package io.cdcsdk.dms.internal;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.JsonFrameReader;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.dms.DmsJsonSettings;
import io.cdcsdk.dms.TableDefinitions;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads DMS JSON records (see {@link io.cdcsdk.dms.DmsJsonAdapter}) from parser tokens: each record
 * straight from the read buffer when it can, else framed and read again from the frame's bytes by
 * the same {@link DmsJsonMembers}, which then reports what is wrong with it at the frame's
 * position. {@link DmsJsonConverter} makes the event.
 */
public final class DmsJsonReader extends AbstractChangeReader {
    private final JsonFrameReader frames;
    private final DmsJsonMembers members;
    private final JsonFrameReader.DirectReader<Map<String, Object>> direct;
    private final DmsJsonConverter converter;

    /** A reader over {@code in}, which it owns and closes. */
    public DmsJsonReader(InputStream in, ReadContext context) {
        this(new JsonFrameReader(in, context.sourceName(), context.options().limits()), context);
    }

    private DmsJsonReader(JsonFrameReader frames, ReadContext context) {
        super(context, frames);
        this.frames = frames;
        this.members = new DmsJsonMembers(context.options().limits());
        this.direct = members::readDirect;
        this.converter = new DmsJsonConverter(members, context.options().extension(DmsJsonSettings.class)
                .map(DmsJsonSettings::beforeImageField).orElse(null),
                context.options().extension(TableDefinitions.class).orElse(TableDefinitions.empty()));
    }

    @Override
    protected Bytes failedRecordBytes() {
        return frames.lastRecordBytes();
    }

    @Override
    protected ChangeEvent readNext() throws IOException {
        Map<String, Object> record = frames.nextDirect(direct);
        Position position;
        if (record != null) {
            position = frames.lastPosition();
            markPosition(position);
        } else {
            JsonFrame frame;
            try {
                frame = frames.next();
            } catch (ChangeReadException e) {
                markPosition(e.position());
                throw e;
            }
            if (frame == null) {
                return null;
            }
            position = frame.position();
            markPosition(position);
            record = members.read(frame);
        }
        return converter.toEvent(record, position);
    }
}
