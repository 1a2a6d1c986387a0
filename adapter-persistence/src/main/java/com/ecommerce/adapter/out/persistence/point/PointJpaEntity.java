package com.ecommerce.adapter.out.persistence.point;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "point_balance")
class PointJpaEntity {

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
