package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsJsonAdapter;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member name that repeats in any object of a record fails that record, which SKIP passes over. */
class DmsJsonDuplicateKeysTest {
    private static final String MD = "\"metadata\":{\"record-type\":\"data\",\"operation\":\"insert\",\"table-name\":\"t\"}";

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"data\":{\"id\":1}," + MD + ",\"data\":{\"id\":2}}",
        "{\"data\":{\"id\":1,\"id\":\"SECRET-MARKER\"}," + MD + "}",
        "{\"data\":{\"id\":1,\"n\":{\"a\":1,\"a\":2}}," + MD + "}",
        "{\"data\":{\"id\":1,\"n\":[{\"a\":1,\"a\":2}]}," + MD + "}",
        "{\"data\":{\"id\":1},\"metadata\":{\"record-type\":\"data\",\"operation\":\"insert\",\"operation\":\"delete\"}}",
    })
    void failsTheRecordAndSkipGoesOn(String bad) throws Exception {
        String input = "{\"data\":{\"id\":0}," + MD + "}\n" + bad + "\n{\"data\":{\"id\":3}," + MD + "}\n";
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(input, ReadOptions.defaults()));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        assertEquals(2, e.position().line());
        assertTrue(e.detail().startsWith("duplicate field in JSON object"), e.detail());
        assertFalse(e.getMessage().contains("SECRET-MARKER"));

        List<ChangeReadException> skipped = new ArrayList<>();
        List<ChangeEvent> events = read(input, ReadOptions.defaults().skipOnError(skipped::add));
        assertEquals(2, events.size());
        assertEquals(1, skipped.size());
    }

    private static List<ChangeEvent> read(String input, ReadOptions options) throws Exception {
        return Golden.readAll(new DmsJsonAdapter().open(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                ReadContext.of("t.json", options)));
    }
}
