package com.ecommerce.adapter.in.web.problem;

import com.ecommerce.domain.shared.DatabaseUnavailableException;
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

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error leaves as an RFC 9457 problem with a stable {@code code}: a domain {@link ErrorCode} for a business
 * outcome, a {@link TransportErrorCode} for one of HTTP itself. Details name fields and ids, never classes, SQL or
 * stack traces; the log keeps those.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** One entry of a 400's {@code errors}; a record, so that "field" always comes before "reason". */
    record ErrorEntry(String field, String reason) {
    }

    static ProblemDetail problem(ErrorCode code, String detail) {
        return problem(ProblemCatalogue.statusOf(code), code.name(), detail);
    }

    static ProblemDetail problem(TransportErrorCode code) {
        return problem(code, code.detail());
    }

    static ProblemDetail problem(TransportErrorCode code, String detail) {
        return problem(code.status(), code.name(), detail);
    }

    /**
     * The problem for an error known only by its status (the container's or the error page's): the transport codes
     * where one fits, else {@code INVALID_REQUEST} with {@code detail} for a client error and {@code INTERNAL_ERROR}.
     */
    static ProblemDetail forStatus(int status, String detail) {
        ProblemDetail problem = TransportErrorCode.ofStatus(status).map(ApiExceptionHandler::problem)
                .orElseGet(() -> status >= 400 && status < 500 ? problem(ErrorCode.INVALID_REQUEST, detail)
                        : problem(TransportErrorCode.INTERNAL_ERROR));
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved != null && problem.getStatus() != status) {
            problem.setStatus(resolved);
            problem.setTitle(resolved.getReasonPhrase());
        }
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemCatalogue.typeOf(code));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.addAll(headers);
        }
        return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
    }

    /** The seconds of a retriable outcome's {@code Retry-After}: its own when its exception names them. */
    private static long retryAfterSeconds(DomainException e) {
        return e.details().get(ProblemCatalogue.RETRY_AFTER_DETAIL) instanceof Number seconds
                ? Math.max(1, seconds.longValue()) : ProblemCatalogue.RETRY_AFTER_SECONDS;
    }

    private static ProblemDetail invalid(List<FieldViolation> violations) {
        ProblemDetail problem = problem(ErrorCode.INVALID_REQUEST, "The request is invalid: "
                + violations.stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", violations.stream()
                .map(v -> new ErrorEntry(v.field(), v.reason())).toList());
        return problem;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> onInvalidRequest(InvalidRequestException e) {
        return answer(invalid(e.violations()), null);
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> onDomain(DomainException e) {
        ProblemDetail problem = problem(e.code(), e.getMessage());
        e.details().forEach((name, value) -> {
            if (!name.equals(ProblemCatalogue.RETRY_AFTER_DETAIL)) {
                problem.setProperty(name, value);
            }
        });
        HttpHeaders headers = new HttpHeaders();
        if (ProblemCatalogue.retriesAfter(e.code())) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(e)));
        }
        if (e.code() == ErrorCode.LOCK_UNAVAILABLE || e.code() == ErrorCode.CONCURRENT_UPDATE
                || e.code() == ErrorCode.LOCK_TIMEOUT || e.code() == ErrorCode.DATABASE_UNAVAILABLE) {
            log.debug("{}: {}", e.code(), e.getMessage(), e.getCause());
        } else if (e.code() == ErrorCode.COMMIT_OUTCOME_UNKNOWN) {
            log.warn("{}: {}", e.code(), e.getMessage(), e.getCause());
        }
        return answer(problem, headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailableException noConnection) {
                // a store's look-up outside the transactions, wrapped by the persistence framework on its way here
                return onDomain(noConnection);
            }
        }
        return answer(unexpected(e), null);
    }

    private static ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(TransportErrorCode.INTERNAL_ERROR);
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
        ProblemDetail problem = TransportErrorCode.ofStatus(statusCode.value()).map(ApiExceptionHandler::problem)
                .orElseGet(() -> statusCode.is4xxClientError() ? invalidParameter(ex) : unexpected(ex));
        return ResponseEntity.status(statusCode).headers(headers).body(problem);
    }

    private static ProblemDetail invalidParameter(Exception ex) {
        ProblemDetail problem = problem(ErrorCode.INVALID_REQUEST, "The request is invalid: " + describe(ex));
        problem.setProperty("errors", List.of(new ErrorEntry(parameterOf(ex), describe(ex))));
        return problem;
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
