package io.cdcsdk.examples;

import io.cdcsdk.dms.TableDefinitions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The DMS table definitions a Lambda example takes from its configuration: the columns of CSV
 * written without a header row, the primary keys of tables whose records do not carry them.
 */
public final class ConfiguredTables {
    /** The environment variable that may hold the table definitions JSON. */
    public static final String ENV = "CDC_TABLE_DEFINITIONS";
    /** The class-path resource that may hold the table definitions JSON. */
    public static final String RESOURCE = "/table-definitions.json";

    private ConfiguredTables() {
    }

    /** {@return the table definitions from the environment, else the class path, else none} */
    public static TableDefinitions read() {
        try {
            String json = System.getenv(ENV);
            if (json != null && !json.isBlank()) {
                return TableDefinitions.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            }
            try (InputStream in = ConfiguredTables.class.getResourceAsStream(RESOURCE)) {
                return in == null ? TableDefinitions.empty() : TableDefinitions.parse(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the table definitions failed", e);
        }
    }
}
