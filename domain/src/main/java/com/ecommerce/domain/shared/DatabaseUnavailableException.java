package com.ecommerce.domain.shared;

import java.util.Map;

/**
 * The request could not get a database connection within the connection wait: the pool's connections are all in
 * use (or the database does not answer), or the reads of the public catalogue have taken their share. It failed
 * before it locked or wrote anything, so nothing changed and it may be retried.
 */
public class DatabaseUnavailableException extends DomainException {

    public DatabaseUnavailableException(String what, Throwable cause) {
        super(ErrorCode.DATABASE_UNAVAILABLE, what + "; nothing changed, retry later", Map.of(), cause);
    }
}
