package io.cdcsdk.examples.s3;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.dms.DmsObjectKey;
import io.cdcsdk.dms.TableDefinitions;
import io.cdcsdk.router.Router.EventHandler;
import io.cdcsdk.router.FailurePolicy;
import io.cdcsdk.router.Retry;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import io.cdcsdk.router.Tables;
import io.cdcsdk.router.Unrouted;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A Lambda handler for S3 event notifications on the bucket a DMS S3 target writes to: each new
 * object (CSV, Parquet or DMS JSON, gzip or not) is streamed with the AWS SDK v2 S3 client, read
 * with the DMS adapter its name calls for, and its changes are routed to one {@link EventHandler}.
 *
 * <p>Object keys arrive form-URL-encoded ({@code +} for a space, {@code %2B} for a plus) and are
 * decoded with {@link DmsObjectKey#decodeEventKey}. Schema and table come from the DMS key layout
 * ({@code [bucketFolder/]schema/table/[date/]LOAD00000001.csv}). The object is never read whole:
 * CSV and JSON are read as they stream in; Parquet needs random access, so the adapter spools it
 * to a temporary file first. Header-less CSV needs the tables' columns: the handler's
 * configuration gives them as table definitions JSON, in the environment variable
 * {@value #TABLE_DEFINITIONS_ENV} or as the class-path resource {@value #TABLE_DEFINITIONS_RESOURCE}.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.s3.DmsS3DropHandler::handleRequest}, an S3 event
 * notification for {@code s3:ObjectCreated:*} (filter by prefix, the DMS bucket folder), a role
 * that may {@code s3:GetObject}. S3 invokes asynchronously, so there is no batch response: when an
 * object cannot be read or a change fails, the handler throws and Lambda retries the whole event
 * (twice by default; configure an on-failure destination). Handlers should therefore be
 * idempotent. Logs name objects and counts, never row values.
 */
public class DmsS3DropHandler implements RequestStreamHandler {
    /** The environment variable that may hold the table definitions JSON. */
    public static final String TABLE_DEFINITIONS_ENV = "CDC_TABLE_DEFINITIONS";
    /** The class-path resource that may hold the table definitions JSON. */
    public static final String TABLE_DEFINITIONS_RESOURCE = "/table-definitions.json";

    private static final Logger LOG = LoggerFactory.getLogger(DmsS3DropHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final S3Client s3;
    private final ReadOptions options;
    private final Router router;
    private final FormatRegistry formats = FormatRegistry.discover();

    /** The handler Lambda instantiates: region and credentials from the Lambda environment. */
    public DmsS3DropHandler() {
        this(S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(), configuredTables(),
                e -> LOG.info("{} {} at {}", e.op(), e.source().qualifiedTable(), e.position()),
                Retry.attempts(3, Duration.ofMillis(100)));
    }

    /** A handler reading with {@code s3}, passing every data change to {@code changes}. */
    public DmsS3DropHandler(S3Client s3, TableDefinitions tables, EventHandler changes, Retry retry) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.options = ReadOptions.defaults().withExtension(Objects.requireNonNull(tables, "tables"));
        this.router = Router.builder()
                .failurePolicy(FailurePolicy.STOP)
                .unrouted(Unrouted.IGNORE)
                .retry(retry)
                .on(Tables.any(), Operation.SNAPSHOT, Operation.INSERT, Operation.UPDATE, Operation.DELETE)
                .to(Objects.requireNonNull(changes, "changes"))
                .build();
    }

    /** The table definitions from the environment, else the class path, else none. */
    static TableDefinitions configuredTables() {
        try {
            return readConfiguredTables();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the table definitions failed", e);
        }
    }

    private static TableDefinitions readConfiguredTables() throws IOException {
        String json = System.getenv(TABLE_DEFINITIONS_ENV);
        if (json != null && !json.isBlank()) {
            return TableDefinitions.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
        try (InputStream in = DmsS3DropHandler.class.getResourceAsStream(TABLE_DEFINITIONS_RESOURCE)) {
            return in == null ? TableDefinitions.empty() : TableDefinitions.parse(in);
        }
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        long objects = 0;
        long changes = 0;
        // The s3:TestEvent sent when the notification is configured has no Records.
        for (JsonNode record : MAPPER.readTree(in).path("Records")) {
            if (!record.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            String bucket = record.path("s3").path("bucket").path("name").asText();
            String key = DmsObjectKey.decodeEventKey(record.path("s3").path("object").path("key").asText());
            changes += process(bucket, key);
            objects++;
        }
        out.write(("{\"objects\":" + objects + ",\"changes\":" + changes + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Streams one object through its adapter and the router; returns the changes handled. */
    long process(String bucket, String key) throws IOException {
        DmsObjectKey parsed = DmsObjectKey.parse(key);
        String format = switch (parsed.extension()) {
            case "csv" -> "dms-csv";
            case "parquet" -> "dms-parquet";
            case "json" -> "dms-json";
            default -> null; // let the registry detect it from the first bytes
        };
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).build();
        RouteResult result;
        // The reader closes the S3 response stream.
        try (ChangeReader reader = formats.open(s3.getObject(get), key, format, options)) {
            result = router.route(reader);
        }
        LOG.info("s3://{}/{}: {}", bucket, key, result);
        if (!result.isSuccess()) {
            throw new IllegalStateException("s3://" + bucket + "/" + key + ": " + result.failed()
                    + " change(s) failed, " + result.skipped() + " not attempted; the event will be retried");
        }
        return result.handled();
    }
}
