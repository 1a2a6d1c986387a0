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

    /**
     * Spring Data's {@code save()} asks this instead of reading the version or id through a bean getter, which on a
     * package-private entity threw and caught a {@code NotReadablePropertyException} on every insert.
     */
    @Override
    public boolean isNew() {
        return version == null;
    }
}
