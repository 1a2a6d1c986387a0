package com.ecommerce.adapter.in.web.user;

import com.ecommerce.application.user.port.in.UserView;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "User", description = "A user and their point balance")
record UserResponse(@Schema(example = "1") long userId, @Schema(example = "kim") String name,
                    @Schema(example = "0") long balance) {

    static UserResponse of(UserView view) {
        return new UserResponse(view.userId(), view.name(), view.balance());
    }
}
