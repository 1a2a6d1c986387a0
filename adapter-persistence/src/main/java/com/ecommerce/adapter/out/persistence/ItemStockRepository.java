package com.ecommerce.adapter.out.persistence;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ItemStockRepository extends JpaRepository<ItemStockJpaEntity, Long> {

    /** The version fence: 0 rows means someone else wrote since {@code expectedVersion} was read. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update ItemStockJpaEntity s set s.quantity = :quantity, s.version = s.version + 1 "
            + "where s.itemId = :itemId and s.version = :expectedVersion")
    int updateIfVersionMatches(@Param("itemId") long itemId, @Param("quantity") long quantity,
                               @Param("expectedVersion") long expectedVersion);
}
