package com.ecommerce.adapter.out.persistence;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

interface ItemRepository extends JpaRepository<ItemJpaEntity, Long> {

    /**
     * In place of {@code findAllById}, which builds and translates a criteria query on every call; this one is
     * translated once. Only cache misses of {@link ItemPersistenceAdapter#loadItems} run it.
     */
    @Query("select i from ItemJpaEntity i where i.id in :ids")
    List<ItemJpaEntity> findByIdIn(@Param("ids") Collection<Long> ids);
}
