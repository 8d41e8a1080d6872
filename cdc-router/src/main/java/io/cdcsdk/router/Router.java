package io.cdcsdk.router;

import io.cdcsdk.router.FailedEvent.Stage;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.RowBinder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.io.IOException;
import io.cdcsdk.core.Nullable;

/**
 * Dispatches {@link ChangeEvent}s to handlers registered by table and operation, and accounts for
 * every event in a {@link RouteResult}. Immutable and thread-safe; build one with {@link #builder()}
 * and reuse it.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *     .on(Tables.table("public", "orders"), Operation.INSERT, Operation.UPDATE).to(orders::upsert)
 *     .on(Tables.table("public", "orders"), Operation.DELETE).bind(Order.class).to(orders::delete)
 *     .on(Tables.schema("inventory")).to(inventory::apply)
 *     .unrouted(Unrouted.FAIL)
 *     .build();
 * RouteResult result = router.route(reader);
 * }</pre>
 *
 * <p>Resolution: a registration for the exact table and operation first, then patterns in
 * registration order, then the catch-all ({@link Builder#otherwise}), else the {@link Unrouted}
 * policy.
 */
public final class Router {
    private final RouterConfig config;

    private Router(RouterConfig config) {
        this.config = config;
    }

    /**
     * {@return a new builder} Defaults: {@link Unrouted#FAIL}, {@link FailurePolicy#CONTINUE},
     * no dead-letter handler, parallelism 1, {@link Retry#none()}, {@link RowBinder#defaults()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Routes every event of the reader, and closes it. A record the reader cannot read under
     * {@link io.cdcsdk.core.OnError#FAIL} is a failure at {@link Stage#DECODE}, after which the
     * reader ends; under {@link io.cdcsdk.core.OnError#SKIP} the reader reports it to its listener
     * and the router never sees it. Handler failures never leave this method.
     *
     * @param reader the events; closed when the run ends, also when it throws
     * @return the account of the run
     * @throws RoutingException when closing the reader fails, or a parallel run is interrupted or
     *                          one of its threads fails outside a handler
     */
    public RouteResult route(ChangeReader reader) {
        try (reader) {
            return new Dispatch(config).run(reader);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RoutingException("closing the reader failed", e);
        }
    }

    /**
     * Opens an input with the run's own skip listener and routes every event of it: a record the
     * reader cannot read is a failure at {@link Stage#DECODE} of this run, and reading goes on with
     * the next record (an error that breaks the input still ends it). So a Lambda event's record
     * whose payload cannot be decoded is answered for by its identity
     * ({@link io.cdcsdk.core.ChangeReadException#envelopeId()}) while every item after it is still
     * read, which an SQS {@link BatchResponse} needs.
     *
     * <pre>{@code
     * RouteResult result = router.route(skipped -> ChangeReaders.open(in, "event.json", "dms-json",
     *         ReadOptions.defaults().skipOnError(skipped)));
     * }</pre>
     *
     * @param input opens the reader, with options whose skip listener is the one it is given; the
     *              reader is closed when the run ends
     * @return the account of the run
     * @throws IOException      when the input cannot be opened
     * @throws RoutingException when closing the reader fails, or a parallel run is interrupted or
     *                          one of its threads fails outside a handler
     */
    public RouteResult route(Input input) throws IOException {
        Dispatch dispatch = new Dispatch(config);
        ChangeReader reader = input.open(dispatch::skipped);
        try (reader) {
            return dispatch.run(reader);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RoutingException("closing the reader failed", e);
        }
    }

    /** Opens the input of {@link #route(Input)}. */
    @FunctionalInterface
    public interface Input {
        /**
         * {@return a reader of the input} Open it with {@code ReadOptions.skipOnError(skipped)}
         * (and any other options), so that the router counts each bad record.
         *
         * @param skipped the listener to read with; it records each bad record as a failure of the
         *                run; call your own listener from a listener of yours that calls it too
         * @throws IOException when the input cannot be opened
         */
        ChangeReader open(Consumer<ChangeReadException> skipped) throws IOException;
    }

    /**
     * Routes every event of {@code events}, in iteration order.
     *
     * @param events the events, iterated once
     * @return the account of the run
     * @throws RoutingException when a parallel run is interrupted or one of its threads fails
     *                          outside a handler
     */
    public RouteResult route(Iterable<ChangeEvent> events) {
        return route(events.iterator());
    }

