package io.cdcsdk.core;

/** What a reader does with a record it cannot read. */
public enum OnError {
    /** Throw {@link ChangeReadException}; the reader ends. The default. */
    FAIL,
    /**
     * Report the record to the skip listener of {@link ReadOptions} and go on with the next record
     * the format lets the reader find (the next line, array element or top-level value).
     */
    SKIP
}
