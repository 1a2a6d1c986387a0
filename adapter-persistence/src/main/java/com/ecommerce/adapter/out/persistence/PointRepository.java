package com.ecommerce.adapter.out.persistence;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

interface PointRepository extends JpaRepository<PointJpaEntity, Long> {

    /** A balance as plain values: nothing to snapshot for dirty checking, nothing to clear after the update. */
    record PointRow(long userId, long balance, long version) {
    }

    @Query("select new com.ecommerce.adapter.out.persistence.PointRepository$PointRow(p.userId, p.balance, p.version) "
            + "from PointJpaEntity p where p.userId = :userId")
    Optional<PointRow> findRow(@Param("userId") long userId);

    /** The version fence: 0 rows means someone else wrote since {@code expectedVersion} was read. */
    @Modifying(flushAutomatically = true)
    @Query("update PointJpaEntity p set p.balance = :balance, p.version = p.version + 1 "
            + "where p.userId = :userId and p.version = :expectedVersion")
    int updateIfVersionMatches(@Param("userId") long userId, @Param("balance") long balance,
                               @Param("expectedVersion") long expectedVersion);
}
