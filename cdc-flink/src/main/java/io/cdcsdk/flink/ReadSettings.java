package io.cdcsdk.flink;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.dms.TableDefinitions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How every source of this module reads: the adapter (a name, or detection), the table
 * definitions (kept as their JSON, so that the settings travel to the task managers), whether a
 * bad record fails the job or is skipped, and which tables pass. Immutable.
 */
final class ReadSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    final String format;
    private final byte[] tableDefinitions;
    final boolean ignoreParseErrors;
    private final String tableInclude;

    private transient FormatRegistry registry;
    private transient TableDefinitions tables;
    private transient Pattern include;

    ReadSettings(String format, byte[] tableDefinitions, boolean ignoreParseErrors, String tableInclude) {
        this.format = format;
        this.tableDefinitions = tableDefinitions == null ? null : tableDefinitions.clone();
        this.ignoreParseErrors = ignoreParseErrors;
        this.tableInclude = tableInclude;
        if (tableDefinitions != null) {
            tables(); // a bad file fails when the job is built, not on the task managers
        }
        if (tableInclude != null) {
            Pattern.compile(tableInclude);
        }
    }

    static ReadSettings defaults() {
        return new ReadSettings(null, null, false, null);
    }

    /** The adapters on the class path of the library, a user's own included. */
    FormatRegistry registry() {
        if (registry == null) {
            registry = FormatRegistry.discover();
        }
        return registry;
    }

    /** The read options: the table definitions as an extension, and the error policy. */
    ReadOptions options(Consumer<ChangeReadException> skipped) {
        ReadOptions options = ReadOptions.defaults();
        if (tableDefinitions != null) {
            options = options.withExtension(tables());
        }
        return ignoreParseErrors ? options.skipOnError(skipped) : options;
    }

    private TableDefinitions tables() {
        if (tables == null) {
            try {
                tables = TableDefinitions.parse(new ByteArrayInputStream(tableDefinitions));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tables;
    }

    /** Whether the event's {@code schema.table} matches the include pattern (every event when none). */
    boolean included(ChangeEvent event) {
        if (tableInclude == null) {
            return true;
        }
        if (include == null) {
            include = Pattern.compile(tableInclude);
        }
        return include.matcher(event.source().qualifiedTable()).matches();
    }
}
