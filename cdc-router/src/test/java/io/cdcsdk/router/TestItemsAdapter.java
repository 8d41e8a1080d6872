package io.cdcsdk.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.JsonChangeReader;
import io.cdcsdk.core.spi.ReadContext;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test format ({@code test-items}, on the class path through the service file) of one item per
 * line, {@code {"seq":12,"id":3,"qty":5,"v":1}}, whose reader rejects records of version 2 until
 * it is "fixed": the decode failures of the dead-letter tests, and the fix that lets them be read.
 */
public final class TestItemsAdapter implements FormatAdapter {
    static final String NAME = "test-items";
    /** Whether records of version 2 are read; a test sets it, one test at a time. */
    static volatile boolean fixed;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection detect(Head head) {
        return Detection.NO;
    }

    @Override
    public ChangeReader open(InputStream in, ReadContext context) {
        return JsonChangeReader.of(in, context, (parser, position) -> {
            JsonNode value = parser.readValueAsTree();
            if (value.path("v").asInt() == 2 && !fixed) {
                throw ChangeReadException.unexpectedType(position, "$.v", "1", "2");
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("id", value.path("id").decimalValue());
            after.put("seq", value.path("seq").decimalValue());
            after.put("qty", value.path("qty").isTextual() ? value.path("qty").asText() : value.path("qty").decimalValue());
            return ChangeEvent.builder(Operation.UPDATE, SourceInfo.of(NAME, "s", "items"))
                    .key(Row.of(Map.of("id", value.path("id").decimalValue())))
                    .after(Row.of(after))
                    .position(value.path("seq").asText())
                    .build();
        });
    }
}
