package com.ecommerce.application.port.out;

import com.ecommerce.domain.user.User;

public interface SaveUserPort {

    /** Stores a new user and returns it with its id. */
    User saveNewUser(User user);
}
