package io.cdcsdk.kafka.internal;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.OnError;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.UnknownFormatException;
import io.cdcsdk.dms.TableDefinitions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads the events of one Kafka message with the library's readers: the named or detected format,
 * its limits (gzip ratio, nesting depth, record size) and the error policy. The one path of the
 * deserializers and the Connect transform. Thread-safe once made.
 */
public final class MessageReader {
    /** Config: the format's name ({@code dms-json}, {@code dynamodb-stream}, ...); detected when absent. */
    public static final String FORMAT = "cdc.format";
    /** Config: a DMS table-definitions file (JSON), for key columns and header-less CSV. */
    public static final String TABLE_DEF = "cdc.table-def";
    /** Config: {@code fail} (the default) or {@code skip}. */
    public static final String ON_ERROR = "cdc.on-error";

    private final FormatRegistry registry;
    private final @Nullable String format;
    private final ReadOptions options;
    private final LongAdder skipped = new LongAdder();
    private final Consumer<ChangeReadException> skipListener;

    private MessageReader(FormatRegistry registry, @Nullable String format, TableDefinitions definitions,
                          OnError onError, Consumer<ChangeReadException> skipListener) {
        this.registry = registry;
        this.format = format;
        this.skipListener = skipListener;
        ReadOptions base = ReadOptions.defaults().withExtension(definitions);
        this.options = onError == OnError.SKIP ? base.skipOnError(this::skip) : base;
    }

    /**
     * A reader configured from Kafka-style properties ({@link #FORMAT}, {@link #TABLE_DEF},
     * {@link #ON_ERROR}); other entries are ignored.
     *
     * @param configs      the properties
     * @param skipListener told of each skipped message under {@code skip}
     * @return the reader
     * @throws ConfigException when a value is not one the property takes, or the table definitions cannot be read
     */
    public static MessageReader configure(Map<String, ?> configs, Consumer<ChangeReadException> skipListener) {
        FormatRegistry registry = FormatRegistry.builder().addDiscovered(MessageReader.class.getClassLoader()).build();
        String format = string(configs, FORMAT);
        if (format != null) {
            try {
                registry.named(format);
            } catch (UnknownFormatException e) {
                throw new ConfigException(FORMAT, format, e.getMessage());
            }
        }
        String file = string(configs, TABLE_DEF);
        TableDefinitions definitions = TableDefinitions.empty();
        if (file != null) {
            try {
                definitions = TableDefinitions.read(Path.of(file));
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(TABLE_DEF, file, "cannot read the table definitions: " + e.getMessage());
            }
        }
        String onError = string(configs, ON_ERROR);
        OnError policy = OnError.FAIL;
        if (onError != null) {
            switch (onError.toLowerCase(Locale.ROOT)) {
                case "fail" -> policy = OnError.FAIL;
                case "skip" -> policy = OnError.SKIP;
                default -> throw new ConfigException(ON_ERROR, onError, "expected fail or skip");
            }
        }
        return new MessageReader(registry, format, definitions, policy, Objects.requireNonNull(skipListener, "skipListener"));
    }

    private static @Nullable String string(Map<String, ?> configs, String name) {
        Object v = configs.get(name);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        return v.toString().trim();
    }

    /** {@return whether bad messages are skipped rather than failing} */
    public boolean skips() {
        return options.onError() == OnError.SKIP;
    }

    /** {@return how many bad records were skipped so far} */
    public long skipped() {
        return skipped.sum();
    }

    /**
     * The events of one message, each with the topic in its meta. Key columns named by the table
     * definitions reach the adapters as a read option: dms-json and dms-csv fill the key from them.
     *
     * @param topic the message's topic, the events' source name
     * @param value the message's value
     * @return the events in message order; fewer than its records when bad ones were skipped
     * @throws ChangeReadException under {@code fail}, for the first bad record (also when no format
     *                             recognizes the message); its message never quotes the value
     */
    public List<ChangeEvent> read(String topic, ByteBuffer value) {
        if (value.hasArray()) {
            return read(topic, new ByteArrayInputStream(value.array(), value.arrayOffset() + value.position(), value.remaining()));
        }
        byte[] copy = new byte[value.remaining()];
        value.duplicate().get(copy);
        return read(topic, new ByteArrayInputStream(copy));
    }

    /**
     * The events of one message, as {@link #read(String, ByteBuffer)}.
     *
     * @param topic the message's topic
     * @param value the message's value, read once
     * @return the events in message order
     * @throws ChangeReadException under {@code fail}, for the first bad record
     */
    public List<ChangeEvent> read(String topic, InputStream value) {
        List<ChangeEvent> events = new ArrayList<>(1);
        try (ChangeReader reader = registry.open(value, topic, format, options)) {
            while (reader.hasNext()) {
                events.add(complete(reader.next(), topic));
            }
        } catch (UnknownFormatException e) {
            ChangeReadException error = ChangeReadException.malformed(Position.of(topic),
                    "no format recognizes the message (set " + FORMAT + ")");
            if (!skips()) {
                throw error;
            }
            skip(error);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private void skip(ChangeReadException error) {
        skipped.increment();
        skipListener.accept(error);
    }

    private static ChangeEvent complete(ChangeEvent event, String topic) {
        return event.toBuilder().meta(Coordinates.META_TOPIC, topic).build();
    }
}
