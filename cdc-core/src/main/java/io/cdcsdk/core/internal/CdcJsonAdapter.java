package io.cdcsdk.core.internal;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.JsonChangeReader;
import io.cdcsdk.core.spi.ReadContext;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Reads the ChangeEvent JSON form back ({@code cdc-json}): NDJSON as the command-line tool writes
 * it, and any other JSON layout the frame reader accepts. Events keep their {@code source} and
 * {@code meta}, so {@code cat} of a {@code cat} output prints the same events.
 */
public final class CdcJsonAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "cdc-json";
    private static final Pattern OP_FIRST = Pattern.compile("^\\s*\\[?\\s*\\{\\s*\"op\"\\s*:\\s*\"[a-z]+\"\\s*,\\s*\"source\"\\s*:");
    private static final Pattern HAS_FIELDS = Pattern.compile("\"op\"\\s*:\\s*\"(insert|update|delete|snapshot|ddl)\"");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection detect(Head head) {
        String text = head.text();
        if (OP_FIRST.matcher(text).find()) {
            return Detection.CERTAIN;
        }
        if (HAS_FIELDS.matcher(text).find() && text.contains("\"source\"") && text.contains("\"meta\"")) {
            return Detection.CONTENT;
        }
        return Detection.NO;
    }

    @Override
    public ChangeReader open(InputStream in, ReadContext context) {
        return JsonChangeReader.of(in, context, new ChangeEventJsonConverter());
    }
}
