package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Idempotency records ({@code idempotency_record}) with JPA; the table's unique key decides who claimed first. */
public class IdempotencyStoreAdapter implements IdempotencyStorePort {

    private final EntityManager em;

    public IdempotencyStoreAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<IdempotencyRecord> findRecord(String scope, long userId, String key) {
        return em.createNamedQuery(IdempotencyRecordJpaEntity.FIND_BY_KEY, IdempotencyRecordJpaEntity.class)
                .setParameter("scope", scope)
                .setParameter("userId", userId).setParameter("key", key).getResultList().stream().findFirst()
                .map(e -> new IdempotencyRecord(e.getScope(), e.getUserId(), e.getKey(), e.getFingerprint(),
                        e.getResult(), e.getCreatedAt()));
    }

    /**
     * Inserts and flushes at once, so that the unique key is checked now: a concurrent claim of the same key
     * blocks here on the database's index lock until the first transaction ends.
     */
    @Override
    public void addClaim(IdempotencyRecord claim) {
        try {
            em.persist(new IdempotencyRecordJpaEntity(claim.scope(), claim.userId(), claim.key(),
                    claim.fingerprint(), claim.createdAt()));
            em.flush();
        } catch (ConstraintViolationException duplicate) {
            throw new IdempotencyKeyTakenException(claim.key(), duplicate);
        } catch (PersistenceException e) {
            if (e.getCause() instanceof ConstraintViolationException duplicate) {
                throw new IdempotencyKeyTakenException(claim.key(), duplicate);
            }
            throw e;
        }
    }

    @Override
    public void updateResult(String scope, long userId, String key, long result) {
        int updated = em.createNamedQuery(IdempotencyRecordJpaEntity.UPDATE_RESULT_BY_KEY)
                .setParameter("result", result).setParameter("scope", scope)
                .setParameter("userId", userId).setParameter("key", key).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("no claim to complete for key " + key);
        }
    }

    /**
     * By the unique key; a row claimed since the cutoff is kept. Under InnoDB the delete is a locking read, so it
     * waits for a transaction that holds the row (a repeat that re-claimed the key and is still running) and then
     * checks {@code created_at} on the committed row.
     */
    @Override
    public boolean removeExpired(String scope, long userId, String key, Instant createdBefore) {
        return em.createNamedQuery(IdempotencyRecordJpaEntity.DELETE_BY_KEY_CREATED_BEFORE)
                .setParameter("scope", scope).setParameter("userId", userId).setParameter("key", key)
                .setParameter("createdBefore", createdBefore).executeUpdate() == 1;
    }

    /**
     * Two statements in the caller's transaction. The ids come from a plain (non-locking) read of the
     * {@code created_at} index, bounded by {@code limit}: it takes no lock, sees only committed rows (so never a
     * claim in flight) and reads only the expired slice of the index, not the table. The delete is by primary key
     * alone, so it locks just those rows (and, where a concurrent purge deleted one first, the gap it left), never a
     * range of the {@code created_at} index: claims, which insert at the newest end of both indexes, do not wait for
     * it. It needs no second look at {@code created_at}: a row's creation time never changes, and a key claimed
     * again is a new row with a new id. Two purges that picked the same ids lock them in the same (primary-key)
     * order: the second waits for the first, then deletes what is left, nothing.
     */
    @Override
    public int purgeExpired(Instant createdBefore, int limit) {
        List<Long> ids = em.createNamedQuery(IdempotencyRecordJpaEntity.FIND_IDS_CREATED_BEFORE, Long.class)
                .setParameter("createdBefore", createdBefore).setMaxResults(limit).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createNamedQuery(IdempotencyRecordJpaEntity.DELETE_BY_IDS).setParameter("ids", ids)
                .executeUpdate();
    }
}
