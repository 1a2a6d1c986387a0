package com.ecommerce.adapter.out.persistence.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Written once by the request that claims the key; unique per (scope, user, key). A row's {@code created_at} never
 * changes (a key claimed again after it expired is a new row, with a new id), so a row once seen expired stays
 * expired. Expired rows are found through the index on {@code created_at} (migration V3) and deleted by id.
 */
@Entity
@NamedQuery(name = IdempotencyRecordJpaEntity.FIND, query = "select r "
        + "from IdempotencyRecordJpaEntity r "
        + "where r.scope = :scope and r.userId = :userId and r.key = :key")
@NamedQuery(name = IdempotencyRecordJpaEntity.COMPLETE, query = "update IdempotencyRecordJpaEntity r "
        + "set r.result = :result "
        + "where r.scope = :scope and r.userId = :userId and r.key = :key")
@NamedQuery(name = IdempotencyRecordJpaEntity.EXPIRED_IDS, query = "select r.id "
        + "from IdempotencyRecordJpaEntity r "
        + "where r.createdAt < :createdBefore order by r.createdAt")
@NamedQuery(name = IdempotencyRecordJpaEntity.DELETE_BY_IDS, query = "delete from IdempotencyRecordJpaEntity r "
        + "where r.id in :ids")
@NamedQuery(name = IdempotencyRecordJpaEntity.DELETE_EXPIRED_KEY, query = "delete from IdempotencyRecordJpaEntity r "
        + "where r.scope = :scope and r.userId = :userId and r.key = :key and r.createdAt < :createdBefore")
@Table(name = "idempotency_record")
class IdempotencyRecordJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String FIND = "IdempotencyRecordJpaEntity.find";
    static final String COMPLETE = "IdempotencyRecordJpaEntity.complete";
    static final String EXPIRED_IDS = "IdempotencyRecordJpaEntity.expiredIds";
    static final String DELETE_BY_IDS = "IdempotencyRecordJpaEntity.deleteByIds";
    static final String DELETE_EXPIRED_KEY = "IdempotencyRecordJpaEntity.deleteExpiredKey";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 16)
    private String scope;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "idem_key", nullable = false, length = 64)
    private String key;

    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column
    private Long result;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyRecordJpaEntity() {
    }

    IdempotencyRecordJpaEntity(String scope, long userId, String key, String fingerprint, Instant createdAt) {
        this.scope = scope;
        this.userId = userId;
        this.key = key;
        this.fingerprint = fingerprint;
        this.createdAt = createdAt;
    }

    String getScope() {
        return scope;
    }

    long getUserId() {
        return userId;
    }

    String getKey() {
        return key;
    }

    String getFingerprint() {
        return fingerprint;
    }

    Long getResult() {
        return result;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Long getId() {
        return id;
    }
}
