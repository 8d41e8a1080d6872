package io.cdcsdk.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.type.ResolvedType;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's JSON parsing machinery, shared by its readers: parser factories (and, built on
 * first use, mappers) configured for limits, frames parsed with positions, Jackson's exceptions turned into {@link ChangeReadException}s that
 * never quote the input, and plain decimals made without {@code BigDecimal}'s parser. Not API.
 */
public final class JsonParsing {
    private static final int CACHED_CONFIGURATIONS = 8;
    /** What {@code JsonSupport.readValue} throws for a number {@code BigDecimal} cannot hold; {@link #translate} reports it. */
    public static final String NUMBER_OUT_OF_RANGE = "number out of the range of an exact decimal";
    private static final Configured DEFAULTS = new Configured(Limits.DEFAULTS);
    // The parsing of the last few other limits, least recently used first: a program that builds
    // Limits per input cannot make this grow without bound.
    private static final Map<Limits, Configured> CONFIGURED =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Limits, Configured> eldest) {
                    return size() > CACHED_CONFIGURATIONS;
                }
            };

    private JsonParsing() {
    }

    /**
     * The parser factory for {@code limits}: no source in locations, strict duplicates. Its parsers
     * read trees and values too ({@code readValueAsTree()}), through {@link #mapper}, which is built
     * the first time one does: the readers parse tokens only, and a data binder's few hundred
     * classes would add a large part of a Lambda function's cold start.
     */
    public static JsonFactory factory(Limits limits) {
        return configured(limits).factory;
    }

    /** A mapper configured for {@code limits}: exact decimals, strict duplicates, no source in locations. */
    public static ObjectMapper mapper(Limits limits) {
        return configured(limits).mapper();
    }

    private static Configured configured(Limits limits) {
        if (limits.equals(Limits.DEFAULTS)) {
            return DEFAULTS;
        }
        synchronized (CONFIGURED) {
            return CONFIGURED.computeIfAbsent(limits, Configured::new);
        }
    }

    /** How many configurations for limits other than the defaults are cached (at most a few). */
    static int cachedConfigurations() {
        synchronized (CONFIGURED) {
            return CONFIGURED.size();
        }
    }

    private static JsonFactory newFactory(Limits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxDocumentLength(limits.maxRecordBytes() + 1L)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * The factory and, once asked for, the mapper of one {@link Limits}; also the codec of the
     * factory's parsers, which hands what they ask of a codec to the mapper, built then.
     */
    private static final class Configured extends ObjectCodec {
        private final Limits limits;
        final JsonFactory factory;
        private volatile ObjectMapper mapper;

        Configured(Limits limits) {
            this.limits = limits;
            this.factory = newFactory(limits);
            factory.setCodec(this);
        }

        ObjectMapper mapper() {
            ObjectMapper m = mapper;
            if (m == null) {
                synchronized (this) {
                    m = mapper;
                    if (m == null) {
                        // its own factory: a mapper makes itself the codec of the factory it is built on
                        m = JsonMapper.builder(newFactory(limits))
                                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                                .build();
                        mapper = m;
                    }
                }
            }
            return m;
        }

        @Override
        public Version version() {
            return mapper().version();
        }

        @Override
        public <T> T readValue(JsonParser p, Class<T> valueType) throws IOException {
            return mapper().readValue(p, valueType);
        }

        @Override
        public <T> T readValue(JsonParser p, TypeReference<T> valueTypeRef) throws IOException {
            return mapper().readValue(p, valueTypeRef);
        }

        @Override
        public <T> T readValue(JsonParser p, ResolvedType valueType) throws IOException {
            return mapper().readValue(p, valueType);
        }

        @Override
        public <T> Iterator<T> readValues(JsonParser p, Class<T> valueType) throws IOException {
            return mapper().readValues(p, valueType);
        }

        @Override
        public <T> Iterator<T> readValues(JsonParser p, TypeReference<T> valueTypeRef) throws IOException {
            return mapper().readValues(p, valueTypeRef);
        }

        @Override
        public <T> Iterator<T> readValues(JsonParser p, ResolvedType valueType) throws IOException {
            return mapper().readValues(p, valueType);
        }

        @Override
        public void writeValue(JsonGenerator gen, Object value) throws IOException {
            mapper().writeValue(gen, value);
        }

        @Override
        public <T extends TreeNode> T readTree(JsonParser p) throws IOException {
            return mapper().readTree(p);
        }

        @Override
        public void writeTree(JsonGenerator gen, TreeNode tree) throws IOException {
            mapper().writeTree(gen, tree);
        }

        @Override
        public TreeNode createObjectNode() {
            return mapper().createObjectNode();
        }

        @Override
        public TreeNode createArrayNode() {
            return mapper().createArrayNode();
        }

        @Override
        public JsonParser treeAsTokens(TreeNode n) {
            return mapper().treeAsTokens(n);
        }

        @Override
        public <T> T treeToValue(TreeNode n, Class<T> valueType) throws JsonProcessingException {
            return mapper().treeToValue(n, valueType);
        }

        @Override
        public JsonFactory getFactory() {
            return factory;
        }
    }

    /**
     * Parses one framed value into a tree.
     *
     * @throws ChangeReadException MALFORMED or LIMIT_EXCEEDED at the frame's position, with the line
     *                             and column inside the value, never its text
     */
    public static JsonNode parse(JsonFrame frame, Limits limits) {
        return FramedValues.read(frame, limits, (p, position) -> {
            JsonNode node = p.readValueAsTree();
            if (node == null || node.isMissingNode()) {
                throw ChangeReadException.malformed(position, "no JSON value");
            }
            return node;
        });
    }

    /** The message for content after a value that should end its frame. */
    public static final String TRAILING = "unexpected content after the JSON value";

    /**
     * A record held in memory that cannot be parsed, at {@code position}, never quoting it: a Jackson
     * failure as {@link #translate} reports it; a number {@code BigDecimal} cannot hold, which Jackson
     * reports as a {@code NumberFormatException} quoting the digits; any other failure by its class.
     */
    public static ChangeReadException failure(Exception e, Position position) {
        if (e instanceof JsonProcessingException j) {
            return translate(j, position);
        }
        if (e instanceof NumberFormatException) {
            return ChangeReadException.malformed(position, NUMBER_OUT_OF_RANGE);
        }
        // The input is in memory: a failure is the record's, not the input's. The cause is left out
        // because its message can quote the input.
        return ChangeReadException.malformed(position, "cannot read JSON value (" + e.getClass().getSimpleName() + ")");
    }

    /**
     * A {@link ChangeReadException} for a Jackson failure at {@code base}, describing the kind of
     * failure and where, without the parser's message (which can quote input).
     */
    public static ChangeReadException translate(JsonProcessingException e, Position base) {
        JsonLocation loc = e.getLocation();
        String where = "";
        Position position = base;
        if (loc != null && loc.getLineNr() > 0) {
            if (base.line() > 0) {
                position = base.withLine(base.line() + loc.getLineNr() - 1);
            }
            where = " at column " + loc.getColumnNr();
        }
        if (e instanceof StreamConstraintsException) {
            return new ChangeReadException(ChangeReadException.Kind.LIMIT_EXCEEDED, position,
                    "JSON value exceeds a limit" + where + " (" + safeConstraintMessage(e) + ")", null);
        }
        if (e instanceof JsonEOFException) {
            return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position,
                    "unexpected end of JSON value" + where, null);
        }
        String msg = e.getOriginalMessage();
        if (msg != null && msg.startsWith("Duplicate field")) {
            return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position,
                    "duplicate field in JSON object" + where, null);
        }
        if (NUMBER_OUT_OF_RANGE.equals(msg)) {
            return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position, NUMBER_OUT_OF_RANGE + where, null);
        }
        return new ChangeReadException(ChangeReadException.Kind.MALFORMED, position,
                "invalid JSON syntax" + where, null);
    }

    // Jackson's constraint messages give lengths and limits only; keep the first sentence.
    private static String safeConstraintMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "limit";
        }
        int cut = m.indexOf(" (");
        String first = cut > 0 ? m.substring(0, cut) : m;
        return first.replaceAll("\"[^\"]*\"", "").trim();
    }

    /**
     * The decimal of {@code chars[offset, offset + length)} when it is a plain decimal of at most 18
     * digits ({@code [+-]?\d*(\.\d*)?}, at least one digit), else {@code null}. Equal, scale
     * included, to {@code new BigDecimal} of the same characters, but made from a long: most numbers
     * of change records are such, and BigDecimal's general parser is the slower way to them.
     */
    public static BigDecimal plainDecimal(char[] chars, int offset, int length) {
        int n = offset + length;
        int i = offset;
        boolean negative = false;
        if (i < n && (chars[i] == '+' || chars[i] == '-')) {
            negative = chars[i] == '-';
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (point) {
                    scale++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }
}
