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

    /**
     * {@return the defaults: fail on the first bad record, {@link Limits#DEFAULTS}, no extensions}
     */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return a copy that fails on the first bad record} The reader throws
     * {@link ChangeReadException}; a skip listener set before is dropped.
     */
    public ReadOptions failOnError() {
        return new ReadOptions(OnError.FAIL, NO_LISTENER, limits, extensions);
    }

    /**
     * Skip bad records; each one reaches {@code listener} (source, position, reason) before the
     * reader goes on. Nothing is skipped without a call.
     *
     * @param listener called on the reading thread with each skipped record's error; an exception
     *                 it throws propagates from the reader's {@code hasNext()}
     * @return a copy with {@link OnError#SKIP} and this listener
     */
    public ReadOptions skipOnError(Consumer<ChangeReadException> listener) {
        return new ReadOptions(OnError.SKIP, Objects.requireNonNull(listener, "listener"), limits, extensions);
    }

    /**
     * {@return a copy with other limits}
     *
     * @param limits the bounds for each record; not {@code null}
     */
    public ReadOptions withLimits(Limits limits) {
        return new ReadOptions(onError, skipListener, Objects.requireNonNull(limits, "limits"), extensions);
    }

    /**
     * Adds an adapter-specific setting, found again by its class with {@link #extension(Class)}.
     * A later extension of the same class replaces the earlier one. Adapters ignore settings that
     * are not theirs.
     *
     * @param extension the setting, for example DMS table definitions; not {@code null}
     * @return a copy with the extension
     */
    public ReadOptions withExtension(Object extension) {
        Map<Class<?>, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(extension.getClass(), extension);
        return new ReadOptions(onError, skipListener, limits, Map.copyOf(copy));
    }

    /** {@return what a reader does with a record it cannot read} */
    public OnError onError() {
        return onError;
    }

    /**
     * {@return the listener that receives each skipped record's error} It does nothing unless
     * {@link #skipOnError(Consumer)} set one; it is not called under {@link OnError#FAIL}.
     */
    public Consumer<ChangeReadException> skipListener() {
        return skipListener;
    }

    /** {@return the bounds each record is read within} */
    public Limits limits() {
        return limits;
    }

    /**
     * The extension of {@code type}, or of a subtype of it, if one was added. An extension of
     * exactly that class wins over one of a subtype.
     *
     * @param <T>  the setting's type
     * @param type the setting's class
     * @return the setting, or empty when none was added
     */
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
