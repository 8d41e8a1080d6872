package io.cdcsdk.dynamodb;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.internal.JsonFrameReader;
import io.cdcsdk.dynamodb.internal.ExportManifests;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifests of a DynamoDB export to S3: {@code manifest-summary.json} (what was exported) and
 * {@code manifest-files.json} (JSON Lines, one entry per data file). Use them to find the data
 * files of an export; the {@code dynamodb-export} adapter reads a local export this way when it
 * is opened on either manifest.
 */
public final class DynamoDbExportManifest {
    private DynamoDbExportManifest() {
    }

    /**
     * {@code manifest-summary.json}.
     *
     * @param exportArn          the export's ARN
     * @param tableArn           the exported table's ARN
     * @param exportType         {@code FULL_EXPORT} or {@code INCREMENTAL_EXPORT}; {@code null} in full-export summaries that omit it
     * @param outputFormat       {@code DYNAMODB_JSON} or {@code ION}
     * @param manifestFilesS3Key the key of {@code manifest-files.json}, relative to the export prefix
     * @param itemCount          the number of items, or {@code null}
     * @param exportTime         the point in time exported, as written
     */
    public record Summary(@Nullable String exportArn, @Nullable String tableArn, @Nullable String exportType,
                          @Nullable String outputFormat, @Nullable String manifestFilesS3Key,
                          @Nullable BigDecimal itemCount, @Nullable String exportTime) {

        /**
         * {@return the table name from {@link #tableArn()}, or {@code null} when there is no ARN or
         * it is not a DynamoDB table ARN}
         */
        public @Nullable String tableName() {
            return ExportManifests.tableName(tableArn);
        }
    }

    /**
     * One entry of {@code manifest-files.json}.
     *
     * @param dataFileS3Key the data file's key, relative to the export prefix
     * @param itemCount     its number of items, or {@code null}; the {@code dynamodb-export}
     *                      reader checks it at the end of the file
     * @param md5Checksum   base64 MD5 of the file's bytes as stored (compressed), or {@code null};
     *                      the {@code dynamodb-export} reader checks it at the end of the file
     * @param etag          the S3 ETag, or {@code null}
     */
    public record DataFile(String dataFileS3Key, @Nullable BigDecimal itemCount, @Nullable String md5Checksum,
                           @Nullable String etag) {
    }

    /**
     * Reads a {@code manifest-summary.json}.
     *
     * @param in         the manifest's JSON text; closed when this method returns
     * @param sourceName the name errors give as the source of their position, for example the path
     * @return the summary; a member the manifest does not have is {@code null}
     * @throws IOException         when reading {@code in} fails
     * @throws ChangeReadException when it is empty, not valid JSON or not an object
     */
    public static Summary readSummary(InputStream in, String sourceName) throws IOException {
        try (JsonFrameReader frames = new JsonFrameReader(in, sourceName, Limits.DEFAULTS)) {
            JsonFrame frame = frames.next();
            if (frame == null) {
                throw ChangeReadException.malformed(Position.of(sourceName), "empty manifest summary");
            }
            return ExportManifests.summary(frame, Limits.DEFAULTS);
        }
    }

    /**
     * Reads a {@code manifest-files.json} (JSON Lines).
     *
     * @param in         the manifest's JSON Lines; closed when this method returns
     * @param sourceName the name errors give as the source of their position, for example the path
     * @return the entries in file order; empty for an empty file
     * @throws IOException         when reading {@code in} fails
     * @throws ChangeReadException when a line is not a manifest entry with {@code dataFileS3Key}
     *                             (MISSING_FIELD, UNEXPECTED_TYPE) or not valid JSON (MALFORMED)
     */
    public static List<DataFile> readDataFiles(InputStream in, String sourceName) throws IOException {
        List<DataFile> files = new ArrayList<>();
        try (JsonFrameReader frames = new JsonFrameReader(in, sourceName, Limits.DEFAULTS)) {
            JsonFrame frame;
            while ((frame = frames.next()) != null) {
                files.add(ExportManifests.dataFile(frame, Limits.DEFAULTS));
            }
        }
        return files;
    }

    /**
     * The local data files of an export downloaded with its S3 layout, from its
     * {@code manifest-summary.json} or {@code manifest-files.json}. Keys in the manifests are
     * relative to the export prefix, the folder that holds {@code AWSDynamoDB}.
     *
     * @param manifest the path of either manifest; a summary leads to the
     *                 {@code manifest-files.json} it names, or to the one beside it
     * @return the paths of the data files, in the order of {@code manifest-files.json}; whether
     *         they exist is not checked
     * @throws IOException         when a manifest cannot be read
     * @throws ChangeReadException when a manifest is not valid, as for {@link #readSummary} and
     *                             {@link #readDataFiles}
     */
    public static List<Path> dataFiles(Path manifest) throws IOException {
        Path root = ExportManifests.root(manifest);
        List<Path> paths = new ArrayList<>();
        for (DataFile f : ExportManifests.entries(manifest)) {
            paths.add(root.resolve(f.dataFileS3Key()));
        }
        return paths;
    }
}
