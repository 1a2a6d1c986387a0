package com.ecommerce.adapter.out.persistence.stock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity(name = "Item")
@NamedQuery(name = ItemJpaEntity.FIND_BY_IDS, query = "select i "
        + "from Item i "
        + "where i.id in :ids")
@NamedQuery(name = ItemJpaEntity.FIND_ALL, query = "select i "
        + "from Item i "
        + "order by i.id")
@NamedQuery(name = ItemJpaEntity.COUNT_ALL, query = "select count(i) "
        + "from Item i")
@Table(name = "item")
class ItemJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String FIND_BY_IDS = "Item.findByIds";
    static final String FIND_ALL = "Item.findAll";
    static final String COUNT_ALL = "Item.countAll";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false)
    private long price;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The schema gives every aggregate row a version; these rows are written once and never updated, so it stays 0. */
    @Column(nullable = false)
    private long version;

    protected ItemJpaEntity() {
    }

    ItemJpaEntity(String name, long price, Instant createdAt) {
        this.name = name;
        this.price = price;
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    long getPrice() {
        return price;
    }
}
