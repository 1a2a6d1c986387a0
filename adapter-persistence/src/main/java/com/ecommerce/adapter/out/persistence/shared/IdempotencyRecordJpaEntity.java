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
@Entity(name = "IdempotencyRecord")
@NamedQuery(name = IdempotencyRecordJpaEntity.FIND_BY_KEY, query = "select r "
        + "from IdempotencyRecord r "
        + "where r.scope = :scope and r.userId = :userId and r.key = :key")
@NamedQuery(name = IdempotencyRecordJpaEntity.UPDATE_RESULT_BY_KEY, query = "update IdempotencyRecord r "
        + "set r.result = :result "
        + "where r.scope = :scope and r.userId = :userId and r.key = :key")
@NamedQuery(name = IdempotencyRecordJpaEntity.FIND_IDS_CREATED_BEFORE, query = "select r.id "
        + "from IdempotencyRecord r "
        + "where r.createdAt < :createdBefore order by r.createdAt")
@NamedQuery(name = IdempotencyRecordJpaEntity.DELETE_BY_IDS, query = "delete "
        + "from IdempotencyRecord r "
        + "where r.id in :ids")
@NamedQuery(name = IdempotencyRecordJpaEntity.DELETE_BY_KEY_CREATED_BEFORE, query = "delete "
        + "from IdempotencyRecord r "
        + "where r.scope = :scope and r.userId = :userId and r.key = :key and r.createdAt < :createdBefore")
@Table(name = "idempotency_record")
class IdempotencyRecordJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String FIND_BY_KEY = "IdempotencyRecord.findByKey";
    static final String UPDATE_RESULT_BY_KEY = "IdempotencyRecord.updateResultByKey";
    static final String FIND_IDS_CREATED_BEFORE = "IdempotencyRecord.findIdsCreatedBefore";
    static final String DELETE_BY_IDS = "IdempotencyRecord.deleteByIds";
    static final String DELETE_BY_KEY_CREATED_BEFORE = "IdempotencyRecord.deleteByKeyCreatedBefore";

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
