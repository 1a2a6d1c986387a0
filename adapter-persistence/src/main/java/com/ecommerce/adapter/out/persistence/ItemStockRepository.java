package com.ecommerce.adapter.out.persistence;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

interface ItemStockRepository extends JpaRepository<ItemStockJpaEntity, Long> {

    /** What an order reads inside its locks, as plain values: nothing to snapshot for dirty checking. */
    record StockRow(long itemId, long quantity, long version) {
    }

    /**
     * The JPQL of {@link ItemPersistenceAdapter#loadStocks}, which binds the ids with {@code setParameterList}: a
     * declared query method would bind the collection with {@code setParameter}, where Hibernate 7 first tries to
     * coerce the whole list to a {@code Long} and throws and catches a {@code CoercionException} on every call.
     */
    String ROWS_BY_IDS = "select new com.ecommerce.adapter.out.persistence.ItemStockRepository$StockRow("
            + "s.itemId, s.quantity, s.version) from ItemStockJpaEntity s where s.itemId in :itemIds";

    @Query("select new com.ecommerce.adapter.out.persistence.ItemStockRepository$StockRow(s.itemId, s.quantity, s.version) "
            + "from ItemStockJpaEntity s where s.itemId = :itemId")
    Optional<StockRow> findRow(@Param("itemId") long itemId);

    /** The version fence: 0 rows means someone else wrote since {@code expectedVersion} was read. */
    @Modifying(flushAutomatically = true)
    @Query("update ItemStockJpaEntity s set s.quantity = :quantity, s.version = s.version + 1 "
            + "where s.itemId = :itemId and s.version = :expectedVersion")
    int updateIfVersionMatches(@Param("itemId") long itemId, @Param("quantity") long quantity,
                               @Param("expectedVersion") long expectedVersion);
}
