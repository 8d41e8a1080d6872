package io.cdcsdk.dms.internal;

import io.cdcsdk.dms.TableDefinitions;
import io.cdcsdk.dms.DmsObjectKey;
import io.cdcsdk.dms.DmsCsvSettings;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The {@code dms-csv} format: files of the DMS S3 target in CSV. Header-less files need
 * {@link TableDefinitions} (a read option extension); files with a header row
 * ({@code AddColumnName}) are read without. Schema and table come from the object key
 * ({@link DmsObjectKey}); for a name without those folders, from the only table of the
 * definitions. Rows of {@code LOAD*} files are snapshots; {@code CDC_TXN-*} files name the table in
 * every row. A header row's first cell is the operation column when it is named {@code Op} (any
 * case), else a data column (a {@code LOAD} file without {@code IncludeOpForFullLoad}). Settings:
 * {@link DmsCsvSettings}. Unavailable columns ({@code CsvNoSupValue}, {@code nullMeansUnavailable})
 * are left out of the image and listed in the event's {@code unavailable}.
 *
 * <p>Limits: a row may not exceed {@code Limits.maxRecordBytes} (its UTF-8 size, quoted line breaks
 * included), a field {@code Limits.maxStringLength} characters, and a row 65,536 fields. A bad row
 * (an unbalanced quote, text after a closing quote, a limit exceeded, a wrong field count) fails at
 * the line it starts on; under {@code OnError.SKIP} reading goes on at the next line. A quote that
 * is never closed thus runs at most to the end of the input or the record limit, and the lines it
 * ran over are read again as rows: a stray quote costs only the line it stands on.
 */
public final class DmsCsvAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "dms-csv";

    /** Creates the adapter (used by {@link java.util.ServiceLoader}). */
    public DmsCsvAdapter() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@code CONTENT} when the input is not JSON and its first field is an Op ({@code I}, {@code U},
     * {@code D} or the full keyword) followed by a comma; {@code NAME} for {@code .csv},
     * {@code LOAD*} and {@code CDC_TXN-*} names; else {@code NO}.
     */
    @Override
    public Detection detect(Head head) {
        try {
            char c = head.firstSignificantChar();
            if (c == '{' || c == '[') {
                return Detection.NO;
            }
            String t = head.text();
            String upper = t.substring(0, Math.min(t.length(), 8)).toUpperCase(Locale.ROOT);
            if (upper.startsWith("\uFEFF")) {
                upper = upper.substring(1);
            }
            boolean opFirst = upper.startsWith("I,") || upper.startsWith("U,") || upper.startsWith("D,")
                    || upper.startsWith("INSERT,") || upper.startsWith("UPDATE,") || upper.startsWith("DELETE,");
            if (opFirst) {
                return Detection.CONTENT;
            }
            String name = head.fileName();
            DmsObjectKey key = DmsObjectKey.parse(name);
            if (name.endsWith(".csv") || key.kind() == DmsObjectKey.Kind.LOAD && !name.endsWith(".parquet")
                    || name.startsWith("cdc_txn-")) {
                return Detection.NAME;
            }
            return Detection.NO;
        } catch (RuntimeException e) {
            return Detection.NO;
        }
    }

    /** {@inheritDoc} */
    @Override
    public ChangeReader open(InputStream in, ReadContext context) throws IOException {
        return new DmsCsvReader(in, context);
    }
}
