package com.ecommerce.adapter.in.web.security;

/** Who may call an operation, as the contract words it; {@link CallableBy} puts it on each controller method. */
public enum Access {
    ANYONE("Anyone: no token needed."),
    SELF_OR_ADMIN("The user it names (the token's `sub`), or an `ADMIN`; anyone else gets 403 FORBIDDEN."),
    BUYER_OR_ADMIN("The order's buyer, or an `ADMIN`; to anyone else the order does not exist (404 ORDER_NOT_FOUND)."),
    ADMIN("`ADMIN` only; any other token gets 403 FORBIDDEN.");

    private final String description;

    Access(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean needsToken() {
        return this != ANYONE;
    }
}
