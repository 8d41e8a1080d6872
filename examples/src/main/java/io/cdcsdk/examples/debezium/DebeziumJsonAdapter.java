package io.cdcsdk.examples.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.JsonChangeReader;
import io.cdcsdk.core.spi.JsonSupport;
import io.cdcsdk.core.spi.ReadContext;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A format adapter written outside the library, through the public SPI only: Debezium's JSON
 * change-event envelope ({@code {"schema": ..., "payload": {"before", "after", "source", "op",
 * "ts_ms"}}}, or the payload alone when the converter's schemas are disabled).
 *
 * <p>Registered in {@code META-INF/services/io.cdcsdk.core.spi.FormatAdapter} of this module, so
 * {@code cdc cat} detects it; nothing in the core knows it. Operations: {@code c} insert,
 * {@code u} update, {@code d} delete, {@code r} snapshot read, {@code t} truncate (as DDL).
 * Values pass through as Debezium's JSON converter wrote them (decimals in "precise" mode stay
 * base64 strings).
 */
public final class DebeziumJsonAdapter implements FormatAdapter {
    /** The adapter name. */
    public static final String NAME = "debezium-json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection detect(Head head) {
        String text = head.text();
        boolean envelope = text.contains("\"payload\"") || text.contains("\"op\"");
        boolean source = text.contains("\"connector\"") && text.contains("\"ts_ms\"");
        return envelope && source ? Detection.CONTENT : Detection.NO;
    }

    @Override
    public ChangeReader open(InputStream in, ReadContext context) {
        // The simplest converter: the value as a tree. A faster one reads the parser's tokens.
        return JsonChangeReader.of(in, context, (parser, position) -> toEvent(parser.readValueAsTree(), position));
    }

    static ChangeEvent toEvent(JsonNode root, Position position) {
        JsonNode payload = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
        JsonNode op = payload.get("op");
        if (op == null || !op.isTextual()) {
            throw ChangeReadException.missingField(position, "$.payload.op");
        }
        Operation operation = switch (op.textValue()) {
            case "c" -> Operation.INSERT;
            case "u" -> Operation.UPDATE;
            case "d" -> Operation.DELETE;
            case "r" -> Operation.SNAPSHOT;
            case "t" -> Operation.DDL;
            default -> throw ChangeReadException.unexpectedType(position, "$.payload.op", "one of c u d r t",
                    "another string");
        };
        JsonNode source = payload.path("source");
        String schema = text(source, "schema");
        if (schema == null) {
            schema = text(source, "db");
        }
        ChangeEvent.Builder b = ChangeEvent.builder(operation, SourceInfo.of(NAME, schema, text(source, "table")))
                .before(row(payload.get("before"), position, "before"))
                .after(operation == Operation.DELETE ? null : row(payload.get("after"), position, "after"))
                .ts(timestamp(source))
                .position(source.has("lsn") ? source.get("lsn").asText()
                        : source.has("pos") ? text(source, "file") + ":" + source.get("pos").asText() : null)
                .tx(source.hasNonNull("txId") ? source.get("txId").asText()
                        : payload.path("transaction").hasNonNull("id") ? payload.path("transaction").get("id").asText()
                        : null);
        if (source.hasNonNull("connector")) {
            b.meta("connector", source.get("connector").asText());
        }
        if (source.hasNonNull("snapshot")) {
            b.meta("snapshot", source.get("snapshot").asText());
        }
        if (operation == Operation.DDL) {
            b.meta("controlOperation", "truncate");
        }
        return b.build();
    }

    private static Instant timestamp(JsonNode source) {
        if (source.hasNonNull("ts_ns")) {
            BigDecimal ns = JsonSupport.decimal(source.get("ts_ns"));
            BigDecimal[] parts = ns.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
            return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact());
        }
        if (source.hasNonNull("ts_us")) {
            long us = source.get("ts_us").longValue();
            return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
        }
        if (source.hasNonNull("ts_ms")) {
            return Instant.ofEpochMilli(source.get("ts_ms").longValue());
        }
        return null;
    }

    private static Row row(JsonNode node, Position position, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ChangeReadException.unexpectedType(position, "$.payload." + field, "an object or null",
                    node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return JsonSupport.toRow(node);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
