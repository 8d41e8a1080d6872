package io.cdcsdk.dms;

import io.cdcsdk.core.Nullable;

/**
 * Settings of the {@code dms-json} adapter, passed as a read option extension
 * ({@code ReadOptions.withExtension(DmsJsonSettings.beforeImageField("before-image"))}).
 *
 * <p>DMS puts the before image of an update under the top-level key the task's
 * {@code BeforeImageSettings.FieldName} names; that name has no default. Without a configured name,
 * any top-level object of a data record other than {@code data}, {@code metadata} and
 * {@code control} is taken as the before image.
 */
public final class DmsJsonSettings {
    private static final DmsJsonSettings DEFAULTS = new DmsJsonSettings(null);

    private final String beforeImageField;

    private DmsJsonSettings(String beforeImageField) {
        this.beforeImageField = beforeImageField;
    }

    /** {@return the defaults: any extra top-level object of a data record is the before image} */
    public static DmsJsonSettings defaults() {
        return DEFAULTS;
    }

    /**
     * {@return settings that take the before image only from the top-level key {@code fieldName}}
     * Other extra top-level objects are then ignored; a record whose {@code fieldName} member is
     * not an object is a bad record ({@code UNEXPECTED_TYPE}).
     *
     * @param fieldName the task's {@code BeforeImageSettings.FieldName}
     * @throws IllegalArgumentException when {@code fieldName} is {@code null} or empty
     */
    public static DmsJsonSettings beforeImageField(String fieldName) {
        if (fieldName == null || fieldName.isEmpty()) {
            throw new IllegalArgumentException("the before-image field name must not be empty");
        }
        return new DmsJsonSettings(fieldName);
    }

    /** {@return the configured before-image key, or {@code null} when any extra object is taken} */
    public @Nullable String beforeImageField() {
        return beforeImageField;
    }
}
