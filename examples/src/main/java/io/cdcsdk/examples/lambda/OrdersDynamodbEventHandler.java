package io.cdcsdk.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.dynamodb.DynamoDbLambdaEvents;
import io.cdcsdk.router.BatchResponse;
import io.cdcsdk.router.Retry;
import io.cdcsdk.router.RouteResult;
import io.cdcsdk.router.Router;
import java.time.Duration;
import java.util.List;

/**
 * The {@link OrdersStreamHandler} again, written against aws-lambda-java-events: the Lambda
 * runtime deserializes the event into a {@link DynamodbEvent}, {@link DynamoDbLambdaEvents} turns
 * its records into change events, and the partial batch failures go back as a
 * {@link StreamsEventResponse}. Same routing, same answer as the raw-stream variant.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.lambda.OrdersDynamodbEventHandler::handleRequest},
 * a DynamoDB stream event source mapping with {@code FunctionResponseTypes: ReportBatchItemFailures}
 * (without it Lambda ignores the response and retries whole batches). A record that cannot be
 * mapped fails the invocation, so Lambda retries the batch.
 *
 * <p>The runtime has already turned {@code ApproximateCreationDateTime} into a {@code Date}
 * (milliseconds); use the raw-stream variant when every digit matters.
 */
public class OrdersDynamodbEventHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final Router router;

    /** The handler Lambda instantiates. */
    public OrdersDynamodbEventHandler() {
        this(new OrdersStreamHandler.InMemoryOrderStore(), Retry.attempts(3, Duration.ofMillis(100)));
    }

    /** A handler writing to {@code store}, retrying each record as {@code retry} says. */
    public OrdersDynamodbEventHandler(OrdersStreamHandler.OrderStore store, Retry retry) {
        this.router = OrdersStreamHandler.router(store, retry);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        // throws ChangeReadException for a record that cannot be mapped: the whole batch is retried
        List<ChangeEvent> events = DynamoDbLambdaEvents.toChangeEvents(event);
        RouteResult result = router.route(events);
        List<StreamsEventResponse.BatchItemFailure> failures = BatchResponse.forStream(result).itemIdentifiers()
                .stream()
                .map(StreamsEventResponse.BatchItemFailure::new)
                .toList();
        return new StreamsEventResponse(failures);
    }
}
