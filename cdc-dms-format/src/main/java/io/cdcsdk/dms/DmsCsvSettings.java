package io.cdcsdk.dms;

import io.cdcsdk.core.Nullable;

/**
 * Settings of the {@code dms-csv} adapter, passed as a read option extension. The defaults match
 * the DMS defaults: {@code ,} as delimiter and NULL written as an empty unquoted field.
 *
 * @param delimiter  the {@code CsvDelimiter} (one character)
 * @param nullString the {@code CsvNullValue}: an unquoted field equal to it is NULL; when set, an
 *                   empty unquoted field is the empty string. {@code null} for the DMS default
 *                   (an empty unquoted field is NULL)
 */
public record DmsCsvSettings(char delimiter, @Nullable String nullString) {
    /** Validates the delimiter. */
    public DmsCsvSettings {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
    }

    /** The DMS defaults. */
    public static DmsCsvSettings defaults() {
        return new DmsCsvSettings(',', null);
    }

    /** A copy with another delimiter. */
    public DmsCsvSettings withDelimiter(char delimiter) {
        return new DmsCsvSettings(delimiter, nullString);
    }

    /** A copy with another null string ({@code null} for the default). */
    public DmsCsvSettings withNullString(@Nullable String nullString) {
        return new DmsCsvSettings(delimiter, nullString);
    }
}
