package com.ecommerce.domain.user;

import com.ecommerce.domain.shared.Names;

/** A customer. Its point balance is the separate {@link com.ecommerce.domain.point.Point} aggregate. */
public final class User {

    private final Long id;
    private final String name;

    private User(Long id, String name) {
        this.id = id;
        this.name = Names.normalize("name", name);
    }

    /** A new user, not yet stored: the id is given by the store. */
    public static User create(String name) {
        return new User(null, name);
    }

    public static User reconstitute(long id, String name) {
        return new User(id, name);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }
}
