package com.ecommerce.adapter.out.persistence;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface PointHistoryRepository extends JpaRepository<PointHistoryJpaEntity, Long> {

    Page<PointHistoryJpaEntity> findByUserIdOrderByIdDesc(long userId, Pageable pageable);
}
