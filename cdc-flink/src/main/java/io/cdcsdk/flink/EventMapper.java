package io.cdcsdk.flink;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import java.io.Serializable;

/**
 * What a source emits for one event: the event itself, or a Flink SQL row. Returns {@code null}
 * for an event that is left out (a DDL event under {@code cdc.ddl = skip}).
 */
interface EventMapper<T> extends Serializable {
    /**
     * @param event    the event read
     * @param position where its record is, for errors
     * @return what to emit, or {@code null} for nothing
     * @throws ChangeReadException when the event does not fit (never quoting a value)
     */
    T map(ChangeEvent event, Position position);

    /** The events as they are. */
    static EventMapper<ChangeEvent> identity() {
        return (event, position) -> event;
    }
}
