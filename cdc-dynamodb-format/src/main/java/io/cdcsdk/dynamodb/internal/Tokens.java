package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.internal.JsonParsing;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.Limits;
import java.io.IOException;
import java.math.BigDecimal;

/** What the token readers of this package share: parsers, scalars as the value model has them, token kinds. */
final class Tokens {
    private Tokens() {
    }

    /**
     * A parser over {@code data[0, length)}. The parser's own duplicate detection is off: it keeps a
     * hash set for every object; {@link MemberNames} and the rows being built find repeated names
     * for less.
     */
    static JsonParser parser(byte[] data, int length, Limits limits) throws IOException {
        JsonParser p = JsonParsing.factory(limits).createParser(data, 0, length);
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return p;
    }

    /** The JSON type of a token for messages, never the value. */
    static String kind(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case VALUE_EMBEDDED_OBJECT -> "binary";
            default -> "nothing";
        };
    }

    /**
     * Moves the parser to the last token of the value it is inside of, whose enclosing container
     * is {@code enclosing}: the end of an object or array, or a scalar value itself.
     */
    static void finishValue(JsonParser p, JsonStreamContext enclosing) throws IOException {
        while (p.getParsingContext() != enclosing) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (p.nextToken() == null) {
                return;
            }
        }
    }

    /** The container the value starting at the current token is in. */
    static JsonStreamContext enclosing(JsonParser p) {
        JsonToken t = p.currentToken();
        return t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                ? p.getParsingContext().getParent() : p.getParsingContext();
    }

    /**
     * The text of a scalar member (numbers as the exact value they parse to, booleans as
     * {@code true}/{@code false}); null for null, and for objects and arrays, which are skipped.
     */
    static String text(JsonParser p, JsonToken v) throws IOException {
        switch (v) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue().toString() : Long.toString(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue().toString();
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            default:
                MemberNames.skipValue(p);
                return null;
        }
    }

    /** The exact decimal of a number token. */
    static BigDecimal decimal(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? new BigDecimal(p.getBigIntegerValue()) : BigDecimal.valueOf(p.getLongValue());
    }
}
