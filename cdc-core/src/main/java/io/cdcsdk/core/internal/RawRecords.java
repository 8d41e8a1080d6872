package io.cdcsdk.core.internal;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Nullable;

/**
 * Attaches a bad record's bytes and its format's name to the {@link ChangeReadException} a reader
 * throws for it ({@link ChangeReadException#rawRecord()}), without a public setter: the exception
 * installs the way in when its class is initialized, before any instance exists.
 */
public final class RawRecords {
    /** What the exception installs. */
    @FunctionalInterface
    public interface Attach {
        /** Sets what is not null on {@code e}. */
        void attach(ChangeReadException e, @Nullable Bytes raw, @Nullable String format);
    }

    private static volatile Attach attach;

    private RawRecords() {
    }

    /** Called once, by {@link ChangeReadException}'s class initializer; later calls change nothing. */
    public static synchronized void install(Attach way) {
        if (attach == null) {
            attach = way;
        }
    }

    /**
     * Gives {@code e} the record's bytes and the format's name where it has none yet; a null
     * argument leaves that part as it is.
     */
    public static void attach(ChangeReadException e, @Nullable Bytes raw, @Nullable String format) {
        attach.attach(e, e.rawRecord().isPresent() ? null : raw, e.format().isPresent() ? null : format);
    }
}
