package io.cdcsdk.wholeprocess;

import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.json.ChangeEventJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a DynamoDB Streams Lambda event file and prints its first event: the whole-process measurement. */
public final class FirstEvent {
    private FirstEvent() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (InputStream in = Files.newInputStream(file);
             ChangeReader reader = ChangeReaders.open(in, file.getFileName().toString(), "dynamodb-stream",
                     ReadOptions.defaults())) {
            System.out.println(ChangeEventJson.toJson(reader.next()));
        }
    }
}
