package io.cdcsdk.dynamodb.internal;

import io.cdcsdk.core.Values;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The members of an {@code SS}, {@code NS} or {@code BS} value as they are read, each once: of
 * equal members the first is kept, where it was, as a {@link java.util.LinkedHashSet} keeps it.
 * {@link #toValue()} hands them to {@link Values#of}, which copies them into the set it makes; the
 * few members of a set are compared one by one rather than hashed into a set of their own first.
 *
 * <p>One of a reader, reused for every set (sets do not nest): {@link #clear()} lets the members go.
 */
final class SetMembers extends AbstractSet<Object> {
    private static final int SCANNED = 16;
    private Object[] members = new Object[SCANNED];
    private int size;
    // Past SCANNED members, repeats are found by hashing.
    private HashSet<Object> many;

    void addMember(Object member) {
        if (many != null) {
            if (many.add(member)) {
                append(member);
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            if (members[i].equals(member)) {
                return;
            }
        }
        append(member);
        if (size > SCANNED) {
            many = new HashSet<>(this);
        }
    }

    private void append(Object member) {
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
        }
        members[size++] = member;
    }

    /** The set of the members, in the value model. */
    Object toValue() {
        return Values.of(this);
    }

    @Override
    public void clear() {
        if (members.length > SCANNED) {
            members = new Object[SCANNED];
        } else {
            Arrays.fill(members, 0, size, null);
        }
        size = 0;
        many = null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Object next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return members[next++];
            }
        };
    }
}
