package io.cdcsdk.flink;

import io.cdcsdk.core.ChangeEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * {@link ChangeEvent} as a Flink type, serialized by {@link ChangeEventSerializer} (exact values,
 * no Kryo). The sources of this module produce it; after a lambda that returns events, name it with
 * {@code .returns(ChangeEventTypeInfo.INSTANCE)}, since Flink cannot see the type through a lambda.
 */
public final class ChangeEventTypeInfo extends TypeInformation<ChangeEvent> {
    private static final long serialVersionUID = 1L;

    /** The type information of {@link ChangeEvent}. */
    public static final ChangeEventTypeInfo INSTANCE = new ChangeEventTypeInfo();

    private ChangeEventTypeInfo() {
    }

    /** {@return false} */
    @Override
    public boolean isBasicType() {
        return false;
    }

    /** {@return false} */
    @Override
    public boolean isTupleType() {
        return false;
    }

    /** {@return 1} */
    @Override
    public int getArity() {
        return 1;
    }

    /** {@return 1} */
    @Override
    public int getTotalFields() {
        return 1;
    }

    /** {@return {@code ChangeEvent.class}} */
    @Override
    public Class<ChangeEvent> getTypeClass() {
        return ChangeEvent.class;
    }

    /** {@return false: key a stream by a selector of the table and the key row instead} */
    @Override
    public boolean isKeyType() {
        return false;
    }

    /** {@return {@link ChangeEventSerializer#INSTANCE}} */
    @Override
    public TypeSerializer<ChangeEvent> createSerializer(SerializerConfig config) {
        return ChangeEventSerializer.INSTANCE;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "ChangeEvent";
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof ChangeEventTypeInfo;
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return ChangeEventTypeInfo.class.hashCode();
    }

    /** {@inheritDoc} */
    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof ChangeEventTypeInfo;
    }
}
