package com.ecommerce.application.user.port.out;

import com.ecommerce.domain.user.User;

import java.util.Optional;

/** Users; a user is never changed or deleted once added. */
public interface UserStorePort {

    Optional<User> findUser(long userId);

    /** Whether the user exists; a store may remember a yes, since users are never deleted. */
    boolean existsUser(long userId);

    /** Stores a new user and returns it with its id. */
    User addUser(User user);
}
