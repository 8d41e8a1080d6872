package io.cdcsdk.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to read: the error policy, the listener for skipped records, limits, and typed extensions
 * that configure particular adapters (for example DMS table definitions). Immutable; the
 * {@code with*} methods return copies.
 */
public final class ReadOptions {
    private static final Consumer<ChangeReadException> NO_LISTENER = e -> { };
    private static final ReadOptions DEFAULTS = new ReadOptions(OnError.FAIL, NO_LISTENER, Limits.DEFAULTS, Map.of());

    private final OnError onError;
    private final Consumer<ChangeReadException> skipListener;
    private final Limits limits;
    private final Map<Class<?>, Object> extensions;

    private ReadOptions(OnError onError, Consumer<ChangeReadException> skipListener, Limits limits,
                        Map<Class<?>, Object> extensions) {
        this.onError = onError;
        this.skipListener = skipListener;
        this.limits = limits;
        this.extensions = extensions;
    }

    /** Fail on the first bad record, default limits, no extensions. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** Fail on the first bad record: the reader throws {@link ChangeReadException}. */
    public ReadOptions failOnError() {
        return new ReadOptions(OnError.FAIL, NO_LISTENER, limits, extensions);
    }

    /**
     * Skip bad records; each one reaches {@code listener} (source, position, reason) before the
     * reader goes on. Nothing is skipped without a call.
     */
    public ReadOptions skipOnError(Consumer<ChangeReadException> listener) {
        return new ReadOptions(OnError.SKIP, Objects.requireNonNull(listener, "listener"), limits, extensions);
    }

    /** Other limits. */
    public ReadOptions withLimits(Limits limits) {
        return new ReadOptions(onError, skipListener, Objects.requireNonNull(limits, "limits"), extensions);
    }

    /**
     * Adds an adapter-specific setting, found again by its class with {@link #extension(Class)}.
     * A later extension of the same class replaces the earlier one.
     */
    public ReadOptions withExtension(Object extension) {
        Map<Class<?>, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(extension.getClass(), extension);
        return new ReadOptions(onError, skipListener, limits, Map.copyOf(copy));
    }

    public OnError onError() {
        return onError;
    }

    public Consumer<ChangeReadException> skipListener() {
        return skipListener;
    }

    public Limits limits() {
        return limits;
    }

    /** The extension of {@code type} (or a subtype), if one was added. */
    public <T> Optional<T> extension(Class<T> type) {
        Object exact = extensions.get(type);
        if (exact != null) {
            return Optional.of(type.cast(exact));
        }
        for (Object o : extensions.values()) {
            if (type.isInstance(o)) {
                return Optional.of(type.cast(o));
            }
        }
        return Optional.empty();
    }
}
