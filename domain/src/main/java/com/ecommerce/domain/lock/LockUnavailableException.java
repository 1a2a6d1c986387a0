package com.ecommerce.domain.lock;

import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

import java.util.Map;

/** The lock service cannot grant locks at all (for example a Redis quorum is lost); the work did not run. */
public class LockUnavailableException extends DomainException {

    public LockUnavailableException(String reason, Throwable cause) {
        super(ErrorCode.LOCK_UNAVAILABLE, "The lock service is unavailable: " + reason, Map.of(), cause);
    }
}
