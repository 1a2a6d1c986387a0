package com.ecommerce.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "point_balance")
class PointJpaEntity {

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(nullable = false)
    private long balance;

    @Version
    private Long version;

    protected PointJpaEntity() {
    }

    PointJpaEntity(long userId, long balance) {
        this.userId = userId;
        this.balance = balance;
    }

    Long getUserId() {
        return userId;
    }

    long getBalance() {
        return balance;
    }

    Long getVersion() {
        return version;
    }
}
