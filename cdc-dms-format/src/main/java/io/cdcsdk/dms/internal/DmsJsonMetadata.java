package io.cdcsdk.dms.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code metadata} object of a DMS JSON record: the members the event is made of, by index,
 * and the others (with {@code timestamp}) in document order, which become meta.
 */
final class DmsJsonMetadata {
    static final int RECORD_TYPE = 0;
    static final int OPERATION = 1;
    static final int SCHEMA_NAME = 2;
    static final int TABLE_NAME = 3;
    static final int TIMESTAMP = 4;
    static final int COMMIT_TIMESTAMP = 5;
    static final int TRANSACTION_ID = 6;
    static final int STREAM_POSITION = 7;

    private final Object[] used = new Object[8];
    private int seen;
    /** Members other than the used ones, and {@code timestamp}, in document order. */
    final List<String> restNames = new ArrayList<>(4);
    final List<Object> restValues = new ArrayList<>(4);

    /** The metadata of an object already read into model values (a record nested in another). */
    static DmsJsonMetadata of(Map<?, ?> members) {
        DmsJsonMetadata m = new DmsJsonMetadata();
        members.forEach((name, value) -> m.put(member((String) name), (String) name, value));
        return m;
    }

    /** The index of a used member's name, or -1 for another name. */
    static int member(String name) {
        return switch (name) {
            case "record-type" -> RECORD_TYPE;
            case "operation" -> OPERATION;
            case "schema-name" -> SCHEMA_NAME;
            case "table-name" -> TABLE_NAME;
            case "timestamp" -> TIMESTAMP;
            case "commit-timestamp" -> COMMIT_TIMESTAMP;
            case "transaction-id" -> TRANSACTION_ID;
            case "stream-position" -> STREAM_POSITION;
            default -> -1;
        };
    }

    /** Whether a member of this name, {@code member} its index or -1, was added before. */
    boolean has(int member, String name) {
        return member >= 0 ? (seen & 1 << member) != 0 : restNames.contains(name);
    }

    /** Adds a member of a name not added before; {@code member} is its index or -1. */
    void put(int member, String name, Object value) {
        if (member >= 0) {
            seen |= 1 << member;
            used[member] = value;
        }
        if (member < 0 || member == TIMESTAMP) {
            restNames.add(name);
            restValues.add(value);
        }
    }

    /** The value of a used member, or null when absent. */
    Object get(int member) {
        return used[member];
    }
}
