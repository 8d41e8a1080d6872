package io.cdcsdk.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Nullable;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.S3ObjectCreated;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads the objects S3 events announce as created ({@link S3ObjectCreated#read}). Not API. */
public final class S3Notifications {
    private static final String SOURCE = "s3-event";

    private S3Notifications() {
    }

    /** See {@link S3ObjectCreated#read(InputStream, Consumer)}. */
    public static List<S3ObjectCreated> read(InputStream event, Consumer<ChangeReadException> unreadable)
            throws IOException {
        Inputs.Prepared prepared = Inputs.prepare(event, SOURCE, Limits.DEFAULTS);
        String envelope = EnvelopeItems.detect(prepared.head());
        List<S3ObjectCreated> out = new ArrayList<>();
        if (envelope == null) {
            JsonNode tree = tree(prepared.stream(), Position.of(SOURCE));
            if (!objects(tree, null, out)) {
                throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, Position.of(SOURCE),
                        "not an S3 event notification, an EventBridge S3 event or an SQS event");
            }
            return out;
        }
        EnvelopeItems items = EnvelopeItems.of(prepared.stream(), SOURCE, Limits.DEFAULTS);
        EnvelopeItems.Item item;
        while ((item = items.next()) != null) {
            if (item.failure() != null || !EnvelopeItems.SQS.equals(item.kind())) {
                ChangeReadException e = item.failure() != null ? item.failure() : new ChangeReadException(
                        ChangeReadException.Kind.UNSUPPORTED, item.position(), "not an SQS message");
                if (e.envelopeId().isEmpty()) {
                    throw e;
                }
                unreadable.accept(e);
                continue;
            }
            try {
                JsonNode body = tree(new java.io.ByteArrayInputStream(item.payload()), item.position());
                JsonNode sns = body.get("Message");
                if (sns != null && sns.isTextual() && "Notification".equals(text(body, "Type"))) {
                    body = tree(new java.io.ByteArrayInputStream(sns.textValue().getBytes(StandardCharsets.UTF_8)),
                            item.position());
                }
                if (!objects(body, item.id(), out)) {
                    throw new ChangeReadException(ChangeReadException.Kind.UNSUPPORTED, item.position(),
                            "the body of SQS message " + item.id() + " is not an S3 event");
                }
            } catch (ChangeReadException e) {
                unreadable.accept(e.envelopeId().isPresent() ? e : e.withEnvelopeId(item.id()));
            }
        }
        return out;
    }

    private static JsonNode tree(InputStream in, Position position) {
        try {
            JsonNode node = JsonParsing.mapper(Limits.DEFAULTS).readTree(in);
            if (node == null || node.isMissingNode()) {
                throw ChangeReadException.malformed(position, "no JSON value");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonParsing.translate(e, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the created objects of a notification or EventBridge event; false when it is neither. */
    private static boolean objects(JsonNode event, @Nullable String envelopeId, List<S3ObjectCreated> out) {
        JsonNode records = event.get("Records");
        if (records != null && records.isArray()) {
            for (JsonNode r : records) {
                String name = text(r, "eventName");
                JsonNode s3 = r.path("s3");
                if (name == null || !name.startsWith("ObjectCreated:") || !s3.isObject()) {
                    continue;
                }
                JsonNode object = s3.path("object");
                String key = text(object, "key");
                String bucket = text(s3.path("bucket"), "name");
                if (key != null && bucket != null) {
                    out.add(new S3ObjectCreated(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
                            size(object), text(object, "versionId"), envelopeId));
                }
            }
            return true;
        }
        if ("s3:TestEvent".equals(text(event, "Event"))) {
            return true;
        }
        if ("aws.s3".equals(text(event, "source")) && event.has("detail-type")) {
            JsonNode detail = event.path("detail");
            String key = text(detail.path("object"), "key");
            String bucket = text(detail.path("bucket"), "name");
            if ("Object Created".equals(text(event, "detail-type")) && key != null && bucket != null) {
                out.add(new S3ObjectCreated(bucket, key, size(detail.path("object")),
                        text(detail.path("object"), "version-id"), envelopeId));
            }
            return true;
        }
        return false;
    }

    private static long size(JsonNode object) {
        JsonNode size = object.get("size");
        return size != null && size.canConvertToLong() ? size.asLong() : -1;
    }

    private static @Nullable String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }
}
