package com.ecommerce.application.shared;

import com.ecommerce.application.shared.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.shared.port.out.IdempotencyRecord;
import com.ecommerce.application.shared.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes a money-moving request repeatable under an {@code Idempotency-Key}.
 *
 * <p>The request claims its key in the same transaction as its effect, before touching any row, and records its
 * result there too. Only a committed success leaves a record, so a failed request can be repeated afresh. A
 * duplicate that arrives while the first is running blocks on the store's unique key until the first commits,
 * then finds the key taken and replays the stored result; this holds across instances because the store, not a
 * lock, decides.
 *
 * <p>A record is kept for the {@link IdempotencyRetention retention}. Past it the record counts as absent, whether
 * or not the purge has deleted it yet: the request is processed afresh. Its expired record is deleted first, in a
 * transaction of its own (the claim would otherwise meet the unique key); that delete keeps a record claimed since
 * by a concurrent repeat, which then wins the claim and is replayed like any concurrent first request.
 */
final class Idempotency {

    private final IdempotencyStorePort store;
    private final TransactionPort transactionPort;
    private final IdempotencyRetention retention;

    Idempotency(IdempotencyStorePort store, TransactionPort transactionPort, IdempotencyRetention retention) {
        this.store = store;
        this.transactionPort = transactionPort;
        this.retention = retention;
    }

    <R> R run(IdempotentRequest<R> request, Function<IdempotencyClaim<R>, R> work) {
        if (request.key() == null) {
            return work.apply(IdempotencyClaim.none());
        }
        String fingerprint = digest(request.fingerprint());
        Instant cutoff = retention.cutoff();
        Optional<IdempotencyRecord> found = find(request);
        if (found.isPresent()) {
            if (!IdempotencyRetention.isExpired(found.get(), cutoff)) {
                return replay(request, fingerprint, found.get());
            }
            transactionPort.inTransaction(() -> store.removeExpired(request.scope(), request.userId(),
                    request.key().value(), cutoff));
        }
        try {
            return work.apply(new KeyedClaim<>(request, fingerprint));
        } catch (IdempotencyKeyTakenException taken) {
            // a concurrent request claimed the key after our lookup and committed: it is the first, so it answers
            return find(request).map(first -> replay(request, fingerprint, first)).orElseThrow(() -> taken);
        }
    }

    private final class KeyedClaim<R> implements IdempotencyClaim<R> {
        private final IdempotentRequest<R> request;
        private final String fingerprint;

        private KeyedClaim(IdempotentRequest<R> request, String fingerprint) {
            this.request = request;
            this.fingerprint = fingerprint;
        }

        @Override
        public void claim() {
            store.addClaim(new IdempotencyRecord(request.scope(), request.userId(), request.key().value(),
                    fingerprint, null, retention.claimTime()));
        }

        @Override
        public void complete(R result) {
            store.updateResult(request.scope(), request.userId(), request.key().value(),
                    request.recorded().applyAsLong(result));
        }
    }

    private Optional<IdempotencyRecord> find(IdempotentRequest<?> request) {
        return transactionPort.readOnly(
                () -> store.findRecord(request.scope(), request.userId(), request.key().value()));
    }

    private <R> R replay(IdempotentRequest<R> request, String fingerprint, IdempotencyRecord stored) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key '" + request.key().value() + "' was already used with a different request");
        }
        return transactionPort.readOnly(() -> request.replay().apply(stored.result()));
    }

    private static String digest(String request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
