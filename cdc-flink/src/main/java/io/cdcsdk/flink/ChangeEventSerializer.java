package io.cdcsdk.flink;

import io.cdcsdk.core.Bytes;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Completeness;
import io.cdcsdk.core.Images;
import io.cdcsdk.core.Operation;
import io.cdcsdk.core.Row;
import io.cdcsdk.core.SourceInfo;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer of {@link ChangeEvent}: every component and every value exactly as the event
 * holds it (a {@link BigDecimal} with its scale, {@link Bytes}, sets apart from lists, nested
 * maps and lists in their order, {@link Instant}s to the nanosecond, {@code meta}, the images'
 * completeness and the unavailable columns), without Kryo.
 * Events are immutable, so copying returns the same event.
 *
 * <p>The layout is versioned by {@link Snapshot}: a savepoint records the version it was written
 * with, and a later release of this serializer reads it or says it needs migration.
 */
public final class ChangeEventSerializer extends TypeSerializer<ChangeEvent> {
    private static final long serialVersionUID = 1L;

    /** The serializer; it holds no state, so one instance serves every task. */
    public static final ChangeEventSerializer INSTANCE = new ChangeEventSerializer();

    /** The layout this serializer writes and reads. */
    static final int LAYOUT_VERSION = 1;

    // value tags of the layout; never renumber them
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte DECIMAL = 2;
    private static final byte FALSE = 3;
    private static final byte TRUE = 4;
    private static final byte BYTES = 5;
    private static final byte LIST = 6;
    private static final byte SET = 7;
    private static final byte MAP = 8;

    private static final ChangeEvent EMPTY = ChangeEvent.builder(Operation.INSERT, SourceInfo.of("", null)).build();

    private ChangeEventSerializer() {
    }

    /** {@inheritDoc} */
    @Override
    public boolean isImmutableType() {
        return true;
    }

    /** {@return this serializer, which holds no state} */
    @Override
    public TypeSerializer<ChangeEvent> duplicate() {
        return this;
    }

    /** {@return an insert without rows, of an empty format and no table} */
    @Override
    public ChangeEvent createInstance() {
        return EMPTY;
    }

    /** {@return {@code from}, which is immutable} */
    @Override
    public ChangeEvent copy(ChangeEvent from) {
        return from;
    }

    /** {@return {@code from}, which is immutable} */
    @Override
    public ChangeEvent copy(ChangeEvent from, ChangeEvent reuse) {
        return from;
    }

    /** {@return -1: events vary in length} */
    @Override
    public int getLength() {
        return -1;
    }

    /** {@inheritDoc} */
    @Override
    public void serialize(ChangeEvent event, DataOutputView out) throws IOException {
        out.writeByte(operationCode(event.op()));
        writeString(event.source().format(), out);
        writeString(event.source().schema(), out);
        writeString(event.source().table(), out);
        writeRow(event.key(), out);
        writeRow(event.before(), out);
        writeRow(event.after(), out);
        Instant ts = event.ts();
        out.writeBoolean(ts != null);
        if (ts != null) {
            out.writeLong(ts.getEpochSecond());
            out.writeInt(ts.getNano());
        }
        writeString(event.position(), out);
        writeString(event.tx(), out);
        writeMap(event.meta(), out);
        out.writeByte(completenessCode(event.images().before()));
        out.writeByte(completenessCode(event.images().after()));
        out.writeInt(event.unavailable().size());
        for (String column : event.unavailable()) {
            StringValue.writeString(column, out);
        }
    }

    /** {@inheritDoc} */
    @Override
    public ChangeEvent deserialize(DataInputView in) throws IOException {
        Operation op = operation(in.readByte());
        SourceInfo source = new SourceInfo(readString(in), readString(in), readString(in));
        Row key = readRow(in);
        Row before = readRow(in);
        Row after = readRow(in);
        Instant ts = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        String position = readString(in);
        String tx = readString(in);
        Map<String, Object> meta = readMap(in);
        Images images = new Images(completeness(in.readByte()), completeness(in.readByte()));
        int unavailableCount = in.readInt();
        Set<String> unavailable = new LinkedHashSet<>(Math.max(4, unavailableCount * 2));
        for (int i = 0; i < unavailableCount; i++) {
            unavailable.add(StringValue.readString(in));
        }
        return new ChangeEvent(op, source, key, before, after, ts, position, tx, meta, images, unavailable);
    }

    /** {@return a new event read from {@code in}; {@code reuse} is immutable and not used} */
    @Override
    public ChangeEvent deserialize(ChangeEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    /** {@inheritDoc} */
    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof ChangeEventSerializer;
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return ChangeEventSerializer.class.hashCode();
    }

    /** {@return the snapshot of this serializer's layout version} */
    @Override
    public TypeSerializerSnapshot<ChangeEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    private static byte operationCode(Operation op) {
        return switch (op) {
            case INSERT -> 1;
            case UPDATE -> 2;
            case DELETE -> 3;
            case SNAPSHOT -> 4;
            case DDL -> 5;
        };
    }

