package io.cdcsdk.core;

import io.cdcsdk.core.internal.S3Notifications;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An object that an S3 event announces as created: what a handler of DMS's S3 target needs to read
 * it. Made by {@link #read(InputStream, Consumer)} from the Lambda event.
 *
 * @param bucket     the bucket's name
 * @param key        the object's key, URL-decoded for S3 event notifications (which encode it,
 *                   {@code +} for a space), as given for EventBridge events
 * @param size       the object's size in bytes, or -1 when the event does not say
 * @param versionId  the object's version, or {@code null} when the bucket is not versioned
 * @param envelopeId the {@code messageId} of the SQS message the notification came in, to answer
 *                   for it in a partial batch response; {@code null} when it came directly
 */
public record S3ObjectCreated(String bucket, String key, long size, @Nullable String versionId,
                              @Nullable String envelopeId) {

    /**
     * Checks that bucket and key are given.
     *
     * @param bucket     the bucket's name; not {@code null}
     * @param key        the object's key, decoded; not {@code null}
     * @param size       the size in bytes, or -1
     * @param versionId  the version, or {@code null}
     * @param envelopeId the SQS message id, or {@code null}
     */
    public S3ObjectCreated {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /**
     * The objects a Lambda event announces as created, in its order: an S3 event notification
     * ({@code Records[].s3}, {@code ObjectCreated:*} events), an EventBridge {@code Object Created}
     * event from {@code aws.s3}, or an SQS event (or EventBridge Pipes batch of SQS messages) whose
     * messages hold either, directly or in an SNS notification. Other events in a notification
     * (removals, the {@code s3:TestEvent} sent when notifications are set up) are left out.
     *
     * @param event      the Lambda event, read to its end
     * @param unreadable receives, for each SQS message whose body is not one of these, an error
     *                   that names the message ({@link ChangeReadException#envelopeId()}), so that
     *                   the handler can report it in its batch response
     * @return the objects; empty when there are none
     * @throws IOException         when the event cannot be read
     * @throws ChangeReadException when the event is not JSON, or is none of these events
     */
    public static List<S3ObjectCreated> read(InputStream event, Consumer<ChangeReadException> unreadable)
            throws IOException {
        return S3Notifications.read(event, unreadable);
    }
}
