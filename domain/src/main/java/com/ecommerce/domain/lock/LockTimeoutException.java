package com.ecommerce.domain.lock;

import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

import java.time.Duration;
import java.util.Map;

/** The locks were not all acquired within the wait timeout; the work did not run. */
public class LockTimeoutException extends DomainException {

    public LockTimeoutException(String keys, Duration waited) {
        this(keys, waited, null);
    }

    public LockTimeoutException(String keys, Duration waited, Throwable cause) {
        super(ErrorCode.LOCK_TIMEOUT, "Could not lock " + keys + " within " + waited.toMillis() + " ms; retry later",
                Map.of(), cause);
    }

    /** A lock wait ended by the database itself (its own lock wait timeout), not by the lock strategy's clock. */
    public LockTimeoutException(String what, Throwable cause) {
        super(ErrorCode.LOCK_TIMEOUT, "Could not lock " + what + " in time; retry later", Map.of(), cause);
    }
}
