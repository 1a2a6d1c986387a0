package com.ecommerce.adapter.in.web.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The error page, in place of Boot's {@code BasicErrorController} (which answers its own JSON shape): errors sent
 * before any controller ran land here. The main one is Spring Security's firewall, which refuses URLs with encoded
 * or ambiguous characters ({@code %3B}, {@code %2e%2e}, {@code //}) with a bare 400; it answers
 * {@code 400 INVALID_REQUEST} as a problem like every other error.
 */
@Hidden // not an operation of the API: the container's error page
@RestController
class ProblemErrorController implements ErrorController {

    static final String REFUSED_DETAIL = "The request was refused before it was read: its URL holds encoded or "
            + "ambiguous characters, or it is otherwise not allowed";

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        // called directly, not as an error page: there is no such route for clients
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        ProblemDetail problem = ApiExceptionHandler.forStatus(status, REFUSED_DETAIL);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException notAUri) {
                // a URL the firewall refused may not even parse: the problem goes without an instance
                problem.setInstance(null);
            }
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
