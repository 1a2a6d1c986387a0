package com.ecommerce.systemtest.support;

/** Where HTTP requests go: one instance of the service, or a proxy in front of several. */
public interface Endpoint {

    /** {@code http://host:port}, without a trailing slash. */
    String baseUrl();
}
