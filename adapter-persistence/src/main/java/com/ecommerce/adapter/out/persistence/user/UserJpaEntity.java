package com.ecommerce.adapter.out.persistence.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity(name = "Users")
@NamedQuery(name = UserJpaEntity.COUNT_BY_ID, query = "select count(u) "
        + "from Users u "
        + "where u.id = :id")
@Table(name = "users")
class UserJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String COUNT_BY_ID = "Users.countById";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The schema gives every aggregate row a version; these rows are written once and never updated, so it stays 0. */
    @Column(nullable = false)
    private long version;

    protected UserJpaEntity() {
    }

    UserJpaEntity(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }
}
