package io.cdcsdk.examples.cli;

import io.cdcsdk.core.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;

/** {@code --table-def FILE}: DMS table definitions for header-less CSV, passed to dms-csv as an extension. */
final class TableDefinitionOption {
    private TableDefinitionOption() {
    }

    static ReadOptions apply(String file, ReadOptions options) throws IOException {
        if (file == null) {
            return options;
        }
        return options.withExtension(io.cdcsdk.dms.TableDefinitions.read(Path.of(file)));
    }
}