    private static Operation operation(byte code) throws IOException {
        return switch (code) {
            case 1 -> Operation.INSERT;
            case 2 -> Operation.UPDATE;
            case 3 -> Operation.DELETE;
            case 4 -> Operation.SNAPSHOT;
            case 5 -> Operation.DDL;
            default -> throw new IOException("unknown operation code " + code + " in a serialized ChangeEvent");
        };
    }

    private static byte completenessCode(Completeness c) {
        if (c == null) {
            return 0;
        }
        return switch (c) {
            case FULL -> 1;
            case KEYS -> 2;
            case PARTIAL -> 3;
            case ABSENT -> 4;
        };
    }

    private static Completeness completeness(byte code) throws IOException {
        return switch (code) {
            case 0 -> null;
            case 1 -> Completeness.FULL;
            case 2 -> Completeness.KEYS;
            case 3 -> Completeness.PARTIAL;
            case 4 -> Completeness.ABSENT;
            default -> throw new IOException("unknown image completeness code " + code + " in a serialized ChangeEvent");
        };
    }

    private static void writeString(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            StringValue.writeString(s, out);
        }
    }

    private static String readString(DataInputView in) throws IOException {
        return in.readBoolean() ? StringValue.readString(in) : null;
    }

    private static void writeRow(Row row, DataOutputView out) throws IOException {
        out.writeBoolean(row != null);
        if (row != null) {
            writeMap(row.asMap(), out);
        }
    }

    private static Row readRow(DataInputView in) throws IOException {
        return in.readBoolean() ? Row.of(readMap(in)) : null;
    }

    private static void writeMap(Map<String, ?> map, DataOutputView out) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, ?> e : map.entrySet()) {
            StringValue.writeString(e.getKey(), out);
            writeValue(e.getValue(), out);
        }
    }

    private static Map<String, Object> readMap(DataInputView in) throws IOException {
        int size = in.readInt();
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, size * 2));
        for (int i = 0; i < size; i++) {
            map.put(StringValue.readString(in), readValue(in));
        }
        return map;
    }

    private static void writeValue(Object value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            StringValue.writeString(s, out);
        } else if (value instanceof BigDecimal d) {
            out.writeByte(DECIMAL);
            out.writeInt(d.scale());
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeInt(unscaled.length);
            out.write(unscaled);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Bytes b) {
            out.writeByte(BYTES);
            byte[] bytes = b.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value instanceof Set<?> set) {
            out.writeByte(SET);
            writeElements(set, out);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            writeElements(list, out);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            @SuppressWarnings("unchecked")
            Map<String, ?> columns = (Map<String, ?>) map;
            writeMap(columns, out);
        } else {
            // unreachable for events: rows and meta hold only values of the model
            throw new IOException("a ChangeEvent value of type " + value.getClass().getName() + " is outside the value model");
        }
    }

    private static void writeElements(java.util.Collection<?> elements, DataOutputView out) throws IOException {
        out.writeInt(elements.size());
        for (Object element : elements) {
            writeValue(element, out);
        }
    }

    private static Object readValue(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return StringValue.readString(in);
            case DECIMAL: {
                int scale = in.readInt();
                return new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case BYTES:
                return Bytes.of(readBytes(in));
            case LIST: {
                int size = in.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                return list;
            }
            case SET: {
                int size = in.readInt();
                Set<Object> set = new LinkedHashSet<>(Math.max(4, size * 2));
                for (int i = 0; i < size; i++) {
                    set.add(readValue(in));
                }
                return set;
            }
            case MAP:
                return readMap(in);
            default:
                throw new IOException("unknown value tag " + tag + " in a serialized ChangeEvent");
        }
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    /**
     * The snapshot of {@link ChangeEventSerializer}: the layout version a savepoint was written
     * with. Restoring reads that version; a savepoint of an older layout is compatible after
     * migration, one of a newer layout (from a later release) is incompatible.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<ChangeEvent> {
        private int layoutVersion = LAYOUT_VERSION;

        /** Creates the snapshot of the current layout (Flink also calls it before reading one). */
        public Snapshot() {
        }

        /** {@inheritDoc} */
        @Override
        public int getCurrentVersion() {
            return 1;
        }

        /** {@inheritDoc} */
        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(layoutVersion);
        }

        /** {@inheritDoc} */
        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
            layoutVersion = in.readInt();
        }

        /** {@inheritDoc} */
        @Override
        public TypeSerializer<ChangeEvent> restoreSerializer() {
            if (layoutVersion != LAYOUT_VERSION) {
                throw new IllegalStateException("ChangeEvent layout version " + layoutVersion
                        + " cannot be read by this release, which reads version " + LAYOUT_VERSION);
            }
            return INSTANCE;
        }

        /** {@inheritDoc} */
        @Override
        public TypeSerializerSchemaCompatibility<ChangeEvent> resolveSchemaCompatibility(
                TypeSerializerSnapshot<ChangeEvent> oldSerializerSnapshot) {
            if (!(oldSerializerSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            if (old.layoutVersion == layoutVersion) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return old.layoutVersion < layoutVersion
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
