package example;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.router.BatchResponse;
import io.cdcsdk.router.FailurePolicy;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import io.cdcsdk.router.Tables;
import io.cdcsdk.router.Unrouted;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a Lambda handler does with a DynamoDB stream event (the file given): routes each change by
 * table and operation and answers with the batch response. Exits 1 unless every record was handled
 * by its route.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        AtomicInteger inserts = new AtomicInteger();
        AtomicInteger updates = new AtomicInteger();
        AtomicInteger deletes = new AtomicInteger();
        Router router = Router.builder()
                .on(Tables.table("ExampleTableWithStream"), Operation.INSERT).to(event -> inserts.incrementAndGet())
                .on(Tables.table("ExampleTableWithStream"), Operation.UPDATE).to(event -> updates.incrementAndGet())
                .on(Tables.table("ExampleTableWithStream"), Operation.DELETE).to(event -> deletes.incrementAndGet())
                .failurePolicy(FailurePolicy.STOP)
                .unrouted(Unrouted.FAIL)
                .build();
        RouteResult result;
        try (InputStream in = Files.newInputStream(Path.of(args[0]));
             ChangeReader events = ChangeReaders.open(in, "event.json", "dynamodb-stream", ReadOptions.defaults())) {
            result = router.route(events);
        }
        String response = BatchResponse.forStream(result).toJson();
        if (!result.isSuccess() || result.handled() != 3 || inserts.get() != 1 || updates.get() != 1 || deletes.get() != 1) {
            System.err.println("handled " + result.handled() + " of " + result.seen() + ": " + response);
            System.exit(1);
        }
        System.out.println("routed " + result.handled() + " changes; response " + response);
    }
}
