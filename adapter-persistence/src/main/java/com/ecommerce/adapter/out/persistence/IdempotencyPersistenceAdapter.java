package com.ecommerce.adapter.out.persistence;

import com.ecommerce.application.shared.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.shared.port.out.IdempotencyRecord;
import com.ecommerce.application.port.out.LoadIdempotencyRecordPort;
import com.ecommerce.application.port.out.SaveIdempotencyRecordPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

@Component
class IdempotencyPersistenceAdapter implements LoadIdempotencyRecordPort, SaveIdempotencyRecordPort {

    private final IdempotencyRecordRepository repository;
    private final Clock clock;

    IdempotencyPersistenceAdapter(IdempotencyRecordRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public Optional<IdempotencyRecord> loadRecord(String scope, long userId, String key) {
        return repository.findByScopeAndUserIdAndKey(scope, userId, key)
                .map(e -> new IdempotencyRecord(e.getScope(), e.getUserId(), e.getKey(), e.getFingerprint(),
                        e.getResult()));
    }

    /**
     * Inserts and flushes at once, so that the unique key is checked now: a concurrent claim of the same key
     * blocks here on the database's index lock until the first transaction ends.
     */
    @Override
    public void claim(IdempotencyRecord claim) {
        try {
            repository.saveAndFlush(new IdempotencyRecordJpaEntity(claim.scope(), claim.userId(), claim.key(),
                    claim.fingerprint(), Timestamps.now(clock)));
        } catch (DataIntegrityViolationException duplicate) {
            throw new IdempotencyKeyTakenException(claim.key(), duplicate);
        }
    }

    @Override
    public void complete(String scope, long userId, String key, long result) {
        if (repository.complete(scope, userId, key, result) != 1) {
            throw new IllegalStateException("no claim to complete for key " + key);
        }
    }
}