    /**
     * Routes every event the iterator gives. An exception from the iterator is a failure at
     * {@link Stage#DECODE}; the run goes on only after a {@link io.cdcsdk.core.ChangeReadException}
     * that leaves the input readable.
     *
     * @param events the events; consumed
     * @return the account of the run
     * @throws RoutingException when a parallel run is interrupted or one of its threads fails
     *                          outside a handler
     */
    public RouteResult route(Iterator<ChangeEvent> events) {
        return new Dispatch(config).run(events);
    }

    /** The default key of an event for {@link FailurePolicy#PER_KEY} and parallelism: table and key row. */
    static Object defaultKey(ChangeEvent event) {
        Row key = event.key();
        return key == null ? null : List.of(event.source().qualifiedTable(), key);
    }

    /** Collects registrations and policies; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final Map<Tables.Name, Map<Operation, Route>> exact = new HashMap<>();
        private final List<Route> patterns = new ArrayList<>();
        private final Map<Tables, Set<Operation>> patternOps = new HashMap<>();
        private final List<String> conflicts = new ArrayList<>();
        private Route otherwise;
        private Unrouted unrouted = Unrouted.FAIL;
        private FailurePolicy failurePolicy = FailurePolicy.CONTINUE;
        private DeadLetterHandler deadLetter;
        private Function<ChangeEvent, Object> keyFunction = Router::defaultKey;
        private int parallelism = 1;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RowBinder binder; // null: RowBinder.defaults(), built only when a registration binds to a class
        private Retry retry = Retry.none();
        private int window = 1024;
        private boolean logHandlerMessages;

        private Builder() {
        }

        /**
         * Starts a registration for the selected tables and operations; no operation means every
         * operation (any change, snapshot and DDL). An operation registered twice for the same
         * exact table, or for an equal pattern, is a conflict that {@link #build()} reports.
         *
         * @param tables the tables it takes
         * @param ops    the operations it takes; none for all
         * @return the registration, to finish with a handler
         */
        public On on(Tables tables, Operation... ops) {
            Objects.requireNonNull(tables, "tables");
            Set<Operation> set = ops.length == 0 ? EnumSet.allOf(Operation.class) : EnumSet.copyOf(Arrays.asList(ops));
            return new On(this, tables, set);
        }

        /**
         * The catch-all: takes every event no other registration takes, with the default retry set
         * so far. Registering it twice is a conflict that {@link #build()} reports.
         *
         * @param handler receives each such event
         * @return this builder
         */
        public Builder otherwise(EventHandler handler) {
            Objects.requireNonNull(handler, "handler");
            if (otherwise != null) {
                conflicts.add("the catch-all (otherwise) is registered twice");
            }
            otherwise = new Route(Tables.any(), EnumSet.allOf(Operation.class), Route.events(handler), retry);
            return this;
        }

