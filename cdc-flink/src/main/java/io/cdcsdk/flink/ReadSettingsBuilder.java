package io.cdcsdk.flink;

import java.util.Objects;

/**
 * The settings every builder of this module shares: the error policy and the tables that pass.
 *
 * @param <B> the builder's own type
 */
abstract class ReadSettingsBuilder<B extends ReadSettingsBuilder<B>> {
    boolean ignoreParseErrors;
    String tableInclude;

    ReadSettingsBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Skips a bad record, counting it in the {@code numRecordsInErrors} metric, instead of failing
     * the job.
     *
     * @param ignore true to skip bad records; false (the default) to fail the job
     * @return this builder
     */
    public B ignoreParseErrors(boolean ignore) {
        this.ignoreParseErrors = ignore;
        return self();
    }

    /**
     * Emits only the events of the tables whose {@code schema.table} matches.
     *
     * @param regex a regular expression matched against the whole {@code schema.table}
     * @return this builder
     */
    public B tableInclude(String regex) {
        this.tableInclude = Objects.requireNonNull(regex, "regex");
        return self();
    }
}
