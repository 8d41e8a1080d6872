package io.cdcsdk.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a {@link ChangeEvent} did to its row. */
public enum Operation {
    /** A row was inserted. */
    INSERT,
    /** A row was changed; {@code before} holds the old image where the source gives one. */
    UPDATE,
    /** A row was deleted; {@code before} holds what the source gives of the deleted row. */
    DELETE,
    /** A row of a full load or export: the row's state, not a change. */
    SNAPSHOT,
    /** A schema or control record: create, drop, rename or alter a table, column changes. */
    DDL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /**
     * {@return the name used in the ChangeEvent JSON form} The constant's name in lower case:
     * {@code insert}, {@code update}, {@code delete}, {@code snapshot} or {@code ddl}.
     */
    public String wireName() {
        return wireName;
    }

    /**
     * {@return whether the event changes a row} True for {@link #INSERT}, {@link #UPDATE} and
     * {@link #DELETE}; false for {@link #SNAPSHOT} and {@link #DDL}.
     */
    public boolean isChange() {
        return this == INSERT || this == UPDATE || this == DELETE;
    }

    /**
     * The operation with the given JSON-form name.
     *
     * @param name a name as {@link #wireName()} gives it; case matters
     * @return the operation
     * @throws IllegalArgumentException naming the five allowed names when {@code name} is not one
     */
    public static Operation fromWireName(String name) {
        for (Operation op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation; expected one of "
                + Arrays.stream(values()).map(Operation::wireName).collect(Collectors.joining(", ")));
    }
}
