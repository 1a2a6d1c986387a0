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
 */
final class Idempotency {

    private final IdempotencyStorePort store;
    private final TransactionPort transactionPort;

    Idempotency(IdempotencyStorePort store, TransactionPort transactionPort) {
        this.store = store;
        this.transactionPort = transactionPort;
    }

    /** The claim of one request, run by the unit of work inside its transaction; a no-op without a key. */
    interface Claim<R> {
        /** Before the work's first write. */
        void claim();

        /** After the work's last write. */
        void complete(R result);

        static <R> Claim<R> none() {
            return new Claim<>() {
                @Override
                public void claim() {
                }

                @Override
                public void complete(R result) {
                }
            };
        }
    }

    <R> R run(IdempotentRequest<R> request, Function<Claim<R>, R> work) {
        if (request.key() == null) {
            return work.apply(Claim.none());
        }
        String fingerprint = digest(request.fingerprint());
        Optional<R> earlier = replayIfRecorded(request, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return work.apply(new KeyedClaim<>(request, fingerprint));
        } catch (IdempotencyKeyTakenException taken) {
            return replayIfRecorded(request, fingerprint).orElseThrow(() -> taken);
        }
    }

    private final class KeyedClaim<R> implements Claim<R> {
        private final IdempotentRequest<R> request;
        private final String fingerprint;

        private KeyedClaim(IdempotentRequest<R> request, String fingerprint) {
            this.request = request;
            this.fingerprint = fingerprint;
        }

        @Override
        public void claim() {
            store.addClaim(new IdempotencyRecord(request.scope(), request.userId(), request.key().value(),
                    fingerprint, null));
        }

        @Override
        public void complete(R result) {
            store.updateResult(request.scope(), request.userId(), request.key().value(),
                    request.recorded().applyAsLong(result));
        }
    }

    private <R> Optional<R> replayIfRecorded(IdempotentRequest<R> request, String fingerprint) {
        Optional<IdempotencyRecord> found = transactionPort.readOnly(
                () -> store.findRecord(request.scope(), request.userId(), request.key().value()));
        return found.map(stored -> {
            if (!stored.fingerprint().equals(fingerprint)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key '" + request.key().value() + "' was already used with a different request");
            }
            return transactionPort.readOnly(() -> request.replay().apply(stored.result()));
        });
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
