package com.ecommerce.adapter.out.persistence;

import org.springframework.data.domain.Persistable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "point_balance")
class PointJpaEntity implements Persistable<Long> {

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

    @Override
    public Long getId() {
        return userId;
    }

    /** Why entities answer this themselves: {@link OrderJpaEntity#isNew()}. */
    @Override
    public boolean isNew() {
        return version == null;
    }
}
