package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.application.shared.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.shared.port.out.IdempotencyRecord;
import com.ecommerce.application.shared.port.out.IdempotencyStorePort;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Clock;
import java.util.Optional;

/** Idempotency records ({@code idempotency_record}) with JPA; the table's unique key decides who claimed first. */
public class IdempotencyStoreAdapter implements IdempotencyStorePort {


    private final EntityManager em;
    private final Clock clock;

    public IdempotencyStoreAdapter(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    public Optional<IdempotencyRecord> findRecord(String scope, long userId, String key) {
        return em.createNamedQuery(IdempotencyRecordJpaEntity.FIND, IdempotencyRecordJpaEntity.class)
                .setParameter("scope", scope)
                .setParameter("userId", userId).setParameter("key", key).getResultList().stream().findFirst()
                .map(e -> new IdempotencyRecord(e.getScope(), e.getUserId(), e.getKey(), e.getFingerprint(),
                        e.getResult()));
    }

    /**
     * Inserts and flushes at once, so that the unique key is checked now: a concurrent claim of the same key
     * blocks here on the database's index lock until the first transaction ends.
     */
    @Override
    public void addClaim(IdempotencyRecord claim) {
        try {
            em.persist(new IdempotencyRecordJpaEntity(claim.scope(), claim.userId(), claim.key(),
                    claim.fingerprint(), Timestamps.now(clock)));
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
        int updated = em.createNamedQuery(IdempotencyRecordJpaEntity.COMPLETE).setParameter("result", result)
                .setParameter("scope", scope)
                .setParameter("userId", userId).setParameter("key", key).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("no claim to complete for key " + key);
        }
    }
}
