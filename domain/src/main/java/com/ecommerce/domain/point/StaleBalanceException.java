package com.ecommerce.domain.point;

import com.ecommerce.domain.shared.ConcurrentUpdateException;

/**
 * The version fence found one buyer's balance changed behind the writer's read. Names the buyer, so that a batch of
 * orders can fail that buyer's orders alone and place the others again.
 */
public class StaleBalanceException extends ConcurrentUpdateException {

    private final long userId;

    public StaleBalanceException(long userId) {
        super("The balance of user " + userId);
        this.userId = userId;
    }

    public long userId() {
        return userId;
    }
}
