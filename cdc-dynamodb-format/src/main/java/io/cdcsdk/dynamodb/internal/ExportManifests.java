package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.JsonParsing;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.dynamodb.DynamoDbExportManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The manifests of an export read from parser tokens, for the manifest API and the export reader. */
public final class ExportManifests {
    private ExportManifests() {
    }

    /** The folder above {@code AWSDynamoDB} on the manifest's path, else the manifest's grandparent. */
    public static Path root(Path manifest) {
        Path abs = manifest.toAbsolutePath();
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("AWSDynamoDB")) {
                return p.getParent();
            }
        }
        Path parent = abs.getParent();
        return parent != null && parent.getParent() != null ? parent.getParent() : parent;
    }

    /**
     * The entries of the {@code manifest-files.json} that a manifest leads to: itself, or the one a
     * {@code manifest-summary.json} names (else the one beside it), in file order.
     */
    public static List<DynamoDbExportManifest.DataFile> entries(Path manifest) throws IOException {
        Path files = manifest;
        try (InputStream in = Files.newInputStream(manifest)) {
            byte[] head = in.readNBytes(4096);
            String text = new String(head, StandardCharsets.UTF_8);
            if (text.contains("\"manifestFilesS3Key\"")) {
                DynamoDbExportManifest.Summary s;
                try (InputStream again = Files.newInputStream(manifest)) {
                    s = DynamoDbExportManifest.readSummary(again, manifest.toString());
                }
                files = s.manifestFilesS3Key() == null ? manifest.resolveSibling("manifest-files.json")
                        : root(manifest).resolve(s.manifestFilesS3Key());
                if (!Files.exists(files)) {
                    files = manifest.resolveSibling("manifest-files.json");
                }
            }
        }
        try (InputStream in = Files.newInputStream(files)) {
            return DynamoDbExportManifest.readDataFiles(in, files.toString());
        }
    }

    /** The table name of a DynamoDB table ARN, or null when it is not one. */
    public static String tableName(String tableArn) {
        return RecordMapping.tableFromArn(tableArn);
    }

    /**
     * A {@code manifest-summary.json} object.
     *
     * @throws ChangeReadException when it is not valid JSON or not an object
     */
    public static DynamoDbExportManifest.Summary summary(JsonFrame frame, Limits limits) {
        Members m = members(frame, limits);
        if (m.first != JsonToken.START_OBJECT) {
            throw ChangeReadException.unexpectedType(frame.position(), "$", "a manifest summary object", "another JSON value");
        }
        return new DynamoDbExportManifest.Summary(m.text("exportArn"), m.text("tableArn"), m.text("exportType"),
                m.text("outputFormat"), m.text("manifestFilesS3Key"), m.itemCount, m.text("exportTime"));
    }

    /**
     * A {@code manifest-files.json} entry.
     *
     * @throws ChangeReadException when it is not valid JSON or has no {@code dataFileS3Key} string
     */
    public static DynamoDbExportManifest.DataFile dataFile(JsonFrame frame, Limits limits) {
        Members m = members(frame, limits);
        String key = dataFileKey(m.tokens.get("dataFileS3Key"), m.text("dataFileS3Key"), frame.position());
        return new DynamoDbExportManifest.DataFile(key, m.itemCount, m.text("md5Checksum"), m.text("etag"));
    }

    /** The {@code dataFileS3Key} of a manifest-files entry, from its token (null when absent) and text. */
    static String dataFileKey(JsonToken token, String text, Position position) {
        if (token == null || token == JsonToken.VALUE_NULL) {
            throw ChangeReadException.missingField(position, "$.dataFileS3Key");
        }
        if (token != JsonToken.VALUE_STRING) {
            throw ChangeReadException.unexpectedType(position, "$.dataFileS3Key", "a string", Tokens.kind(token));
        }
        return text;
    }

    /** The members of a flat manifest object: each one's token and text, and a numeric {@code itemCount}. */
    private static final class Members {
        JsonToken first;
        final Map<String, JsonToken> tokens = new HashMap<>();
        final Map<String, String> texts = new HashMap<>();
        BigDecimal itemCount;

        String text(String name) {
            return texts.get(name);
        }
    }

    private static Members members(JsonFrame frame, Limits limits) {
        try (JsonParser p = Tokens.parser(frame.data(), frame.length(), limits)) {
            Members m = new Members();
            m.first = p.nextToken();
            if (m.first == JsonToken.START_OBJECT) {
                MemberNames.readObject(p, (name, v) -> {
                    m.tokens.put(name, v);
                    if (name.equals("itemCount") && v.isNumeric()) {
                        m.itemCount = Tokens.decimal(p, v);
                    }
                    // Objects and arrays read as an empty text, as the manifest API has always read them.
                    String text = Tokens.text(p, v);
                    m.texts.put(name, text == null && v != JsonToken.VALUE_NULL ? "" : text);
                });
            } else {
                MemberNames.skipValue(p);
            }
            if (p.nextToken() != null) {
                throw ChangeReadException.malformed(frame.position(), JsonParsing.TRAILING);
            }
            return m;
        } catch (IOException | NumberFormatException e) {
            throw JsonParsing.failure(e, frame.position());
        }
    }
}
