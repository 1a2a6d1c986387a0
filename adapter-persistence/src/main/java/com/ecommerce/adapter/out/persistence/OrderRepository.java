package com.ecommerce.adapter.out.persistence;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface OrderRepository extends JpaRepository<OrderJpaEntity, Long> {

    @EntityGraph(attributePaths = "lines")
    Optional<OrderJpaEntity> findWithLinesById(long id);

    /** Lines are fetched in batches (hibernate.default_batch_fetch_size), not one query per order. */
    Page<OrderJpaEntity> findByUserIdOrderByIdDesc(long userId, Pageable pageable);
}
