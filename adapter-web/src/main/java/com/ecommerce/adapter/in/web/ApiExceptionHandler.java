package com.ecommerce.adapter.in.web;

import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.FieldViolation;
import com.ecommerce.domain.shared.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error leaves as an RFC 9457 problem with a stable {@code code}. Details name fields and ids, never
 * classes, SQL or stack traces; the log keeps those.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    static final String RETRY_AFTER_SECONDS = "1";

    static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case USER_NOT_FOUND, ITEM_NOT_FOUND, ORDER_NOT_FOUND, NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INSUFFICIENT_POINTS, OUT_OF_STOCK, POINT_LIMIT_EXCEEDED, STOCK_LIMIT_EXCEEDED, CONCURRENT_UPDATE ->
                    HttpStatus.CONFLICT;
            case IDEMPOTENCY_KEY_REUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case LOCK_TIMEOUT, LOCK_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    static ProblemDetail problem(ErrorCode code, String detail) {
        HttpStatus status = statusOf(code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:ecommerce:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code.name());
        return problem;
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.addAll(headers);
        }
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            out.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
    }

    private static ProblemDetail invalid(List<FieldViolation> violations) {
        ProblemDetail problem = problem(ErrorCode.INVALID_REQUEST, "The request is invalid: "
                + violations.stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "reason", v.reason())).toList());
        return problem;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> onInvalidRequest(InvalidRequestException e) {
        return answer(invalid(e.violations()), null);
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> onDomain(DomainException e) {
        ProblemDetail problem = problem(e.code(), e.getMessage());
        e.details().forEach(problem::setProperty);
        if (e.code() == ErrorCode.LOCK_UNAVAILABLE || e.code() == ErrorCode.CONCURRENT_UPDATE
                || e.code() == ErrorCode.LOCK_TIMEOUT) {
            log.debug("{}: {}", e.code(), e.getMessage(), e.getCause());
        }
        return answer(problem, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception e) {
        log.error("Unexpected failure", e);
        return answer(problem(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; it has been logged"), null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldViolation> violations = ex.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::violation).toList();
        return answer(invalid(violations), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldViolation> violations = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldViolation(
                        r.getMethodParameter().getParameterName(), String.valueOf(err.getDefaultMessage()))))
                .toList();
        return answer(invalid(violations), headers);
    }

    private static FieldViolation violation(FieldError error) {
        return new FieldViolation(error.getField(), String.valueOf(error.getDefaultMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return answer(invalid(List.of(unreadable(ex))), headers);
    }

    private static FieldViolation unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldViolation(path(unknown), "is not a known field");
        }
        if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            return new FieldViolation(path(mapping), "has the wrong type or is out of range");
        }
        if (cause instanceof InputCoercionException overflow && overflow.processor() != null
                && overflow.processor().currentName() != null) {
            return new FieldViolation(overflow.processor().currentName(), "is out of range");
        }
        if (cause instanceof StreamReadException || cause instanceof JacksonException) {
            return new FieldViolation("body", "is not well-formed JSON");
        }
        return new FieldViolation("body", "is missing or unreadable");
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        });
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * Every other Spring MVC failure (unknown route, wrong method, wrong media type, bad path variable, ...) gets
     * the problem shape and a code chosen by its status.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ErrorCode code = switch (statusCode.value()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> statusCode.is4xxClientError() ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        if (code == ErrorCode.INTERNAL_ERROR) {
            log.error("Unexpected failure", ex);
        }
        String detail = switch (code) {
            case NOT_FOUND -> "No such route";
            case METHOD_NOT_ALLOWED -> "This route does not support the method; see the Allow header";
            case UNSUPPORTED_MEDIA_TYPE -> "The body must be application/json";
            case PAYLOAD_TOO_LARGE -> RequestSizeLimitFilter.TOO_LARGE_DETAIL;
            case INVALID_REQUEST -> "The request is invalid: " + describe(ex);
            default -> "An unexpected error occurred; it has been logged";
        };
        ProblemDetail problem = problem(code, detail);
        if (code == ErrorCode.INVALID_REQUEST) {
            problem.setProperty("errors", List.of(Map.of("field", parameterOf(ex), "reason", describe(ex))));
        }
        return ResponseEntity.status(statusCode).headers(headers).body(problem);
    }

    private static String parameterOf(Exception ex) {
        if (ex instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            return mismatch.getPropertyName();
        }
        if (ex instanceof MissingRequestHeaderException missing) {
            return missing.getHeaderName();
        }
        return "request";
    }

    private static String describe(Exception ex) {
        if (ex instanceof TypeMismatchException) {
            return "must be a number in range";
        }
        return "is malformed";
    }
}
