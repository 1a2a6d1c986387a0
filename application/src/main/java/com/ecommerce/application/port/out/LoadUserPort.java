package com.ecommerce.application.port.out;

import com.ecommerce.domain.user.User;

import java.util.Optional;

public interface LoadUserPort {

    Optional<User> loadUser(long userId);

    boolean userExists(long userId);
}
