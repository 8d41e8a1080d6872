package io.cdcsdk.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;

/**
 * The baseline of the cold-start comparison: the DynamoDB Lambda example's routing (inserts and
 * updates of the {@code Orders} table stored, deletes removed, other tables ignored, stop at the
 * first failure and answer with partial batch failures) written the way the SDK offers it, without
 * the library: the Lambda runtime deserializes the event into aws-lambda-java-events'
 * {@link DynamodbEvent}, each image becomes SDK v2 attribute values (as
 * aws-lambda-java-events-sdk-transformer converts them) read through {@link EnhancedDocument}.
 * Built alone into {@code target/sdk-orders-handler.jar}.
 */
public class SdkOrdersHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    /** An order as stored in the {@code Orders} table. */
    public record Order(String orderId, BigDecimal total) {
    }

    private final Map<String, Order> orders = new ConcurrentHashMap<>();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            if (!"Orders".equals(table(r.getEventSourceARN()))) {
                continue;
            }
            try {
                var images = r.getDynamodb();
                if ("REMOVE".equals(r.getEventName())) {
                    Order order = order(EnhancedDocument.fromAttributeValueMap(LambdaEventsToSdkV2.image(images.getOldImage())));
                    orders.remove(order.orderId());
                } else {
                    Order order = order(EnhancedDocument.fromAttributeValueMap(LambdaEventsToSdkV2.image(images.getNewImage())));
                    orders.put(order.orderId(), order);
                }
            } catch (RuntimeException e) {
                // a shard is ordered: this record and every one after it come back
                failures.add(new StreamsEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber()));
                break;
            }
        }
        return new StreamsEventResponse(failures);
    }

    private static Order order(EnhancedDocument item) {
        return new Order(item.getString("orderId"), item.getNumber("total").bigDecimalValue());
    }

    /** The table of {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
    private static String table(String arn) {
        int start = arn == null ? -1 : arn.indexOf(":table/");
        if (start < 0) {
            return null;
        }
        int end = arn.indexOf('/', start + 7);
        return arn.substring(start + 7, end < 0 ? arn.length() : end);
    }
}
