package io.cdcsdk.dms.internal;

import io.cdcsdk.core.internal.FramedValues;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.Values;
import io.cdcsdk.core.internal.JsonFrame;
import io.cdcsdk.core.spi.JsonSupport;
import io.cdcsdk.core.internal.RowLayouts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the top-level members of a DMS JSON record from parser tokens, without a tree:
 * {@code metadata} (when an object) as {@link DmsJsonMetadata}, other objects as {@link Row}s, other
 * values as model values (exact numbers). A member name that repeats in any object fails the record.
 *
 * <p>Records are read straight from the input's buffer ({@link #readDirect}); a record that cannot
 * be read there (it fails, or it is longer than the buffer) is framed and read again by
 * {@link #read(JsonFrame)}, the same reader over the frame's bytes, which reports what is wrong.
 */
final class DmsJsonMembers {
    private final Limits limits;
    // Rows read direct, made from layouts that the records of one table share.
    private final RowLayouts rowLayouts = new RowLayouts();
    private String[] names = new String[16];
    private Object[] values = new Object[16];

    DmsJsonMembers(Limits limits) {
        this.limits = limits;
    }

    /**
     * The members of the record the parser is before, read from the input's buffer (a
     * {@link io.cdcsdk.core.internal.JsonFrameReader.DirectReader}). Its rows are made through layouts, so
     * a name that repeats in a row fails after the row, not at the name: failures are reported by
     * {@link #read(JsonFrame)}.
     */
    Map<String, Object> readDirect(JsonParser p, Position position) throws IOException {
        return read(p, position, true);
    }

    /**
     * The members of a framed record.
     *
     * @throws ChangeReadException for anything wrong with the JSON, at the frame's position with the
     *                             line and column inside the frame, never its text
     */
    Map<String, Object> read(JsonFrame frame) {
        return FramedValues.read(frame, limits, (p, position) -> read(p, position, false));
    }

    /** With {@code shaped}, objects other than {@code metadata} become rows of {@link #rowLayouts}. */
    private Map<String, Object> read(JsonParser p, Position position, boolean shaped) throws IOException {
        // Repeated names are found by what is built, which spares the parser a set per object.
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            readValue(p); // what is wrong inside it, or that there is no value, is reported first
            // The values of a JsonFrameReader start with { or [.
            throw ChangeReadException.unexpectedType(position, "$", "a DMS record object", "array");
        }
        Map<String, Object> members = new LinkedHashMap<>(8);
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (members.containsKey(name)) {
                throw duplicate(p);
            }
            Object value;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                value = readValue(p);
            } else if (name.equals("metadata")) {
                value = readMetadata(p);
            } else {
                value = shaped ? readShapedRow(p) : readRow(p);
            }
            members.put(name, value);
        }
        return members;
    }

    private static DmsJsonMetadata readMetadata(JsonParser p) throws IOException {
        DmsJsonMetadata metadata = new DmsJsonMetadata();
        String name;
        while ((name = p.nextFieldName()) != null) {
            int member = DmsJsonMetadata.member(name);
            if (metadata.has(member, name)) {
                throw duplicate(p);
            }
            p.nextToken();
            metadata.put(member, name, readValue(p));
        }
        return metadata;
    }

    /** {@link #readRow} through {@link #rowLayouts}; a name that repeats fails after the object. */
    private Row readShapedRow(JsonParser p) throws IOException {
        int n = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (n == names.length) {
                names = Arrays.copyOf(names, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            p.nextToken();
            names[n] = name;
            values[n++] = readValue(p);
        }
        Row row = rowLayouts.row(names, values, n);
        if (row == null) {
            throw duplicate(p);
        }
        return row;
    }

    /** {@link JsonSupport#readRow}, rejecting a name that repeats. */
    private static Row readRow(JsonParser p) throws IOException {
        Row.Builder b = Row.builder();
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (b.has(name)) {
                throw duplicate(p);
            }
            p.nextToken();
            b.put(name, readValue(p));
        }
        return b.build();
    }

    /** {@link JsonSupport#readValue}, rejecting a name that repeats in any object. */
    private static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return readRow(p).asMap();
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(readValue(p));
            }
            return Values.of(list);
        }
        return JsonSupport.readValue(p);
    }

    /** What the parser reports for a repeated name when it looks for them ({@link JsonSupport#translate}). */
    private static JsonParseException duplicate(JsonParser p) {
        return new JsonParseException(p, "Duplicate field");
    }
}
