package io.cdcsdk.core;

import io.cdcsdk.core.internal.EnvelopeItems;
import io.cdcsdk.core.internal.EnvelopeReader;
import io.cdcsdk.core.internal.Inputs;
import io.cdcsdk.core.spi.AbstractChangeReader;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapters a program can read with, by name, and the way to open an input with one of them.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * FormatRegistry formats = FormatRegistry.builder()
 *         .add(new MyAdapter())        // explicit adapters come first
 *         .addDiscovered()             // then those found with ServiceLoader
 *         .build();
 * try (ChangeReader reader = formats.open(Path.of("events.json.gz"), ReadOptions.defaults())) {
 *     reader.forEachRemaining(System.out::println);
 * }
 * }</pre>
 *
 * <p>An explicit format name always wins over detection. Detection asks every adapter about the
 * input's first bytes (decompressed) and name, and takes the surest answer; on a tie, the adapter
 * added first.
 *
 * <p>Lambda events are recognized by their content first: Kinesis, SQS, MSK and self-managed Kafka,
 * Firehose data transformation, and EventBridge Pipes batches of those records. The payload of each item (base64 {@code data} or
 * {@code value}, an SQS {@code body}) is opened as an input of its own, with the format named or the
 * one detected from the payload's bytes, so any adapter reads inside any of these events. Each event
 * read so carries the kind of Lambda event and the item's identity in its meta
 * ({@link ChangeEvent#META_ENVELOPE}, {@link ChangeEvent#META_ENVELOPE_ID}) and the item's place as
 * its origin; its {@link ChangeEvent#position()} stays the payload's own. A payload that cannot be
 * read is a bad record of the event, at the item, whose {@link ChangeReadException#envelopeId()}
 * names the item; only an event that is not JSON breaks the input. DynamoDB Streams events are read
 * by the {@code dynamodb-stream} format itself.
 */
public final class FormatRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(FormatRegistry.class);
    private static volatile FormatRegistry discovered;

    /** The artifact of each adapter that comes with the library, to say what to add when one is missing. */
    private static final Map<String, String> BUILT_IN = Map.of(
            "dms-json", "io.cdcsdk:cdc-dms-format",
            "dms-csv", "io.cdcsdk:cdc-dms-format",
            "dms-parquet", "io.cdcsdk:cdc-dms-parquet",
            "dynamodb-stream", "io.cdcsdk:cdc-dynamodb-format",
            "dynamodb-export", "io.cdcsdk:cdc-dynamodb-format");

    private final Map<String, FormatAdapter> adapters;
    /** The adapters that were found or added but cannot run here, with the reason each gave. */
    private final Map<String, FormatAdapter> unavailable;

    private FormatRegistry(Map<String, FormatAdapter> adapters, Map<String, FormatAdapter> unavailable) {
        this.adapters = Collections.unmodifiableMap(adapters);
        this.unavailable = Collections.unmodifiableMap(unavailable);
    }

    /**
     * {@return the registry of the adapters found with {@link ServiceLoader} on the class path and
     * the module path} They are found as {@link Builder#addDiscovered()} finds them, on the first
     * call, and the registry is shared by every later one: an adapter that becomes loadable after
     * that is not seen; build a registry for it. {@link ChangeReaders} opens its inputs with this
     * one.
     */
    public static FormatRegistry discover() {
        FormatRegistry r = discovered;
        if (r == null) {
            synchronized (FormatRegistry.class) {
                r = discovered;
                if (r == null) {
                    r = builder().addDiscovered().build();
                    discovered = r;
                }
            }
        }
        return r;
    }

    /** {@return a new builder without adapters} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the names of the adapters that can run here, in registration order} Adapters that
     * are not available ({@link FormatAdapter#unavailableReason()}) are left out.
     */
    public List<String> names() {
        return List.copyOf(adapters.keySet());
    }

    /** {@return the adapters that can run here, in registration order; an unmodifiable copy} */
    public List<FormatAdapter> adapters() {
        return List.copyOf(adapters.values());
    }

    /**
     * The adapter of that name.
     *
     * @param name the format's name, for example {@code dms-csv}
     * @return the adapter; never {@code null}
     * @throws UnknownFormatException listing the known names, and saying why when the adapter is
     *                                on the class path but cannot run ({@link FormatAdapter#unavailableReason()})
     *                                or which artifact brings it when it is one of the library's
     */
    public FormatAdapter named(String name) {
        FormatAdapter a = adapters.get(name);
        if (a != null) {
            return a;
        }
        FormatAdapter missing = unavailable.get(name);
        if (missing != null) {
            throw new UnknownFormatException("format adapter '" + name + "' is not available: "
                    + reason(missing), adapters.keySet());
        }
        String artifact = BUILT_IN.get(name);
        throw new UnknownFormatException("no format adapter named '" + name + "'"
                + (artifact == null ? "" : " (it comes with " + artifact + ": add that dependency)"), adapters.keySet());
    }

    private static String reason(FormatAdapter a) {
        try {
            return a.unavailableReason().orElse("it says it cannot run here");
        } catch (RuntimeException | LinkageError e) {
            return "it cannot tell why (" + e.getClass().getName() + ")";
        }
    }

    /**
     * The adapter that recognizes {@code head} most surely: the highest
     * {@link FormatAdapter.Detection} above {@code NO}, on a tie the adapter added first. An
     * adapter whose {@code detect} throws counts as {@code NO}.
     *
     * @param head the start of the input, decompressed, and its name
     * @return the adapter; never {@code null}
     * @throws UnknownFormatException when none does; when an adapter that is not available
     *                                recognizes it, the message says so and gives its reason
     */
    public FormatAdapter detect(Head head) {
        FormatAdapter best = null;
        Detection bestScore = Detection.NO;
        for (FormatAdapter a : adapters.values()) {
            Detection d;
            try {
                d = a.detect(head);
            } catch (RuntimeException e) {
                // The exception's class only: a message from an adapter can quote the input's head.
                LOG.debug("adapter {} failed to detect {} ({})", a.name(), head.sourceName(), e.getClass().getName());
                d = Detection.NO;
            }
            if (d != null && d.compareTo(bestScore) > 0) {
                best = a;
                bestScore = d;
            }
        }
        if (best == null) {
            for (FormatAdapter a : unavailable.values()) {
                if (detects(a, head)) {
                    throw new UnknownFormatException("the input " + head.sourceName() + " looks like " + a.name()
                            + ", which is not available: " + reason(a), adapters.keySet());
                }
            }
            throw new UnknownFormatException("cannot tell the format of " + head.sourceName()
                    + "; pass a format name", adapters.keySet());
        }
        return best;
    }

    private static boolean detects(FormatAdapter a, Head head) {
        try {
            Detection d = a.detect(head);
            return d != null && d != Detection.NO;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Opens a file, detecting the format; as {@link #open(Path, String, ReadOptions)} with no
     * format name.
     *
     * @param file    the file; its name is the events' source name
     * @param options the error policy, limits and adapter settings
     * @return a reader positioned before the first event; close it
     * @throws IOException            when the file cannot be opened or its first bytes cannot be read
     * @throws UnknownFormatException when no adapter recognizes the input
     */
    public ChangeReader open(Path file, ReadOptions options) throws IOException {
        return open(file, null, options);
    }

    /**
     * Opens a file with the named format, or detects it when {@code format} is null. Gzip is
     * recognized by its magic bytes.
     *
     * <p>Bad input does not fail here: a gzip input that is corrupt, truncated or over the ratio
     * limit, even within the bytes read for detection, and an input the adapter cannot open (a
     * Parquet file without a footer) give a reader that returns the records before the break, then
     * applies the error policy to it in {@code hasNext()} (throws {@link ChangeReadException} under
     * {@link OnError#FAIL}, reports it and ends under {@link OnError#SKIP}). What still fails here:
     * an unknown format name or an input no adapter recognizes ({@link UnknownFormatException}),
     * and I/O errors opening the file.
     *
     * <p>A file that is not gzip is opened with {@link FormatAdapter#open(Path, ReadContext)}, so
     * that a format which needs random access reads it in place; a gzip file is decompressed as it
     * is read and given to {@link FormatAdapter#open(InputStream, ReadContext)}. A Lambda event is
     * read item by item, each payload opened as a stream (see the class description).
     *
     * @param file    the file; its name is the events' source name
     * @param format  an adapter name, or {@code null} to detect the format
     * @param options the error policy, limits and adapter settings
     * @return a reader positioned before the first event; close it
     * @throws IOException            when the file cannot be opened or its first bytes cannot be read
     * @throws UnknownFormatException when the name is unknown or no adapter recognizes the input
     */
    public ChangeReader open(Path file, @Nullable String format, ReadOptions options) throws IOException {
        String sourceName = file.toString();
        InputStream raw = Files.newInputStream(file);
        try {
            Inputs.Prepared prepared = prepare(raw, sourceName, options);
            ReadContext plain = new ReadContext(sourceName, file, options);
            if (isEnvelope(prepared, format)) {
                return envelope(prepared, plain, format);
            }
            FormatAdapter adapter = adapterFor(prepared, format);
            if (adapter == null) {
                return broken(prepared, plain);
            }
            ReadContext context = plain.withFormat(adapter.name());
            if (!prepared.head().gzipped()) {
                prepared.stream().close();
                try {
                    return adapter.open(file, context);
                } catch (ChangeReadException e) {
                    return new BrokenInputReader(context, e);
                }
            }
            return openReporting(adapter, prepared, context);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * Opens a stream named {@code sourceName} (a file name or object key, used for detection,
     * positions and, by some formats, schema and table) with the named format, or detects it when
     * {@code format} is null. The reader closes the stream; so does this method when it throws. Bad
     * input is reported by the reader, as for {@link #open(Path, String, ReadOptions)}.
     *
     * @param in         the input, read once from its current position; gzip is recognized by its
     *                   magic bytes
     * @param sourceName the input's name; not {@code null}
     * @param format     an adapter name, or {@code null} to detect the format
     * @param options    the error policy, limits and adapter settings
     * @return a reader positioned before the first event; close it
     * @throws IOException            when the first bytes cannot be read
     * @throws UnknownFormatException when the name is unknown or no adapter recognizes the input
     */
    public ChangeReader open(InputStream in, String sourceName, @Nullable String format, ReadOptions options)
            throws IOException {
        Objects.requireNonNull(in, "in");
        try {
            Inputs.Prepared prepared = prepare(in, sourceName, options);
            ReadContext context = ReadContext.of(sourceName, options);
            if (isEnvelope(prepared, format)) {
                return envelope(prepared, context, format);
            }
            FormatAdapter adapter = adapterFor(prepared, format);
            if (adapter == null) {
                return broken(prepared, context);
            }
            return openReporting(adapter, prepared, context.withFormat(adapter.name()));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Whether the input is a Lambda event whose payloads are to be read one by one. The Lambda event
     * wins over any adapter: some recognize their payloads inside it (escaped in an SQS body). A
     * format name is still checked, so that an unknown one fails here.
     */
    private boolean isEnvelope(Inputs.Prepared prepared, @Nullable String format) {
        if (EnvelopeItems.detect(prepared.head()) == null) {
            return false;
        }
        if (format != null) {
            named(format);
        }
        return true;
    }

    /** A reader of the payloads of a Lambda event, each opened as an input of its own. */
    private ChangeReader envelope(Inputs.Prepared prepared, ReadContext context, @Nullable String format)
            throws IOException {
        String sourceName = context.sourceName();
        return new EnvelopeReader(prepared.stream(), context,
                (payload, options) -> openPayload(payload, sourceName, format, options));
    }

    /**
     * Opens a payload held in memory as {@link #open(InputStream, String, String, ReadOptions)}
     * would, without its buffers: the payload is its own head. A gzip payload, or one that is a
     * Lambda event itself, takes the way of any input.
     */
    private ChangeReader openPayload(byte[] payload, String sourceName, @Nullable String format, ReadOptions options)
            throws IOException {
        Inputs.Prepared prepared = Inputs.inMemory(payload, sourceName);
        if (prepared == null || EnvelopeItems.detect(prepared.head()) != null) {
            return open(new ByteArrayInputStream(payload), sourceName, format, options);
        }
        FormatAdapter adapter = adapterFor(prepared, format); // not null: nothing in memory is broken
        return openReporting(adapter, prepared, ReadContext.of(sourceName, options).withFormat(adapter.name()));
    }

    private static Inputs.Prepared prepare(InputStream raw, String sourceName, ReadOptions options) throws IOException {
        return Inputs.prepare(new BufferedInputStream(raw, 1 << 16), sourceName, options.limits());
    }

    /**
     * The named or detected adapter; null when the gzip input broke so early that no adapter
     * recognizes what could be read of it (the reader then reports the gzip error).
     */
    private @Nullable FormatAdapter adapterFor(Inputs.Prepared prepared, @Nullable String format) {
        if (format != null) {
            return named(format);
        }
        if (prepared.broken() == null) {
            return detect(prepared.head());
        }
        try {
            return detect(prepared.head());
        } catch (UnknownFormatException e) {
            return null;
        }
    }

    // An adapter that reads ahead in open() (a Parquet footer, a header line) may fail there; the
    // error policy still applies to that error, through the reader.
    private static ChangeReader openReporting(FormatAdapter adapter, Inputs.Prepared prepared, ReadContext context)
            throws IOException {
        try {
            return adapter.open(prepared.stream(), context);
        } catch (ChangeReadException e) {
            return broken(prepared, context, e);
        }
    }

    private static ChangeReader broken(Inputs.Prepared prepared, ReadContext context) {
        return broken(prepared, context, prepared.broken());
    }

    private static ChangeReader broken(Inputs.Prepared prepared, ReadContext context, ChangeReadException error) {
        try {
            prepared.stream().close();
        } catch (IOException ignored) {
            // the input is broken already; the error says why
        }
        return new BrokenInputReader(context, error);
    }

    /**
     * A reader whose input failed before its first record: the first hasNext() applies the policy
     * to the error (throws it under FAIL, reports it under SKIP), and the reader ends.
     */
    private static final class BrokenInputReader extends AbstractChangeReader {
        private ChangeReadException error;

        BrokenInputReader(ReadContext context, ChangeReadException error) {
            super(context, null);
            this.error = error;
        }

        @Override
        protected ChangeEvent readNext() {
            ChangeReadException e = error;
            if (e == null) {
                return null;
            }
            error = null;
            markPosition(e.position());
            throw e;
        }
    }

    /** Collects adapters; the first available adapter of a name wins. Not thread-safe. */
    public static final class Builder {
        private final LinkedHashMap<String, FormatAdapter> adapters = new LinkedHashMap<>();
        private final LinkedHashMap<String, FormatAdapter> unavailable = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds an adapter, unless one of the same name was added before. An adapter that cannot run
         * here ({@link FormatAdapter#unavailableReason()} is not empty) is kept aside: the registry leaves it
         * out of {@link FormatRegistry#names()}, detection and opening, and gives its reason when
         * asked for it.
         *
         * @param adapter the adapter; not {@code null}, nor its {@link FormatAdapter#name()}
         * @return this builder
         */
        public Builder add(FormatAdapter adapter) {
            Objects.requireNonNull(adapter, "adapter");
            String name = Objects.requireNonNull(adapter.name(), "adapter.name()");
            if (adapter.unavailableReason().isEmpty()) {
                adapters.putIfAbsent(name, adapter);
            } else {
                LOG.debug("format adapter {} is not available here", name);
                unavailable.putIfAbsent(name, adapter);
            }
            return this;
        }

        /**
         * Adds the adapters found with {@link ServiceLoader} through the class loader of this
         * library, as {@link #add} does, in the order the service loader gives them. Providers that
         * cannot be loaded at all are left out and logged at DEBUG.
         *
         * @return this builder
         */
        public Builder addDiscovered() {
            return addDiscovered(FormatRegistry.class.getClassLoader());
        }

        /**
         * As {@link #addDiscovered()}, with a given class loader: for adapters that a plugin's or
         * an application server's class loader sees and this library's does not.
         *
         * @param loader the class loader to look in, or {@code null} for the system class loader
         * @return this builder
         */
        public Builder addDiscovered(ClassLoader loader) {
            Iterator<FormatAdapter> it = ServiceLoader.load(FormatAdapter.class, loader).iterator();
            List<FormatAdapter> found = new ArrayList<>();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    found.add(it.next());
                } catch (ServiceConfigurationError | LinkageError e) {
                    LOG.debug("skipping a format adapter that cannot be loaded", e);
                }
            }
            found.forEach(this::add);
            return this;
        }

        /**
         * {@return the registry of the adapters added so far} The builder can go on, and later
         * additions do not reach the registry.
         */
        public FormatRegistry build() {
            LinkedHashMap<String, FormatAdapter> aside = new LinkedHashMap<>(unavailable);
            aside.keySet().removeAll(adapters.keySet());
            return new FormatRegistry(new LinkedHashMap<>(adapters), aside);
        }
    }

}
