package io.cdcsdk.dms.internal;

import java.io.Closeable;
import java.io.IOException;

/** Where {@link ParquetRows} gets its rows: the Avro reader or the flat fast path. */
interface RowSource extends Closeable {
    /** The values of the next row, or {@code null} at the end; see {@link ParquetRows#next()}. */
    Object[] next() throws IOException;

    /** The names of the values {@link #next()} returned last; see {@link ParquetRows#names()}. */
    String[] names();
}
