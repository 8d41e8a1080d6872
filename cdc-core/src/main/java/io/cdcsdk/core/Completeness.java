package io.cdcsdk.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How complete an image of a {@link ChangeEvent} is, as its source says.
 *
 * @see Images
 */
public enum Completeness {
    /** Every column of the row. */
    FULL,
    /** Only the key columns: DynamoDB {@code KEYS_ONLY} streams, deletes that give the key alone. */
    KEYS,
    /**
     * Some columns were not supplied; the event's {@link ChangeEvent#unavailable()} names them. A
     * consumer that applies changes keeps the values it holds for those columns.
     */
    PARTIAL,
    /**
     * The source does not give this image: for example no before image of a DMS update without
     * before-image settings, or of a DynamoDB {@code NEW_IMAGE} stream.
     */
    ABSENT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /**
     * {@return the name used in the ChangeEvent JSON form} The constant's name in lower case:
     * {@code full}, {@code keys}, {@code partial} or {@code absent}.
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The completeness with the given JSON-form name.
     *
     * @param name a name as {@link #wireName()} gives it; case matters
     * @return the completeness
     * @throws IllegalArgumentException naming the allowed names when {@code name} is not one
     */
    public static Completeness fromWireName(String name) {
        for (Completeness c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown image completeness; expected one of "
                + Arrays.stream(values()).map(Completeness::wireName).collect(Collectors.joining(", ")));
    }
}
