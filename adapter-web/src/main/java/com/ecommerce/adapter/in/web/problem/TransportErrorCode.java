package com.ecommerce.adapter.in.web.problem;

import org.springframework.http.HttpStatus;

import java.util.Optional;

/**
 * The outcomes of HTTP itself, next to the domain's business {@code ErrorCode}s in the same catalogue: clients
 * switch on these names too, so a code is never renamed or reused. Each answers one status with one fixed detail.
 */
enum TransportErrorCode {
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, SecurityProblems.NO_TOKEN_DETAIL),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such route"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "This route does not support the method; see the Allow header"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, RequestSizeLimitFilter.TOO_LARGE_DETAIL),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this caller; retry after the seconds in "
            + "Retry-After"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged");

    private final HttpStatus status;
    private final String detail;

    TransportErrorCode(HttpStatus status, String detail) {
        this.status = status;
        this.detail = detail;
    }

    /** The code that answers a bare status of HTTP itself (404, 405, 413, 415), if one does. */
    static Optional<TransportErrorCode> ofStatus(int status) {
        return switch (status) {
            case 404 -> Optional.of(NOT_FOUND);
            case 405 -> Optional.of(METHOD_NOT_ALLOWED);
            case 413 -> Optional.of(PAYLOAD_TOO_LARGE);
            case 415 -> Optional.of(UNSUPPORTED_MEDIA_TYPE);
            default -> Optional.empty();
        };
    }

    HttpStatus status() {
        return status;
    }

    String detail() {
        return detail;
    }
}
