package com.ecommerce.adapter.out.persistence;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

interface IdempotencyRecordRepository extends JpaRepository<IdempotencyRecordJpaEntity, Long> {

    Optional<IdempotencyRecordJpaEntity> findByScopeAndUserIdAndKey(String scope, long userId, String key);

    @Modifying(flushAutomatically = true)
    @Query("update IdempotencyRecordJpaEntity r set r.result = :result "
            + "where r.scope = :scope and r.userId = :userId and r.key = :key")
    int complete(@Param("scope") String scope, @Param("userId") long userId, @Param("key") String key,
                 @Param("result") long result);
}
