package io.cdcsdk.examples.firehose;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.router.FirehoseResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Firehose data-transformation Lambda for the DMS → Kinesis → Firehose → S3 pipeline: each record
 * (a DMS JSON message, as the DMS Kinesis target writes it) becomes its change as one line of
 * ChangeEvent JSON, so the files Firehose delivers hold one model whatever the source database, ready
 * for Athena or any NDJSON reader.
 *
 * <p>{@link FirehoseResponse} answers every {@code recordId} exactly once: {@code Ok} with the line,
 * {@code Dropped} for DMS control records (create table, drop...), {@code ProcessingFailed} with the
 * original data for a record that cannot be decoded, which Firehose delivers to its
 * {@code processing-failed} prefix. Logs name records by id, never by their values.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.firehose.DmsFirehoseTransformHandler::handleRequest}, set
 * as the delivery stream's processor ({@code ProcessingConfiguration}, type {@code Lambda}).
 */
public class DmsFirehoseTransformHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DmsFirehoseTransformHandler.class);

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        FirehoseResponse response = FirehoseResponse.transform(in, "dms-json", ReadOptions.defaults(),
                DmsFirehoseTransformHandler::line);
        LOG.info("{}", response);
        response.writeTo(out);
    }

    /** A data change as one line of ChangeEvent JSON; nothing for a control record. */
    static byte[] line(ChangeEvent event) {
        if (event.op() == Operation.DDL) {
            return null;
        }
        return (ChangeEventJson.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
