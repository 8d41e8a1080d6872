package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.dynamodb.DynamoDbExportOptions;
import io.cdcsdk.dynamodb.DynamoDbExportManifest;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code dynamodb-export} adapter: DynamoDB exports to S3 in DynamoDB JSON.
 *
 * <ul>
 * <li>Full-export data files ({@code {"Item": ...}} per line, usually gzip) give one
 *     {@link io.cdcsdk.core.Operation#SNAPSHOT} event per item, the item as {@code after}.</li>
 * <li>Incremental-export lines ({@code Metadata.WriteTimestampMicros}, {@code Keys},
 *     {@code NewImage}, {@code OldImage}) give changes: both images an update, only the new image
 *     an insert, no new image a delete; {@code ts} from the write timestamp (microseconds).</li>
 * <li>Opened on a local {@code manifest-summary.json} or {@code manifest-files.json} (an export
 *     downloaded with its S3 layout), it reads every data file the manifest lists, with the table
 *     name from the summary's {@code tableArn}; see {@link DynamoDbExportManifest}. Each data file
 *     is checked against its manifest entry at its end: the items read against {@code itemCount},
 *     the MD5 of its stored (compressed) bytes against {@code md5Checksum}, where the entry gives
 *     them. A file that is short, long or has other bytes fails as MALFORMED naming the file; under
 *     SKIP it is reported and reading goes on with the next file.</li>
 * <li>Full-export items are whole: their after image is {@link io.cdcsdk.core.Completeness#FULL}.</li>
 * </ul>
 *
 * <p>Data files name no table and full exports no key: pass {@link DynamoDbExportOptions}. Amazon
 * Ion exports are not read.
 */
public final class DynamoDbExportAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "dynamodb-export";
    private static final Pattern ITEM_FIRST = Pattern.compile("^\\s*\\{\\s*\"Item\"\\s*:\\s*\\{");
    private static final Pattern INCREMENTAL = Pattern.compile("^\\s*\\{\\s*\"(Metadata|Keys|NewImage|OldImage)\"\\s*:");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection detect(Head head) {
        String text = head.text();
        if (ITEM_FIRST.matcher(text).find()) {
            return Detection.CERTAIN;
        }
        if (INCREMENTAL.matcher(text).find() && text.contains("\"WriteTimestampMicros\"")) {
            return Detection.CERTAIN;
        }
        if (text.contains("\"manifestFilesS3Key\"") && text.contains("\"exportArn\"")
                || text.contains("\"dataFileS3Key\"")) {
            return Detection.CERTAIN;
        }
        String name = head.sourceName().replace('\\', '/');
        if (name.contains("AWSDynamoDB/") && name.contains("/data/") && head.fileName().endsWith(".json")) {
            return Detection.NAME;
        }
        return Detection.NO;
    }

    @Override
    public ChangeReader open(InputStream in, ReadContext context) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
        buffered.mark(64);
        byte[] start = buffered.readNBytes(32);
        buffered.reset();
        if (new String(start, StandardCharsets.UTF_8).stripLeading().startsWith("$ion_1_0")) {
            buffered.close();
            throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, Position.of(context.sourceName()),
                    "an Amazon Ion export; only DYNAMODB_JSON exports are read");
        }
        in = buffered;
        DynamoDbExportOptions options = context.options().extension(DynamoDbExportOptions.class)
                .orElse(new DynamoDbExportOptions(null, List.of()));
        return new ExportReader(in, context, options.tableName(), options.keyAttributes());
    }
}
