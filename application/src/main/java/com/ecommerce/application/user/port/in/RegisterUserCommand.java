package com.ecommerce.application.user.port.in;

import com.ecommerce.domain.shared.Names;

/** Registers a user; the name is stored trimmed. */
public record RegisterUserCommand(String name) {

    public RegisterUserCommand {
        name = Names.normalize("name", name);
    }
}
