package com.ecommerce.application.testing;

import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory {@link IdempotencyStorePort}. Not final: a test overrides a call to let a competing request act at
 * that very moment, which one thread cannot otherwise arrange.
 */
public class InMemoryIdempotencyRecords implements IdempotencyStorePort {

    private final InMemoryDatabase database;

    public InMemoryIdempotencyRecords(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<IdempotencyRecord> findRecord(String scope, long userId, String key) {
        return Optional.ofNullable(database.idempotency.get(id(scope, userId, key)));
    }

    @Override
    public void addClaim(IdempotencyRecord claim) {
        String id = id(claim.scope(), claim.userId(), claim.key());
        if (database.idempotency.containsKey(id)) {
            throw new IdempotencyKeyTakenException(claim.key(), null);
        }
        database.idempotency.put(id, claim);
    }

    @Override
    public void updateResult(String scope, long userId, String key, long result) {
        String id = id(scope, userId, key);
        IdempotencyRecord r = database.idempotency.get(id);
        if (r == null) {
            throw new IllegalStateException("no claim to complete for key " + key);
        }
        database.idempotency.put(id, new IdempotencyRecord(scope, userId, key, r.fingerprint(), result,
                r.createdAt()));
    }

    @Override
    public boolean removeExpired(String scope, long userId, String key, Instant createdBefore) {
        String id = id(scope, userId, key);
        IdempotencyRecord r = database.idempotency.get(id);
        return r != null && r.createdAt().isBefore(createdBefore) && database.idempotency.remove(id) != null;
    }

    @Override
    public int purgeExpired(Instant createdBefore, int limit) {
        List<String> expired = database.idempotency.entrySet().stream()
                .filter(e -> e.getValue().createdAt().isBefore(createdBefore))
                .sorted(Comparator.comparing(e -> e.getValue().createdAt()))
                .limit(limit).map(Map.Entry::getKey).toList();
        expired.forEach(database.idempotency::remove);
        return expired.size();
    }

    /** Every record, expired or not. */
    public int count() {
        return database.idempotency.size();
    }

    private static String id(String scope, long userId, String key) {
        return scope + "/" + userId + "/" + key;
    }
}
