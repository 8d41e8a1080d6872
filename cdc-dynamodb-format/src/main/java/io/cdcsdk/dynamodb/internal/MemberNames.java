package io.cdcsdk.dynamodb.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;

/**
 * The member names of one JSON object, to reject a name that repeats. The token readers parse with
 * the parser's own duplicate detection off: it keeps a hash set for every object, which costs more
 * than the small objects of a stream record need; items find duplicates in the rows they build.
 */
final class MemberNames {
    private static final int SCANNED = 16;
    private final String[] names = new String[SCANNED];
    private int size;
    private HashSet<String> many;

    /**
     * Adds a name of the object being read.
     *
     * @throws JsonParseException when the object already has it, reported as JSON syntax (as the
     *                            parser reports a duplicate), never naming it
     */
    void add(JsonParser p, String name) throws IOException {
        if (many != null) {
            if (!many.add(name)) {
                throw duplicate(p);
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                throw duplicate(p);
            }
        }
        if (size == SCANNED) {
            many = new HashSet<>(Arrays.asList(names));
            many.add(name);
        } else {
            names[size++] = name;
        }
    }

    /** The error for a member name that repeats; {@code JsonSupport.translate} reports it as a duplicate field. */
    static JsonParseException duplicate(JsonParser p) {
        return new JsonParseException(p, "Duplicate field");
    }

    /** What is done with a member of an object: its value read or skipped, up to its last token. */
    @FunctionalInterface
    interface Member {
        /** Reads the member {@code name}, whose value starts with {@code value}, the parser's current token. */
        void read(String name, JsonToken value) throws IOException;
    }

    /**
     * Reads the members of the object whose start the parser is on, each by {@code member}; the
     * parser ends on the object's end. A name that repeats is a syntax error.
     */
    static void readObject(JsonParser p, Member member) throws IOException {
        MemberNames names = new MemberNames();
        String name;
        while ((name = p.nextFieldName()) != null) {
            names.add(p, name);
            member.read(name, p.nextToken());
        }
    }

    /**
     * Skips the value at the parser's current token, as {@link JsonParser#skipChildren()} does, but
     * rejecting repeated member names in the objects inside it.
     */
    static void skipValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            readObject(p, (name, v) -> skipValue(p));
        } else if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                skipValue(p);
            }
        }
    }
}
