package com.ecommerce.adapter.out.persistence.user;

import com.ecommerce.adapter.out.persistence.shared.CommittedReads;
import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.domain.user.User;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.Optional;

/** Users ({@code users}) with JPA. */
public class UserStoreAdapter implements UserStorePort {

    private static final int KNOWN_USERS = 1_000_000;

    private final EntityManager em;
    private final Clock clock;
    private final Cache<Long, Boolean> knownUsers = Caffeine.newBuilder().maximumSize(KNOWN_USERS).build();

    public UserStoreAdapter(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    public Optional<User> findUser(long userId) {
        return Optional.ofNullable(em.find(UserJpaEntity.class, userId))
                .map(e -> User.reconstitute(e.getId(), e.getName()));
    }

    /**
     * Users are never deleted, so once a user is known to exist it is remembered in this instance: an order checks
     * its buyer before taking any lock without a query. Unknown ids are not remembered (they may register later),
     * nor is a user seen inside a read-write transaction (it may be that transaction's own insert:
     * {@link CommittedReads}).
     */
    @Override
    public boolean existsUser(long userId) {
        if (knownUsers.getIfPresent(userId) != null) {
            return true;
        }
        boolean exists = em.createNamedQuery(UserJpaEntity.COUNT_BY_ID, Long.class).setParameter("id", userId)
                .getSingleResult() > 0;
        if (exists && CommittedReads.now()) {
            knownUsers.put(userId, Boolean.TRUE);
        }
        return exists;
    }

    @Override
    public User addUser(User user) {
        UserJpaEntity entity = new UserJpaEntity(user.name(), Timestamps.now(clock));
        em.persist(entity);
        return User.reconstitute(entity.getId(), entity.getName());
    }
}
