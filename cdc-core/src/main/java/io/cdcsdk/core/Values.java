package io.cdcsdk.core;

import io.cdcsdk.core.internal.RowLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The closed set of values a {@link Row} holds, and conversion into it.
 *
 * <p>A value is one of: {@code null}, {@link String}, {@link BigDecimal} (every number, exact),
 * {@link Boolean}, {@link Bytes}, {@link List} (ordered, may repeat), {@link Set} (DynamoDB
 * {@code SS}/{@code NS}/{@code BS}; insertion-ordered) and {@link Map} with {@link String} keys
 * (insertion-ordered). Containers are unmodifiable and may nest. There is no floating-point type:
 * a {@code double} cannot hold a 38-digit DynamoDB number, so {@code Double} and {@code Float} are
 * refused rather than converted.
 */
public final class Values {
    private Values() {
    }

    /**
     * Converts {@code value} into the value model: integral numbers ({@code Integer}, {@code Long},
     * {@code BigInteger}, ...) become {@link BigDecimal}, {@code byte[]} becomes {@link Bytes},
     * containers are copied into unmodifiable ones (recursively). Values already in the model are
     * returned as they are when they are immutable.
     *
     * @param value any object, or {@code null}
     * @return the value in the model: {@code null}, a {@link String}, {@link BigDecimal},
     *         {@link Boolean}, {@link Bytes}, or an unmodifiable {@link List}, {@link Set} or
     *         {@link Map}
     * @throws IllegalArgumentException for a type outside the model, naming the type (never the
     *                                  value); for {@code Double} and {@code Float}; for a map
     *                                  key that is not a string
     */
    public static Object of(@Nullable Object value) {
        if (value == null || value instanceof String || value instanceof BigDecimal
                || value instanceof Boolean || value instanceof Bytes) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof byte[] bytes) {
            return Bytes.of(bytes);
        }
        if (value instanceof CharSequence chars) {
            return chars.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map(map);
        }
        if (value instanceof Set<?> set) {
            if (set instanceof FrozenSet) {
                return set;
            }
            LinkedHashSet<Object> copy = new LinkedHashSet<>(set.size() * 2);
            for (Object member : set) {
                copy.add(of(member));
            }
            return new FrozenSet(copy);
        }
        if (value instanceof List<?> list) {
            if (list instanceof FrozenList) {
                return list;
            }
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(of(element));
            }
            return new FrozenList(copy);
        }
        if (value instanceof Double || value instanceof Float) {
            throw new IllegalArgumentException("floating-point values are not exact; pass a BigDecimal");
        }
        throw new IllegalArgumentException("unsupported value type " + value.getClass().getName()
                + "; expected String, BigDecimal, Boolean, Bytes, List, Set, Map or null");
    }

    /** An unmodifiable, insertion-ordered copy of {@code map} whose values are in the model. */
    static Map<String, Object> map(Map<?, ?> map) {
        if (map instanceof FrozenMap || map instanceof RowLayout.LayoutMap) {
            @SuppressWarnings("unchecked")
            Map<String, Object> frozen = (Map<String, Object>) map;
            return frozen;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("map keys must be strings, found "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
            }
            copy.put(key, of(e.getValue()));
        }
        return new FrozenMap(copy);
    }

    /**
     * The kind of a value in the model, for messages: {@code string}, {@code number},
     * {@code boolean}, {@code binary}, {@code list}, {@code set}, {@code map} or {@code null}.
     *
     * @param value a value, or {@code null}
     * @return the kind; for a value outside the model, its class's simple name
     */
    public static String kind(@Nullable Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof BigDecimal) {
            return "number";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof Bytes) {
            return "binary";
        } else if (value instanceof Set) {
            return "set";
        } else if (value instanceof List) {
            return "list";
        } else if (value instanceof Map) {
            return "map";
        }
        return value.getClass().getSimpleName();
    }

    // Marker wrappers, so already-frozen containers are not copied again.
    static final class FrozenMap extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> delegate;

        FrozenMap(LinkedHashMap<String, Object> delegate) {
            this.delegate = Collections.unmodifiableMap(delegate);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return delegate.entrySet();
        }

        @Override
        public Object get(Object key) {
            return delegate.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return delegate.containsKey(key);
        }

        @Override
        public int size() {
            return delegate.size();
        }
    }

    static final class FrozenList extends java.util.AbstractList<Object> implements java.util.RandomAccess {
        private final List<Object> delegate;

        FrozenList(List<Object> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object get(int index) {
            return delegate.get(index);
        }

        @Override
        public int size() {
            return delegate.size();
        }
    }

    static final class FrozenSet extends java.util.AbstractSet<Object> {
        private final Set<Object> delegate;

        FrozenSet(LinkedHashSet<Object> delegate) {
            this.delegate = delegate;
        }

        @Override
        public java.util.Iterator<Object> iterator() {
            return Collections.unmodifiableSet(delegate).iterator();
        }

        @Override
        public boolean contains(Object o) {
            return delegate.contains(o);
        }

        @Override
        public int size() {
            return delegate.size();
        }
    }
}
