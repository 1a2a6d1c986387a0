package com.ecommerce.domain.shared;

import java.util.Map;

/**
 * The commit of a write was sent, but its answer never came back (the database link failed at the commit): the
 * transaction may have committed or not, and the service cannot tell. Unlike every other failure, this one may have
 * changed something; the caller learns so, and a repeat under the same {@code Idempotency-Key} is safe either way.
 */
public class CommitOutcomeUnknownException extends DomainException {

    public CommitOutcomeUnknownException(Throwable cause) {
        super(ErrorCode.COMMIT_OUTCOME_UNKNOWN, "The database connection failed at the commit: the request may or may"
                + " not have taken effect; repeat it with the same Idempotency-Key to learn which", Map.of(), cause);
    }
}
