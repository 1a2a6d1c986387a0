package com.ecommerce.adapter.out.persistence.point;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity(name = "PointBalance")
@NamedQuery(name = PointJpaEntity.FIND_BY_ID, query = "select p.userId, p.balance, p.version "
        + "from PointBalance p "
        + "where p.userId = :userId")
@NamedQuery(name = PointJpaEntity.FIND_BY_IDS, query = "select p.userId, p.balance, p.version "
        + "from PointBalance p "
        + "where p.userId in :userIds")
@Table(name = "point_balance")
class PointJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String FIND_BY_ID = "PointBalance.findById";
    static final String FIND_BY_IDS = "PointBalance.findByIds";

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(nullable = false)
    private long balance;

    /** Bumped by the store's version-checked update (the fence); no JPA {@code @Version}: one fence, one owner. */
    @Column(nullable = false)
    private long version;

    protected PointJpaEntity() {
    }

    PointJpaEntity(long userId, long balance) {
        this.userId = userId;
        this.balance = balance;
    }

    Long getId() {
        return userId;
    }
}
