package io.cdcsdk.router;

import io.cdcsdk.router.Router.ChangeHandler;
import io.cdcsdk.router.Router.RowHandler;
import io.cdcsdk.router.Router.EventHandler;
import io.cdcsdk.router.FailedEvent.Stage;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import java.util.Set;

/**
 * One registration: the tables and operations it takes, how its handler is called, and its retry.
 *
 * @param tables  the tables it takes
 * @param ops     the operations it takes
 * @param binding binds an event to the handler's arguments
 * @param retry   how often the handler is called for one event
 */
record Route(Tables tables, Set<Operation> ops, Binding binding, Retry retry) {

    /** Binds an event to the handler's arguments; what it throws fails the event at {@link Stage#BIND}. */
    @FunctionalInterface
    interface Binding {
        Call bind(ChangeEvent event) throws Exception;
    }

    /** The handler with its arguments bound; what it throws fails the event at {@link Stage#HANDLE}. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** Whole events: nothing to bind. */
    static Binding events(EventHandler handler) {
        return event -> () -> handler.handle(event);
    }

    /** The row (after image, else before image, else key) bound by {@code mapper}. */
    static <T> Binding rows(Router.RowMapper<T> mapper, RowHandler<T> handler) {
        return event -> {
            Row row = event.row() != null ? event.row() : event.key();
            T value = row == null ? null : mapper.map(row);
            return () -> handler.handle(value);
        };
    }

    /** Both images bound by {@code mapper}, and the event. */
    static <T> Binding changes(Router.RowMapper<T> mapper, ChangeHandler<T> handler) {
        return event -> {
            T before = event.before() == null ? null : mapper.map(event.before());
            T after = event.after() == null ? null : mapper.map(event.after());
            return () -> handler.handle(before, after, event);
        };
    }
}
