package io.cdcsdk.core;

/**
 * How complete the before and after images of a {@link ChangeEvent} are; {@code null} on a side
 * means the source said nothing about it (unknown). The ChangeEvent JSON form writes this as its
 * optional {@code images} field.
 *
 * <p>A {@code null} before image of an insert, or after image of a delete, is absent by nature and
 * needs no entry here.
 *
 * @param before how complete {@link ChangeEvent#before()} is, or {@code null} when unknown
 * @param after  how complete {@link ChangeEvent#after()} is, or {@code null} when unknown
 */
public record Images(@Nullable Completeness before, @Nullable Completeness after) {
    /** Nothing known about either image: what events of sources that do not say carry. */
    public static final Images UNKNOWN = new Images(null, null);

    /** {@return whether neither side is known} */
    public boolean isUnknown() {
        return before == null && after == null;
    }
}
