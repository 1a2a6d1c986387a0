package com.ecommerce.domain.user;

import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

/**
 * Who asks: the user a verified credential speaks for, and whether it holds the administrator's right. The transport
 * proves who it is; what it may do is a business rule, and lives here, next to the user: a user acts only for
 * themself (their balance, their history, their orders), an administrator for anyone, and only an administrator
 * creates users and items or restocks. The id of an administrator need not be a user's (demo admins use 0).
 */
public record Actor(long userId, boolean admin) {

    public Actor {
        if (userId < 0) {
            throw new IllegalArgumentException("An actor's id is 0 or more, not " + userId);
        }
    }

    public static Actor user(long userId) {
        return new Actor(userId, false);
    }

    public static Actor admin(long userId) {
        return new Actor(userId, true);
    }

    /** May this actor act for (read or move the points and orders of) the given user? */
    public boolean mayActFor(long ownerId) {
        return admin || userId == ownerId;
    }

    /** @throws DomainException {@code FORBIDDEN} unless this actor may act for the given user */
    public void requireActsFor(long ownerId) {
        if (!mayActFor(ownerId)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "You may act only for user " + userId
                    + ", not for user " + ownerId);
        }
    }

    /** @throws DomainException {@code FORBIDDEN} unless this actor is an administrator */
    public void requireAdmin() {
        if (!admin) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only an administrator may do this");
        }
    }
}
