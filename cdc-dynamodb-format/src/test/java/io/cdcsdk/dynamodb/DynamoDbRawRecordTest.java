package io.cdcsdk.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.FormatRegistry;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * dynamodb-stream gives the bytes of the one element of {@code Records} that failed, and
 * dynamodb-export those of the line, with the error (ChangeReadException.rawRecord); each reads
 * again on its own through the same format.
 */
class DynamoDbRawRecordTest {
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000";

    private static String element(int id, String eventName) {
        return "{\"eventID\":\"e" + id + "\",\"eventName\":\"" + eventName + "\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1700000000,\"Keys\":{\"id\":{\"N\":\"" + id + "\"}},"
                + "\"NewImage\":{\"id\":{\"N\":\"" + id + "\"},\"name\":{\"S\":\"é\"}},\"SequenceNumber\":\"" + (100 + id)
                + "\",\"SizeBytes\":26,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},\"eventSourceARN\":\"" + ARN + "\"}";
    }

    private static List<ChangeReadException> skipped(String input, String format, int expectedEvents) throws IOException {
        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = Golden.readAll(FormatRegistry.discover().open(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "in.json", format,
                ReadOptions.defaults().skipOnError(skipped::add)));
        assertEquals(expectedEvents, events.size());
        for (ChangeReadException e : skipped) {
            assertEquals(Optional.of(format), e.format());
        }
        return skipped;
    }

    @Test
    void aBadElementOfALambdaEventKeepsItsOwnBytesWhichReadAgainAlone() throws IOException {
        String bad = element(2, "FROBNICATE");
        String event = "{\"Records\":[" + element(1, "INSERT") + ",\n  " + bad + "," + element(3, "MODIFY") + "]}";

        List<ChangeReadException> skipped = skipped(event, "dynamodb-stream", 2);

        assertEquals(1, skipped.size());
        assertEquals(Optional.of(Bytes.of(bad.getBytes(StandardCharsets.UTF_8))), skipped.get(0).rawRecord());
        assertEquals(List.of(), skipped(element(2, "INSERT"), "dynamodb-stream", 1)); // one element alone reads
    }

    @Test
    void aBadLineOfAnExportKeepsItsBytes() throws IOException {
        String good = "{\"Item\":{\"id\":{\"N\":\"1\"}}}";
        String bad = "{\"Item\":{\"id\":{\"N\":\"12abc\"}}}";

        List<ChangeReadException> skipped = skipped(good + "\n" + bad + "\n" + good + "\n", "dynamodb-export", 2);

        assertEquals(1, skipped.size());
        assertEquals(Optional.of(Bytes.of(bad.getBytes(StandardCharsets.UTF_8))), skipped.get(0).rawRecord());
    }
}
