package com.ecommerce.application.idempotency;

import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Makes a money-moving request repeatable under an {@code Idempotency-Key}.
 *
 * <p>Before any lock, {@link #admit} answers a repeat of a request that succeeded from its record. Otherwise the
 * request runs, and the guarded unit of work claims its key before its first write ({@link Admission#claim}) and
 * records its result after its last ({@link Admission#complete}), in the same transaction as its effect, so only a
 * committed success leaves a record and a failed request can be repeated afresh. A duplicate that runs while the
 * first is running blocks on the store's unique key until the first commits, then finds the key taken and is
 * answered from the first one's record ({@link Admission#answerTaken}); this holds across instances because the
 * store, not a lock, decides.
 *
 * <p>A record is kept for the {@link IdempotencyRetention retention}. Past it the record counts as absent, whether
 * or not the purge has deleted it yet: the request is processed afresh. Its expired record is deleted first, in a
 * transaction of its own (the record would otherwise meet the unique key); that delete keeps a record made since
 * by a concurrent repeat, which then wins and is replayed like any concurrent first request.
 */
public final class Idempotency {

    private final IdempotencyStorePort store;
    private final TransactionPort transactionPort;
    private final IdempotencyRetention retention;

    public Idempotency(IdempotencyStorePort store, TransactionPort transactionPort, IdempotencyRetention retention) {
        this.store = store;
        this.transactionPort = transactionPort;
        this.retention = retention;
    }

    /** The replay check, before any lock: a repeat is answered from its record, anything else is admitted to run. */
    public <R> Admission<R> admit(IdempotentRequest<R> request) {
        if (request.key() == null) {
            return Admission.unkeyed();
        }
        String fingerprint = digest(request.fingerprint());
        Instant cutoff = retention.cutoff();
        Optional<IdempotencyRecord> found = find(request);
        if (found.isPresent()) {
            if (!IdempotencyRetention.isExpired(found.get(), cutoff)) {
                return Admission.replay(request, replay(request, fingerprint, found.get()));
            }
            transactionPort.inTransaction(() -> store.removeExpired(request.scope(), request.userId(),
                    request.key().value(), cutoff));
        }
        return Admission.toRun(request,
                () -> store.addClaim(new IdempotencyRecord(request.scope(), request.userId(), request.key().value(),
                        fingerprint, null, retention.claimTime())),
                result -> store.updateResult(request.scope(), request.userId(), request.key().value(), result),
                () -> store.findRecord(request.scope(), request.userId(), request.key().value()).ifPresent(first -> {
                    throw new IdempotencyKeyTakenException(request.key().value(), null);
                }),
                taken -> find(request).map(first -> replay(request, fingerprint, first)).orElseThrow(() -> taken));
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
