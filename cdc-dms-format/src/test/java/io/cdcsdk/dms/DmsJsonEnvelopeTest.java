package io.cdcsdk.dms;

import io.cdcsdk.dms.internal.DmsJsonAdapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.spi.ReadContext;
import io.cdcsdk.core.testing.Golden;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Records that are not the plain envelope: OpenSearch hits and Kinesis record dumps give the record
 * inside, with a before image as the plain record would have it; anything else fails with what is
 * missing or of the wrong type, and never quotes the record.
 */
class DmsJsonEnvelopeTest {
    private static final String MD = "{\"record-type\":\"data\",\"operation\":\"update\",\"table-name\":\"t\"}";
    private static final String UPDATE = "{\"data\":{\"id\":2},\"bi\":{\"id\":1},\"metadata\":" + MD + "}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[[{\"a\":1}]]                                       | UNEXPECTED_TYPE | at $: expected a DMS record object but found array",
        "{\"data\":{\"id\":1},\"metadata\":\"SECRET\"}       | UNEXPECTED_TYPE | at metadata: expected object but found string",
        "{\"data\":{\"id\":1},\"metadata\":null}             | UNEXPECTED_TYPE | at metadata: expected object but found null",
        "{\"data\":{\"id\":1}}                               | MISSING_FIELD   | missing required field metadata",
        "{\"_index\":\"i\",\"_source\":{\"data\":{\"id\":1}}} | MISSING_FIELD   | missing required field metadata",
        "{\"_source\":{\"data\":{\"id\":1},\"metadata\":[1]}} | UNEXPECTED_TYPE | at metadata: expected object but found array",
        "{\"data\":\"{\\\"data\\\":{}}\",\"partitionKey\":\"p\"} | MISSING_FIELD | missing required field $.data.metadata",
        "{\"data\":\"SECRET\",\"sequenceNumber\":\"1\"}      | UNEXPECTED_TYPE | at $.data: expected the DMS record text of a Kinesis record but found text that is not a JSON object (the dump did not keep the record payload)",
        "{\"data\":\"{\\\"data\\\":{},\\\"data\\\":1}\",\"partitionKey\":\"p\"} | MALFORMED | duplicate field in JSON object at column 20",
    })
    void aRecordThatIsNotAnEnvelopeFailsWithWhatIsWrong(String record, ChangeReadException.Kind kind, String detail) {
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> read(record));
        assertEquals(kind, e.kind());
        assertEquals(detail, e.detail());
        assertEquals(1, e.position().record());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"_index\":\"orders\",\"_id\":\"7\",\"_source\":" + UPDATE + "} | {openSearchIndex=orders, openSearchId=7}",
        "{\"data\":\"" + "{\\\"data\\\":{\\\"id\\\":2},\\\"bi\\\":{\\\"id\\\":1},\\\"metadata\\\":{\\\"record-type\\\":\\\"data\\\","
                + "\\\"operation\\\":\\\"update\\\",\\\"table-name\\\":\\\"t\\\"}}"
                + "\",\"partitionKey\":\"t\",\"sequenceNumber\":\"42\",\"streamName\":\"s\"}"
                + " | {kinesisSequenceNumber=42, kinesisPartitionKey=t, kinesisStreamName=s}",
    })
    void aWrappedRecordIsTheRecordInsideWithWhatTheWrapperTells(String record, String wrapperMeta) throws Exception {
        ChangeEvent plain = read(UPDATE).get(0);
        ChangeEvent wrapped = read(record).get(0);
        assertEquals(plain.after(), wrapped.after());
        assertEquals(plain.before(), wrapped.before());
        assertEquals(1, plain.before().size());
        assertEquals("{recordType=data, " + wrapperMeta.substring(1, wrapperMeta.length() - 1) + ", file=in.json, line=1, record=1}",
                wrapped.meta().toString());
    }

    private static List<ChangeEvent> read(String record) throws Exception {
        return Golden.readAll(new DmsJsonAdapter().open(new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)),
                ReadContext.of("in.json", ReadOptions.defaults())));
    }
}
