package com.ecommerce.application.service;

import com.ecommerce.application.port.in.IdempotencyKey;
import com.ecommerce.application.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.port.out.IdempotencyRecord;
import com.ecommerce.application.port.out.LoadIdempotencyRecordPort;
import com.ecommerce.application.port.out.SaveIdempotencyRecordPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Makes a money-moving request repeatable under an {@code Idempotency-Key}.
 *
 * <p>The request claims its key in the same transaction as its effect, before touching any row, and records its
 * result there too. Only a committed success leaves a record, so a failed request can be repeated afresh. A
 * duplicate that arrives while the first is running blocks on the store's unique key until the first commits,
 * then finds the key taken and replays the stored result; this holds across instances because the store, not a
 * lock, decides.
 */
public final class Idempotency {

    private final LoadIdempotencyRecordPort loadRecordPort;
    private final SaveIdempotencyRecordPort saveRecordPort;
    private final TransactionPort transactionPort;

    public Idempotency(LoadIdempotencyRecordPort loadRecordPort, SaveIdempotencyRecordPort saveRecordPort,
                       TransactionPort transactionPort) {
        this.loadRecordPort = loadRecordPort;
        this.saveRecordPort = saveRecordPort;
        this.transactionPort = transactionPort;
    }

    /** The claim of one request; a no-op when the request carries no key. */
    final class Claim {
        private final String scope;
        private final long userId;
        private final IdempotencyKey key;
        private final String fingerprint;

        private Claim(String scope, long userId, IdempotencyKey key, String fingerprint) {
            this.scope = scope;
            this.userId = userId;
            this.key = key;
            this.fingerprint = fingerprint;
        }

        /** Call inside the work's transaction, before its first write. */
        void claim() {
            if (key != null) {
                saveRecordPort.claim(new IdempotencyRecord(scope, userId, key.value(), fingerprint, null));
            }
        }

        /** Call inside the work's transaction, after its last write. */
        void complete(long result) {
            if (key != null) {
                saveRecordPort.complete(scope, userId, key.value(), result);
            }
        }
    }

    <R> R run(String scope, long userId, IdempotencyKey key, String request, LongFunction<R> replay,
              Function<Claim, R> work) {
        if (key == null) {
            return work.apply(new Claim(scope, userId, null, null));
        }
        Claim claim = new Claim(scope, userId, key, digest(request));
        Optional<R> earlier = replayIfRecorded(claim, replay);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return work.apply(claim);
        } catch (IdempotencyKeyTakenException taken) {
            return replayIfRecorded(claim, replay).orElseThrow(() -> taken);
        }
    }

    private <R> Optional<R> replayIfRecorded(Claim claim, LongFunction<R> replay) {
        Optional<IdempotencyRecord> found = transactionPort.readOnly(
                () -> loadRecordPort.loadRecord(claim.scope, claim.userId, claim.key.value()));
        return found.map(stored -> {
            if (!stored.fingerprint().equals(claim.fingerprint)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key '" + claim.key.value() + "' was already used with a different request");
            }
            return transactionPort.readOnly(() -> replay.apply(stored.result()));
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
