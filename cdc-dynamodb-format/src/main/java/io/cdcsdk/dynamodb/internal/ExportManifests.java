package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Position;
import java.nio.file.Path;

/** Helpers shared by the manifest API and the export reader. */
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

    /** The {@code dataFileS3Key} of a manifest-files entry. */
    public static String dataFileKey(JsonNode n, Position position) {
        JsonNode v = n.isObject() ? n.get("dataFileS3Key") : null;
        if (v == null || v.isNull()) {
            throw ChangeReadException.missingField(position, "$.dataFileS3Key");
        }
        if (!v.isTextual()) {
            throw ChangeReadException.unexpectedType(position, "$.dataFileS3Key", "a string", AttrCodec.kind(v));
        }
        return v.textValue();
    }
}
