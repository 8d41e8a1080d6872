package io.cdcsdk.wholeprocess;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the Lambda Java runtime does for one invocation, in one process: loads the handler class,
 * makes an instance, and hands it the event file: as bytes to a {@link RequestStreamHandler}, or
 * deserialized by aws-lambda-java-serialization (the runtime's own event serializers) into the
 * input type of a {@link RequestHandler}. Prints the wall-clock time in epoch microseconds when
 * the handler returned, so that a script that noted the time before starting the JVM gets "JVM start
 * to first event routed". Usage: {@code ColdStart HANDLER_CLASS EVENT_FILE}.
 */
public final class ColdStart {
    private ColdStart() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getDeclaredConstructor().newInstance();
        Object response;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            if (handler instanceof RequestStreamHandler h) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                h.handleRequest(in, out, null);
                response = out;
            } else {
                Class<?> input = inputType(type);
                PojoSerializer<?> serializer = LambdaEventSerializers.serializerFor(input, type.getClassLoader());
                response = ((RequestHandler) handler).handleRequest(serializer.fromJson(in), null);
            }
        }
        Instant done = Instant.now();
        System.out.println("routed " + (done.getEpochSecond() * 1_000_000 + done.getNano() / 1000) + " " + response);
    }

    private static Class<?> inputType(Class<?> type) {
        for (Type t : type.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return (Class<?>) p.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(type + " is not a RequestHandler");
    }
}
