package com.ecommerce.domain.lock;

import java.util.Comparator;
import java.util.Objects;

/**
 * Names one lockable resource. Keys have one global total order across resource types (type first, then id),
 * and every {@link LockPort} acquires a set of keys in that order. Two requests that need overlapping keys
 * therefore always ask for the shared ones in the same order and cannot deadlock, whatever the mix of
 * stock and point keys, whatever order the caller listed them in.
 */
public record LockKey(ResourceType type, long id) implements Comparable<LockKey> {

    private static final Comparator<LockKey> ORDER =
            Comparator.comparing(LockKey::type).thenComparingLong(LockKey::id);

    /**
     * The kinds of resource; the declaration order is the global acquisition order. Balances come first and stocks
     * last: an item's stock is what a sale contends for, so it is taken last and held the shortest (a request, or a
     * batch of combined orders, has its balances before it asks for the stock; with {@code lock-db} the stock's row
     * lock is the last one its transaction takes).
     */
    public enum ResourceType {
        POINT("point"),
        ITEM_STOCK("stock");

        private final String prefix;

        ResourceType(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public LockKey {
        Objects.requireNonNull(type, "type");
        if (id <= 0) {
            throw new IllegalArgumentException("lock key ids are positive: " + id);
        }
    }

    public static LockKey point(long userId) {
        return new LockKey(ResourceType.POINT, userId);
    }

    public static LockKey itemStock(long itemId) {
        return new LockKey(ResourceType.ITEM_STOCK, itemId);
    }

    /** A stable, human-readable name such as {@code stock:42}, usable as a Redis or ZooKeeper key suffix. */
    public String asString() {
        return type.prefix() + ":" + id;
    }

    @Override
    public int compareTo(LockKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return asString();
    }
}
