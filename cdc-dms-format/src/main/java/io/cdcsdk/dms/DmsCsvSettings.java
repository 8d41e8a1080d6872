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
    /**
     * Checks that the delimiter can separate fields.
     *
     * @param delimiter  the {@code CsvDelimiter}
     * @param nullString the {@code CsvNullValue}, or {@code null} for the DMS default
     * @throws IllegalArgumentException when the delimiter is {@code "}, {@code \n} or {@code \r}
     */
    public DmsCsvSettings {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
    }

    /** {@return the DMS defaults: {@code ,} as delimiter, an empty unquoted field as NULL} */
    public static DmsCsvSettings defaults() {
        return new DmsCsvSettings(',', null);
    }

    /**
     * {@return a copy with another delimiter}
     *
     * @param delimiter the {@code CsvDelimiter} of the task, for example {@code ;} or a tab
     * @throws IllegalArgumentException when the delimiter is {@code "}, {@code \n} or {@code \r}
     */
    public DmsCsvSettings withDelimiter(char delimiter) {
        return new DmsCsvSettings(delimiter, nullString);
    }

    /**
     * {@return a copy with another null string}
     *
     * @param nullString the {@code CsvNullValue} of the task, or {@code null} for the DMS default
     *                   (an empty unquoted field is NULL)
     */
    public DmsCsvSettings withNullString(@Nullable String nullString) {
        return new DmsCsvSettings(delimiter, nullString);
    }
}
