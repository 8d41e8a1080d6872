package io.cdcsdk.kafka;

import io.cdcsdk.core.apicheck.ApiSignatures;
import org.junit.jupiter.api.Test;

class ApiTest {
    @Test
    void publicApiMatchesTheCommittedFile() throws Exception {
        ApiSignatures.check("cdc-kafka");
    }
}
