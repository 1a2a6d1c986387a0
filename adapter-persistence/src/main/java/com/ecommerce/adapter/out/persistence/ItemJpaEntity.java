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
@Table(name = "item")
class ItemJpaEntity implements Persistable<Long> {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false)
    private long price;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private Long version;

    protected ItemJpaEntity() {
    }

    ItemJpaEntity(String name, long price, Instant createdAt) {
        this.name = name;
        this.price = price;
        this.createdAt = createdAt;
    }

    @Override
    public Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    long getPrice() {
        return price;
    }

    /** Why entities answer this themselves: {@link OrderJpaEntity#isNew()}. */
    @Override
    public boolean isNew() {
        return id == null;
    }
}
