package io.cdcsdk.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.ValidationException;

/** The options of the SQL format {@code cdc}, written {@code cdc.<option>} in a table's WITH clause. */
final class CdcFormatOptions {
    static final ConfigOption<String> FORMAT = ConfigOptions.key("format").stringType().noDefaultValue()
            .withDescription("The adapter name (dms-csv, dms-json, dms-parquet, dynamodb-stream, ...); detected when absent.");
    static final ConfigOption<String> TABLE_DEF = ConfigOptions.key("table-def").stringType().noDefaultValue()
            .withDescription("Table definitions JSON (columns and keys of header-less DMS CSV), a path on any Flink file system.");
    static final ConfigOption<String> TABLE_INCLUDE = ConfigOptions.key("table-include").stringType().noDefaultValue()
            .withDescription("A regular expression on schema.table: only the events of matching tables become rows.");
    static final ConfigOption<Boolean> IGNORE_PARSE_ERRORS = ConfigOptions.key("ignore-parse-errors").booleanType()
            .defaultValue(false).withDescription("Skip bad records instead of failing the job.");
    static final ConfigOption<String> DDL = ConfigOptions.key("ddl").stringType().defaultValue("skip")
            .withDescription("What a DDL event does: skip (no row) or fail (the job fails).");

    static final Set<ConfigOption<?>> OPTIONAL = Set.of(FORMAT, TABLE_DEF, TABLE_INCLUDE, IGNORE_PARSE_ERRORS, DDL);

    private CdcFormatOptions() {
    }

    /** The read settings of a table's options; the table definitions are read now, where the job is planned. */
    static ReadSettings settings(ReadableConfig options) {
        byte[] tables = options.getOptional(TABLE_DEF).map(CdcFormatOptions::read).orElse(null);
        return new ReadSettings(options.getOptional(FORMAT).orElse(null), tables,
                options.get(IGNORE_PARSE_ERRORS), options.getOptional(TABLE_INCLUDE).orElse(null));
    }

    static boolean failOnDdl(ReadableConfig options) {
        String ddl = options.get(DDL);
        if (!ddl.equals("skip") && !ddl.equals("fail")) {
            throw new ValidationException("cdc.ddl must be skip or fail, not " + ddl);
        }
        return ddl.equals("fail");
    }

    private static byte[] read(String location) {
        Path path = new Path(location);
        try (InputStream in = path.getFileSystem().open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the table definitions " + location, e);
        }
    }
}
