package com.ecommerce.application.testing;

import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.domain.user.User;

import java.util.Optional;

/** The in-memory {@link UserStorePort}. */
public class InMemoryUsers implements UserStorePort {

    private final InMemoryDatabase database;

    public InMemoryUsers(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<User> findUser(long userId) {
        return Optional.ofNullable(database.users.get(userId)).map(name -> User.reconstitute(userId, name));
    }

    @Override
    public boolean existsUser(long userId) {
        return database.users.containsKey(userId);
    }

    @Override
    public User addUser(User user) {
        long id = database.nextId();
        database.users.put(id, user.name());
        return User.reconstitute(id, user.name());
    }
}
