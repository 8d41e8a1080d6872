package io.cdcsdk.examples.firehose;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.dms.TableDefinitions;
import io.cdcsdk.examples.ConfiguredTables;
import io.cdcsdk.router.FirehoseResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenSearch variant of {@link DmsFirehoseTransformHandler}: each DMS change becomes lines of an
 * OpenSearch {@code _bulk} request, keyed by table and primary key, so that the latest row of each key
 * is the one document and a delete removes it:
 *
 * <pre>
 * {"index":{"_index":"system.offenders","_id":"1961"}}
 * {"OFFENDER_ID":1961,"LAST_NAME":"...",...}
 * {"delete":{"_index":"system.offenders","_id":"1962"}}
 * </pre>
 *
 * <p>The index is the table's qualified name in lower case; the id is the primary key's values in key
 * order, joined by {@code |}. The key is the event's own when DMS gave it ({@code table-def} of a
 * control record), else the table definitions of the handler's configuration
 * ({@link ConfiguredTables}, for example {@code {"tables":[{"schema":"SYSTEM","table":"OFFENDERS",
 * "columns":[...],"key":["OFFENDER_ID"]}]}}). A change of a table without a known key is answered
 * {@code ProcessingFailed}: a document without an id would be a duplicate at every update. Control
 * records are {@code Dropped}.
 *
 * <p>Deploy: handler {@code io.cdcsdk.examples.firehose.DmsOpenSearchBulkHandler::handleRequest}, as the
 * processor of a delivery stream whose objects a bulk loader posts to {@code _bulk}.
 */
public class DmsOpenSearchBulkHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DmsOpenSearchBulkHandler.class);
    /** Numbers stay exact decimals on their way through a tree. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final TableDefinitions tables;

    /** The handler Lambda instantiates: keys from the configured table definitions. */
    public DmsOpenSearchBulkHandler() {
        this(ConfiguredTables.read());
    }

    /** A handler taking the keys the events do not carry from {@code tables}. */
    public DmsOpenSearchBulkHandler(TableDefinitions tables) {
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        FirehoseResponse response = FirehoseResponse.transform(in, "dms-json", ReadOptions.defaults(), this::bulk);
        LOG.info("{}", response);
        response.writeTo(out);
    }

    /** The bulk lines of one change: an index action and the row, or a delete action. */
    byte[] bulk(ChangeEvent event) throws IOException {
        if (event.op() == Operation.DDL) {
            return null;
        }
        Row row = event.op() == Operation.DELETE ? event.before() != null ? event.before() : event.key() : event.after();
        String id = id(event, row);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeObjectFieldStart(event.op() == Operation.DELETE ? "delete" : "index");
            g.writeStringField("_index", event.source().qualifiedTable().toLowerCase(Locale.ROOT));
            g.writeStringField("_id", id);
            g.writeEndObject();
            g.writeEndObject();
        }
        bytes.write('\n');
        if (event.op() != Operation.DELETE) {
            // the row as the ChangeEvent JSON form writes it (exact numbers, binary as base64)
            JSON.writeValue(bytes, JSON.readTree(ChangeEventJson.toJson(event)).get("after"));
            bytes.write('\n');
        }
        return bytes.toByteArray();
    }

    private String id(ChangeEvent event, Row row) {
        List<String> key = event.key() != null ? List.copyOf(event.key().asMap().keySet())
                : tables.find(event.source().schema(), event.source().table()).map(TableDefinitions.Table::key)
                        .orElse(List.of());
        if (key.isEmpty() || row == null) {
            throw new IllegalStateException("no primary key known for " + event.source().qualifiedTable()
                    + "; add it to the table definitions");
        }
        StringJoiner id = new StringJoiner("|");
        for (String column : key) {
            Object v = row.get(column);
            id.add(v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v));
        }
        return id.toString();
    }
}
