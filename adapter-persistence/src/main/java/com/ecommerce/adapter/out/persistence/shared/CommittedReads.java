package com.ecommerce.adapter.out.persistence.shared;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whether what this thread just read is known to be committed, and so may be remembered by a per-instance cache of
 * rows that never change. A read outside a transaction or in a read-only one sees only committed rows; a read inside
 * a read-write transaction may see that transaction's own insert, which a rollback would take back.
 */
public final class CommittedReads {

    private CommittedReads() {
    }

    public static boolean now() {
        return !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }
}
