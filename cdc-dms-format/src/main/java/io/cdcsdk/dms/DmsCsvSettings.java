package io.cdcsdk.dms;

import io.cdcsdk.core.Nullable;

/**
 * Settings of the {@code dms-csv} adapter, passed as a read option extension. The defaults match
 * the DMS defaults: {@code ,} as delimiter, NULL written as an empty unquoted field, and no
 * {@code CsvNoSupValue}.
 *
 * @param delimiter  the {@code CsvDelimiter} (one character)
 * @param nullString the {@code CsvNullValue}: an unquoted field equal to it is NULL; when set, an
 *                   empty unquoted field is the empty string. {@code null} for the DMS default
 *                   (an empty unquoted field is NULL)
 * @param noSupValue the {@code CsvNoSupValue} of a task with {@code UseCsvNoSupValue}: an unquoted
 *                   field equal to it is a column missing from the supplemental log, left out of
 *                   the image and listed in the event's {@code unavailable}; {@code null} for none.
 *                   A table definition's {@code noSupValue} (of the table, else of the
 *                   definitions) comes first
 */
public record DmsCsvSettings(char delimiter, @Nullable String nullString, @Nullable String noSupValue) {
    /**
     * Checks that the delimiter can separate fields.
     *
     * @param delimiter  the {@code CsvDelimiter}
     * @param nullString the {@code CsvNullValue}, or {@code null} for the DMS default
     * @param noSupValue the {@code CsvNoSupValue}, or {@code null} for none
     * @throws IllegalArgumentException when the delimiter is {@code "}, {@code \n} or {@code \r}
     */
    public DmsCsvSettings {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
    }

    /** {@return the DMS defaults: {@code ,} as delimiter, an empty unquoted field as NULL, no {@code CsvNoSupValue}} */
    public static DmsCsvSettings defaults() {
        return new DmsCsvSettings(',', null, null);
    }

    /**
     * {@return a copy with another delimiter}
     *
     * @param delimiter the {@code CsvDelimiter} of the task, for example {@code ;} or a tab
     * @throws IllegalArgumentException when the delimiter is {@code "}, {@code \n} or {@code \r}
     */
    public DmsCsvSettings withDelimiter(char delimiter) {
        return new DmsCsvSettings(delimiter, nullString, noSupValue);
    }

    /**
     * {@return a copy with another null string}
     *
     * @param nullString the {@code CsvNullValue} of the task, or {@code null} for the DMS default
     *                   (an empty unquoted field is NULL)
     */
    public DmsCsvSettings withNullString(@Nullable String nullString) {
        return new DmsCsvSettings(delimiter, nullString, noSupValue);
    }

    /**
     * {@return a copy with another {@code CsvNoSupValue}}
     *
     * @param noSupValue the {@code CsvNoSupValue} of a task with {@code UseCsvNoSupValue}, or
     *                   {@code null} for none
     */
    public DmsCsvSettings withNoSupValue(@Nullable String noSupValue) {
        return new DmsCsvSettings(delimiter, nullString, noSupValue);
    }
}
