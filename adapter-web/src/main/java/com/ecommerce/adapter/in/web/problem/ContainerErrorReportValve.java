package com.ecommerce.adapter.in.web.problem;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tomcat's own error pages replaced by problem details: a request Tomcat refuses before any servlet sees it (request
 * headers over {@code server.max-http-request-header-size}, such as a huge bearer token, or a malformed request line)
 * would otherwise get Tomcat's HTML page. Tomcat creates this valve by class name, outside Spring, so it writes with
 * a plain {@link JsonMapper}; the code is chosen by status, as for any error the framework detects itself.
 */
public class ContainerErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        ProblemDetail problem = ApiExceptionHandler.forStatus(status,
                "The request could not be read: its request line or headers are malformed or too large");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            OutputStream out = response.getOutputStream();
            // Spring's Jackson mix-in that flattens a ProblemDetail's properties is not here: write the fields
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", String.valueOf(problem.getType()));
            body.put("title", problem.getTitle());
            body.put("status", problem.getStatus());
            body.put("detail", problem.getDetail());
            body.putAll(problem.getProperties() == null ? Map.of() : problem.getProperties());
            JSON.writeValue(out, body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body any more: nothing left to tell anyone
            getContainer().getLogger().debug("Could not write the problem body", e);
        }
    }
}
