package io.cdcsdk.router;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider for this module's tests only: keeps every line logged at DEBUG and above in
 * memory, as {@code LEVEL logger: message}, so a test can read what the router logged.
 */
public final class CapturedLog implements SLF4JServiceProvider {
    private static final List<String> LINES = new ArrayList<>();

    /** The lines logged since the last {@link #clear()}. */
    static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    /** Forgets the lines logged so far. */
    static void clear() {
        synchronized (LINES) {
            LINES.clear();
        }
    }

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return Capturing::new;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class Capturing extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        Capturing(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable throwable) {
            String line = level + " " + name + ": " + MessageFormatter.basicArrayFormat(pattern, args)
                    + (throwable == null ? "" : " | " + throwable);
            synchronized (LINES) {
                LINES.add(line);
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
