package io.cdcsdk.core;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Binds a {@link Row} to a Java record or POJO through Jackson. Numbers bind exactly
 * ({@code BigDecimal}, {@code long}, ...), binary to {@code byte[]}, sets and lists to collections,
 * maps to nested types. Unknown columns are ignored.
 *
 * <pre>{@code
 * RowBinder snake = RowBinder.snakeCase();          // order_id -> orderId
 * Order order = event.after(Order.class, snake);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; create one and reuse it.
 */
public final class RowBinder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final ObjectMapper mapper;

    private static RowBinder configured(com.fasterxml.jackson.databind.PropertyNamingStrategy naming) {
        JsonMapper.Builder b = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .nodeFactory(NODES);
        if (naming != null) {
            b.propertyNamingStrategy(naming);
        }
        return new RowBinder(b.build());
    }

    /**
     * {@return the binder whose column names map to property names as they are} Shared; safe to
     * use from any thread.
     */
    public static RowBinder defaults() {
        return Defaults.BINDER;
    }

    // Each shared binder's mapper is built on first use: building one loads a few hundred classes,
    // which a program that never binds, or binds only one way, should not pay for at start.
    private static final class Defaults {
        static final RowBinder BINDER = configured(null);
    }

    private static final class SnakeCase {
        static final RowBinder BINDER = configured(PropertyNamingStrategies.SNAKE_CASE);
    }

    /**
     * {@return the binder that maps snake_case columns to camelCase properties} Column
     * {@code order_id} binds to property {@code orderId}. Shared; safe to use from any thread.
     */
    public static RowBinder snakeCase() {
        return SnakeCase.BINDER;
    }

    /**
     * A binder on a caller's Jackson mapper (modules such as JavaTimeModule, other naming). The
     * mapper must not be reconfigured afterwards.
     *
     * @param mapper the mapper to bind with, as it is configured; numbers reach it as
     *               {@link BigDecimal} and binary as {@code byte[]} whatever its settings
     * @return a binder on that mapper
     */
    public static RowBinder using(ObjectMapper mapper) {
        return new RowBinder(Objects.requireNonNull(mapper, "mapper"));
    }

    private RowBinder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Binds {@code row} to {@code type}. With {@link #defaults()} and {@link #snakeCase()},
     * columns without a property are ignored.
     *
     * @param <T>  the type to bind to
     * @param row  the row; not {@code null}
     * @param type a record or POJO class
     * @return a new instance of {@code type}
     * @throws RowBindingException naming the type and the property path when a value does not fit
     */
    public <T> T bind(Row row, Class<T> type) {
        Objects.requireNonNull(row, "row");
        try {
            return mapper.treeToValue(toTree(row.asMap()), type);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new RowBindingException("cannot bind row to " + type.getName()
                    + (path.isEmpty() ? "" : " at " + path) + " (" + e.getClass().getSimpleName() + ")", null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new RowBindingException("cannot bind row to " + type.getName() + " ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** The row as a Jackson tree with exact numbers and binary nodes. */
    static ObjectNode toTree(Map<String, Object> columns) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            node.set(e.getKey(), toNode(e.getValue()));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static JsonNode toNode(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof String s) {
            return NODES.textNode(s);
        } else if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof Bytes b) {
            return NODES.binaryNode(b.toByteArray());
        } else if (v instanceof Map<?, ?> m) {
            return toTree((Map<String, Object>) m);
        } else if (v instanceof Collection<?> c) {
            ArrayNode array = NODES.arrayNode(c.size());
            for (Object o : c) {
                array.add(toNode(o));
            }
            return array;
        }
        throw new IllegalArgumentException("unsupported value type " + v.getClass().getName());
    }
}
