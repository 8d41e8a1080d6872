package io.cdcsdk.core.spi;

/** How sure an adapter is that an input is its format. Higher wins; ties go to the earlier adapter. */
public enum Detection {
    /** Not this format. */
    NO,
    /** The file name suggests this format (for example {@code .csv}). */
    NAME,
    /** The content looks like this format. */
    CONTENT,
    /** The content is this format beyond doubt (magic bytes, a format-specific field). */
    CERTAIN
}
