package io.cdcsdk.router;

import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.SourceInfo;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Selects the tables a registration applies to: one exact table, or a pattern for many. Exact
 * selections take precedence over patterns; patterns are tried in registration order. Immutable.
 *
 * <pre>{@code
 * Tables.table("public", "orders")     // exact schema and table
 * Tables.table("orders")               // exact table, source without schema (DynamoDB)
 * Tables.schema("inventory")           // every table of a schema
 * Tables.matching("public.order_*")    // glob on schema.table: * any run, ? one character
 * Tables.any()                         // every table
 * }</pre>
 */
public final class Tables {
    private final @Nullable String schema;
    private final @Nullable String table;
    private final boolean exact;
    private final @Nullable Pattern pattern;
    private final String description;

    private Tables(@Nullable String schema, @Nullable String table, boolean exact, @Nullable Pattern pattern,
                   String description) {
        this.schema = schema;
        this.table = table;
        this.exact = exact;
        this.pattern = pattern;
        this.description = description;
    }

    /**
     * {@return a selection of exactly this schema and table}
     *
     * @param schema the schema; empty selects as {@link #table(String)} does
     * @param table  the table
     */
    public static Tables table(String schema, String table) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (schema.isEmpty()) {
            return table(table);
        }
        return new Tables(schema, table, true, null, schema + "." + table);
    }

    /**
     * {@return a selection of exactly this table of a source without schema (or with an empty
     * one)} A table of that name in a schema is not selected.
     *
     * @param table the table, for example a DynamoDB table name
     */
    public static Tables table(String table) {
        Objects.requireNonNull(table, "table");
        return new Tables(null, table, true, null, table);
    }

    /**
     * {@return a selection of every table of the schema}
     *
     * @param schema the schema, matched exactly
     */
    public static Tables schema(String schema) {
        Objects.requireNonNull(schema, "schema");
        return new Tables(schema, null, false, null, schema + ".*");
    }

    /**
     * Tables whose {@link SourceInfo#qualifiedTable()} matches a glob: {@code *} any run of
     * characters, {@code ?} one character, everything else literal.
     *
     * @param glob matched against the whole of {@code schema.table}, or of the table alone for a
     *             source without schema; case matters
     * @return the selection
     */
    public static Tables matching(String glob) {
        Objects.requireNonNull(glob, "glob");
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Tables(null, null, false, Pattern.compile(re.toString(), Pattern.DOTALL), glob);
    }

    /** {@return a selection of every table, including events that concern no single table} */
    public static Tables any() {
        return new Tables(null, null, false, null, "*");
    }

    /** Whether this selects one exact table. */
    boolean isExact() {
        return exact;
    }

    /**
     * {@return whether the event's source belongs to the selection}
     *
     * @param source an event's {@link io.cdcsdk.core.ChangeEvent#source()}
     */
    public boolean matches(SourceInfo source) {
        if (exact) {
            return Objects.equals(table, source.table()) && Objects.equals(norm(schema), norm(source.schema()));
        }
        if (pattern != null) {
            return pattern.matcher(source.qualifiedTable()).matches();
        }
        if (schema != null) {
            return Objects.equals(schema, source.schema());
        }
        return true;
    }

    /** The exact table this selects; only for {@link #isExact()} selections. */
    Name name() {
        return new Name(schema, table);
    }

    /**
     * An exact table: schema (or {@code null} for none or an empty one) and table. The router looks
     * an event's registration up by it, without making a string per event.
     */
    record Name(@Nullable String schema, @Nullable String table) {
        static Name of(SourceInfo source) {
            return new Name(norm(source.schema()), source.table());
        }
    }

    private static @Nullable String norm(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Selections are equal when they select the same tables in the same way. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tables t && exact == t.exact && description.equals(t.description)
                && (pattern == null) == (t.pattern == null) && Objects.equals(schema, t.schema);
    }

    @Override
    public int hashCode() {
        return description.hashCode();
    }

    /**
     * {@return the selection as written: {@code schema.table}, {@code table}, {@code schema.*},
     * the glob, or {@code *}}
     */
    @Override
    public String toString() {
        return description;
    }
}
