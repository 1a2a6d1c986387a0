package com.ecommerce.application.idempotency;

import com.ecommerce.application.idempotency.port.in.IdempotencyKey;

import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * What the guarded unit of work needs to make a request repeatable: where its key lives ({@code scope} and the user
 * it acts for), the key (null: the request is not repeatable), what identifies the request ({@code fingerprint}),
 * which number of its result to remember ({@code recorded}) and how to rebuild the answer from that number
 * ({@code replay}, run in a read-only transaction).
 */
public record IdempotentRequest<R>(String scope, long userId, IdempotencyKey key, String fingerprint,
                                   ToLongFunction<R> recorded, LongFunction<R> replay) {

    /** A request that is not repeatable: it has no key, and nothing of it is recorded. */
    public static <R> IdempotentRequest<R> none() {
        return new IdempotentRequest<>("none", 0, null, "", result -> 0, id -> null);
    }
}
