package com.ecommerce.application.port.out;

import java.util.Optional;

public interface LoadIdempotencyRecordPort {

    /** The committed record of a key, if any. */
    Optional<IdempotencyRecord> loadRecord(String scope, long userId, String key);
}
