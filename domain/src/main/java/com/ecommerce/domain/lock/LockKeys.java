package com.ecommerce.domain.lock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * A set of lock keys in the global acquisition order of {@link LockKey}, without duplicates. Sorted once, when it
 * is made; every strategy then takes the keys in {@link #iterator() iteration} order and none sorts again.
 */
public final class LockKeys implements Iterable<LockKey> {

    private final List<LockKey> ordered;

    private LockKeys(List<LockKey> ordered) {
        this.ordered = ordered;
    }

    public static LockKeys of(Collection<LockKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a lock needs at least one key");
        }
        return new LockKeys(keys.stream().distinct().sorted().toList());
    }

    public static LockKeys of(LockKey... keys) {
        return of(List.of(keys));
    }

    /** These keys and {@code other}'s, still in the global order. */
    public LockKeys with(LockKeys other) {
        List<LockKey> merged = new ArrayList<>(ordered.size() + other.ordered.size());
        int i = 0;
        int j = 0;
        while (i < ordered.size() || j < other.ordered.size()) {
            int order = i == ordered.size() ? 1 : j == other.ordered.size() ? -1
                    : ordered.get(i).compareTo(other.ordered.get(j));
            if (order <= 0) {
                merged.add(ordered.get(i++));
                if (order == 0) {
                    j++;
                }
            } else {
                merged.add(other.ordered.get(j++));
            }
        }
        return new LockKeys(List.copyOf(merged));
    }

    /** The keys in the global order, unmodifiable. */
    public List<LockKey> asList() {
        return ordered;
    }

    @Override
    public Iterator<LockKey> iterator() {
        return ordered.iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LockKeys keys && ordered.equals(keys.ordered);
    }

    @Override
    public int hashCode() {
        return ordered.hashCode();
    }

    @Override
    public String toString() {
        return ordered.toString();
    }
}
