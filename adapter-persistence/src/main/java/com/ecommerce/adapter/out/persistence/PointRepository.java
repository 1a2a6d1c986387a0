package com.ecommerce.adapter.out.persistence;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PointRepository extends JpaRepository<PointJpaEntity, Long> {

    /** The version fence: 0 rows means someone else wrote since {@code expectedVersion} was read. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update PointJpaEntity p set p.balance = :balance, p.version = p.version + 1 "
            + "where p.userId = :userId and p.version = :expectedVersion")
    int updateIfVersionMatches(@Param("userId") long userId, @Param("balance") long balance,
                               @Param("expectedVersion") long expectedVersion);
}
