package com.ecommerce.adapter.out.persistence;

import org.springframework.data.jpa.repository.JpaRepository;

interface ItemRepository extends JpaRepository<ItemJpaEntity, Long> {
}
