package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.domain.shared.CommitOutcomeUnknownException;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.SmartTransactionObject;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which failures of a transaction say "nothing changed" and which one cannot: only a commit that fails leaves as
 * {@code COMMIT_OUTCOME_UNKNOWN}, never a failure of the work (rolled back) or of a read. The database side of it,
 * a link cut before and after the server committed, is the system tests' {@code CommitLinkCuts}.
 */
class TransactionAdapterCommitTest {

    private final Manager manager = new Manager();
    private final TransactionAdapter transactions = new TransactionAdapter(manager, null);

    @Test
    void aCommitThatFails_leavesAsCommitOutcomeUnknown_withTheCause() {
        RecoverableDataAccessException linkLost = new RecoverableDataAccessException("Communications link failure");
        manager.commitFails = linkLost;

        assertThatThrownBy(() -> transactions.inTransaction(() -> "written"))
                .isInstanceOf(CommitOutcomeUnknownException.class)
                .hasCause(linkLost)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN);
        // Spring tries a rollback after a failed commit; over a lost link it cannot say what the server did either
        assertThat(manager.steps).containsExactly("begin", "flush", "commit", "rollback");
    }

    @Test
    void aWorkThatFails_isRolledBack_andKeepsItsOwnException() {
        IllegalStateException refused = new IllegalStateException("refused");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            throw refused;
        })).isSameAs(refused);
        assertThat(manager.steps).containsExactly("begin", "rollback");
    }

    @Test
    void aFlushThatFails_isRolledBack_beforeAnyCommit() {
        manager.flushFails = new RecoverableDataAccessException("constraint");

        assertThatThrownBy(() -> transactions.inTransaction(() -> "written")).isSameAs(manager.flushFails);
        assertThat(manager.steps).containsExactly("begin", "flush", "rollback");
    }

    @Test
    void aReadOnlyCommitThatFails_changedNothing_andStaysWhatItIs() {
        manager.commitFails = new RecoverableDataAccessException("Communications link failure");

        assertThatThrownBy(() -> transactions.readOnly(() -> "read")).isSameAs(manager.commitFails);
        assertThat(manager.steps).containsExactly("begin", "commit", "rollback");
    }

    @Test
    void aCommitRefusedAsRollbackOnly_isAKnownRollback() {
        manager.commitFails = new UnexpectedRollbackException("marked rollback-only");

        assertThatThrownBy(() -> transactions.inTransaction(() -> "written")).isSameAs(manager.commitFails);
    }

    @Test
    void aCommitThatSucceeds_returnsTheWorksResult() {
        assertThat(transactions.inTransaction(() -> "written")).isEqualTo("written");
        assertThat(manager.steps).containsExactly("begin", "flush", "commit");
    }

    /** A transaction manager that records its steps and fails where a test says. */
    private static final class Manager extends AbstractPlatformTransactionManager {
        final List<String> steps = new ArrayList<>();
        RuntimeException commitFails;
        RuntimeException flushFails;

        @Override
        protected Object doGetTransaction() {
            return new SmartTransactionObject() {
                @Override
                public boolean isRollbackOnly() {
                    return false;
                }

                @Override
                public void flush() {
                    steps.add("flush");
                    if (flushFails != null) {
                        throw flushFails;
                    }
                }
            };
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            steps.add("begin");
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            steps.add("commit");
            if (commitFails != null) {
                throw commitFails;
            }
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            steps.add("rollback");
        }
    }
}