        /**
         * What happens to events no registration takes; default {@link Unrouted#FAIL}.
         *
         * @param policy ignore, fail or collect them
         * @return this builder
         */
        public Builder unrouted(Unrouted policy) {
            this.unrouted = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What happens after a failure; default {@link FailurePolicy#CONTINUE}.
         *
         * @param policy stop, continue, or block the failed event's key
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Receives each failed event's envelope; must be thread-safe with parallelism. Default
         * none: failures are only logged and kept in the {@link RouteResult}.
         *
         * @param handler called once per failure, after its retries
         * @return this builder
         */
        public Builder deadLetter(DeadLetterHandler handler) {
            this.deadLetter = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * The key of an event for {@link FailurePolicy#PER_KEY} and parallelism; default the
         * event's table and key row. Called only under {@code PER_KEY} or a parallelism above 1.
         * Events whose key is {@code null} share one key; an event for which the function throws
         * fails at stage {@link Stage#ROUTE}.
         *
         * @param keyFunction an event's key; its result needs {@code equals} and {@code hashCode}
         * @return this builder
         */
        public Builder key(Function<ChangeEvent, Object> keyFunction) {
            this.keyFunction = Objects.requireNonNull(keyFunction, "keyFunction");
            return this;
        }

        /**
         * Handles up to {@code threads} keys at once, keeping the order within each key. Default 1:
         * all events in order on the calling thread. Events are read a {@linkplain #window window}
         * at a time, spread over {@code threads} lanes by key hash, and each lane runs in order on
         * a thread of a pool made for the run and shut down after it. Handlers and the dead-letter
         * hook must then be thread-safe.
         *
         * @param threads how many keys are handled at once, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code threads} is below 1
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1");
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * How many events are read ahead and spread across keys when parallel; default 1024.
         * Ignored with parallelism 1.
         *
         * @param events the window's size, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code events} is below 1
         */
        public Builder window(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("window must be at least 1");
            }
            this.window = events;
            return this;
        }

        /** How the router waits between retries; default {@link Sleeper#SYSTEM}. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Whether the warning logged for a failed event quotes the message of an exception your
         * code threw (a handler, the key function, the dead-letter handler); default {@code false},
         * because such a message may hold row values, and only the exception's class is logged.
         * The library's own exceptions ({@link io.cdcsdk.core.CdcException}) are always quoted:
         * their messages never hold row values.
         *
         * @param log true to quote the messages of exceptions from user code
         * @return this builder
         */
        public Builder logHandlerMessages(boolean log) {
            this.logHandlerMessages = log;
            return this;
        }

        /**
         * The default binder for typed registrations made after this call; default
         * {@link RowBinder#defaults()}.
         *
         * @param binder how columns map to properties
         * @return this builder
         */
        public Builder binder(RowBinder binder) {
            this.binder = Objects.requireNonNull(binder, "binder");
            return this;
        }

        /**
         * The default retry for registrations made after this call; default {@link Retry#none()}.
         *
         * @param retry how often a handler is called for one event
         * @return this builder
         */
        public Builder retry(Retry retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * The router. The builder may go on and build another; routers already built do not
         * change.
         *
         * @return the router, immutable and thread-safe
         * @throws RoutingException listing every conflicting registration
         */
        public Router build() {
            if (!conflicts.isEmpty()) {
                throw new RoutingException("conflicting registrations: " + String.join("; ", conflicts));
            }
            return new Router(new RouterConfig(exact, patterns, otherwise, unrouted, failurePolicy, deadLetter,
                    keyFunction, parallelism, window, sleeper, logHandlerMessages));
        }

        private Builder add(Tables tables, Set<Operation> ops, Route.Binding binding, Retry r) {
            Route route = new Route(tables, ops, binding, r);
            Map<Operation, Route> byOp = tables.isExact()
                    ? exact.computeIfAbsent(tables.name(), n -> new EnumMap<>(Operation.class)) : null;
            Set<Operation> taken = byOp != null ? byOp.keySet()
                    : patternOps.computeIfAbsent(tables, t -> EnumSet.noneOf(Operation.class));
            for (Operation op : ops) {
                if (taken.contains(op)) {
                    conflicts.add((byOp != null ? "table " : "pattern ") + tables + " operation " + op.wireName()
                            + " is registered twice");
                } else if (byOp != null) {
                    byOp.put(op, route);
                } else {
                    taken.add(op);
                }
            }
            if (byOp == null) {
                patterns.add(route);
            }
            return this;
        }
    }

    /** A registration in progress: choose the handler, or bind the row to a type first. */
    public static final class On {
        private final Builder builder;
        private final Tables tables;
        private final Set<Operation> ops;
        private Retry retry;

        private On(Builder builder, Tables tables, Set<Operation> ops) {
            this.builder = builder;
            this.tables = tables;
            this.ops = ops;
            this.retry = builder.retry;
        }

        /**
         * Retries for this registration's handler, instead of the builder's default.
         *
         * @param retry how often the handler is called for one event
         * @return this registration
         */
        public On retry(Retry retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * Binds the row (after image, or before image for deletes) to {@code type} with the
         * registration's {@link RowBinder} (Jackson data binding).
         *
         * @param <T>  the type to bind to
         * @param type a record or POJO class
         * @return the typed registration, to finish with a handler
         */
        public <T> Bound<T> bind(Class<T> type) {
            return new Bound<>(this, Objects.requireNonNull(type, "type"), null);
        }

        /**
         * Binds the row (after image, or before image for deletes) with {@code mapper}, your own
         * function from columns to a value, such as {@code row -> new Order(row.string("id"),
         * row.decimal("total"))}. No reflection and no data binder is involved, so this is the
         * cheapest binding at a cold start: {@link #bind(Class)} through Jackson loads and sets up a
         * few hundred classes before the first row is bound. What {@code mapper} throws fails the
         * event at {@link Stage#BIND}, as a binder's error does.
         *
         * @param <T>    the type to bind to
         * @param mapper makes a value from a row; never given {@code null}
         * @return the typed registration, to finish with a handler
         */
        public <T> Bound<T> bind(RowMapper<T> mapper) {
            return new Bound<>(this, null, Objects.requireNonNull(mapper, "mapper"));
        }

        /**
         * Ends the registration with a handler of whole events.
         *
         * @param handler receives each event the registration takes
         * @return the router's builder
         */
        public Builder to(EventHandler handler) {
            Objects.requireNonNull(handler, "handler");
            return builder.add(tables, ops, Route.events(handler), retry);
        }
    }

    /** A typed registration in progress. */
    public static final class Bound<T> {
        private final On on;
        private final Class<T> type;
        private final RowMapper<T> mapper;
        private RowBinder binder;

        private Bound(On on, Class<T> type, RowMapper<T> mapper) {
            this.on = on;
            this.type = type;
            this.mapper = mapper;
            this.binder = on.builder.binder;
        }

        /**
         * The binder (naming strategy) for this registration, instead of the builder's default.
         *
         * @param binder how columns map to properties
         * @return this registration
         * @throws IllegalStateException when the registration binds with a {@link RowMapper}
         */
        public Bound<T> using(RowBinder binder) {
            Objects.requireNonNull(binder, "binder");
            if (mapper != null) {
                throw new IllegalStateException("this registration binds rows with a RowMapper; a RowBinder does not apply");
            }
            this.binder = binder;
            return this;
        }

        /**
         * Retries for this registration's handler, instead of the builder's default.
         *
         * @param retry how often the handler is called for one event
         * @return this registration
         */
        public Bound<T> retry(Retry retry) {
            on.retry(retry);
            return this;
        }

        /**
         * Ends the registration with a handler of the bound row: the after image, else the before
         * image (deletes), else the key; {@code null} when the event has none of them.
         *
         * @param handler receives each bound row
         * @return the router's builder
         */
        public Builder to(RowHandler<T> handler) {
            Objects.requireNonNull(handler, "handler");
            return on.builder.add(on.tables, on.ops, Route.rows(rowMapper(), handler), on.retry);
        }

        /**
         * Ends the registration with a handler of both images (updates) and the event.
         *
         * @param handler receives the bound before and after images and the event
         * @return the router's builder
         */
        public Builder toChange(ChangeHandler<T> handler) {
            Objects.requireNonNull(handler, "handler");
            return on.builder.add(on.tables, on.ops, Route.changes(rowMapper(), handler), on.retry);
        }

        private RowMapper<T> rowMapper() {
            if (mapper != null) {
                return mapper;
            }
            RowBinder b = binder != null ? binder : RowBinder.defaults();
            return row -> b.bind(row, type);
        }
    }

    /**
     * Makes a value from a row, for {@link On#bind(RowMapper)}. May throw any exception; the router
     * records it as a failure at {@link Stage#BIND}.
     *
     * @param <T> the type it makes
     */
    @FunctionalInterface
    public interface RowMapper<T> {
        /**
         * Makes a value from {@code row}.
         *
         * @param row the row to read, never {@code null}
         * @return the value the handler receives
         * @throws Exception when the row does not make a value
         */
        T map(Row row) throws Exception;
    }

    /** Receives a whole {@link ChangeEvent}. May throw any exception; the router records it. */
    @FunctionalInterface
    public interface EventHandler {
        /**
         * Handles one event; any exception counts as a handler failure.
         *
         * @param event the event, never {@code null}
         * @throws Exception any failure: the router records it as a failure at {@link Stage#HANDLE}
         *                   and retries it as the registration's {@link Retry} says
         */
        void handle(ChangeEvent event) throws Exception;
    }

    /**
     * Receives the event's row bound to {@code T}: the after image, or for deletes the before image.
     * May throw any exception; the router records it.
     */
    @FunctionalInterface
    public interface RowHandler<T> {
        /**
         * Handles one bound row; any exception counts as a handler failure.
         *
         * @param row the after image bound to {@code T}, else the before image, else the key;
         *            {@code null} when the event has none of them
         * @throws Exception any failure: the router records it as a failure at {@link Stage#HANDLE}
         *                   and retries it as the registration's {@link Retry} says
         */
        void handle(T row) throws Exception;
    }

    /**
     * Receives the before and after images bound to {@code T} (either may be {@code null} where the
     * source does not give it) and the event itself. Suits updates.
     */
    @FunctionalInterface
    public interface ChangeHandler<T> {
        /**
         * Handles one event's images; any exception counts as a handler failure.
         *
         * @param before the before image bound to {@code T}, or {@code null} when the event has none
         * @param after  the after image bound to {@code T}, or {@code null} when the event has none
         *               (deletes)
         * @param event  the event itself, for its operation, key, position and meta
         * @throws Exception any failure: the router records it as a failure at {@link Stage#HANDLE}
         *                   and retries it as the registration's {@link Retry} says
         */
        void handle(@Nullable T before, @Nullable T after, ChangeEvent event) throws Exception;
    }
}
