package com.ecommerce.adapter.in.web.problem;

import com.ecommerce.domain.shared.ErrorCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Tomcat's own error pages replaced by problem details: a request Tomcat refuses before any servlet sees it (request
 * headers over {@code server.max-http-request-header-size}, such as a huge bearer token, or a malformed request line)
 * would otherwise get Tomcat's HTML page. Tomcat creates this valve by class name, outside Spring, so it writes with
 * a plain {@link JsonMapper}; the code is chosen by status as for any error the framework detects itself.
 */
public class ContainerErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        HttpStatus httpStatus = HttpStatus.resolve(status);
        ProblemDetail problem = switch (status) {
            case 400 -> ApiExceptionHandler.problem(ErrorCode.INVALID_REQUEST, "The request could not be read: its request line or headers are malformed or too large");
            case 404 -> ApiExceptionHandler.problem(TransportErrorCode.NOT_FOUND);
            case 413 -> ApiExceptionHandler.problem(TransportErrorCode.PAYLOAD_TOO_LARGE);
            default -> httpStatus != null && httpStatus.is4xxClientError()
                    ? ApiExceptionHandler.problem(ErrorCode.INVALID_REQUEST,
                    "The request was refused: " + httpStatus.getReasonPhrase())
                    : ApiExceptionHandler.problem(TransportErrorCode.INTERNAL_ERROR);
        };
        problem.setStatus(status);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            OutputStream out = response.getOutputStream();
            JSON.writeValue(out, problem);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body any more: nothing left to tell anyone
            getContainer().getLogger().debug("Could not write the problem body", e);
        }
    }
}
