package com.ecommerce.adapter.out.persistence;

import org.springframework.data.domain.Persistable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

@Entity
@Table(name = "users")
class UserJpaEntity implements Persistable<Long> {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private Long version;

    protected UserJpaEntity() {
    }

    UserJpaEntity(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    @Override
    public Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    /** Why entities answer this themselves: {@link OrderJpaEntity#isNew()}. */
    @Override
    public boolean isNew() {
        return id == null;
    }
}
