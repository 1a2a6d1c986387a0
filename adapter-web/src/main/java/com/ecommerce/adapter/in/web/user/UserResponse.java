package com.ecommerce.adapter.in.web.user;

import com.ecommerce.application.user.port.in.UserView;

record UserResponse(long userId, String name, long balance) {

    static UserResponse of(UserView view) {
        return new UserResponse(view.userId(), view.name(), view.balance());
    }
}
