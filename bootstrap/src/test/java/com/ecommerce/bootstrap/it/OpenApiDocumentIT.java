package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code docs/openapi.json} is exactly what the service serves: a change to the contract shows up as a
 * diff of that file to review, and clients generated from it (the system tests' Java client, the TypeScript check in
 * {@code clients/typescript}) are generated from what really runs. To accept a change, run this test with
 * {@code -Dopenapi.update=true}, or copy {@code bootstrap/target/openapi/openapi.json} over the committed file.
 *
 * <p>The document's derived statuses are then held to the service: each operation, called in the ways that must fail
 * before any business rule runs, answers only statuses its entry documents.
 */
class OpenApiDocumentIT extends IntegrationTest {

    /** An id no test creates, so that the probes meet no data other tests left in this context. */
    private static final String UNKNOWN_ID = "987654321";
    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    static final Path SERVED = Path.of("target", "openapi", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonNode served() {
        Response response = api.withAuthorization(null).get("/v3/api-docs");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void theCommittedDocument_isTheServedOne() throws IOException {
        JsonNode served = served();
        String text = JSON.writeValueAsString(served) + "\n";
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, text, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, text, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED)).as(COMMITTED.toAbsolutePath() + " exists").isTrue();
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        List<String> differences = new ArrayList<>();
        diff("", committed, served, differences);
        assertThat(differences)
                .as("docs/openapi.json differs from the served document at these JSON pointers; review the change, "
                        + "then accept it with -Dopenapi.update=true or by copying " + SERVED.toAbsolutePath())
                .isEmpty();
    }

    /** Every operation has a stable id, a summary, a tag and, for each error status, the problem schema. */
    @Test
    void everyOperation_namesItself_andAnswersErrorsAsProblems() {
        JsonNode doc = served();
        assertThat(doc.path("info").path("license").path("name").asString()).isEqualTo("Apache-2.0");
        List<String> operationIds = new ArrayList<>();
        forEachOperation(doc, (label, op) -> {
            operationIds.add(op.path("operationId").asString());
            assertThat(op.path("operationId").asString()).as(label).matches("[a-z][A-Za-z]+");
            assertThat(op.path("summary").asString()).as(label).isNotBlank();
            assertThat(op.path("tags")).as(label).hasSize(1);
            for (Map.Entry<String, JsonNode> response : op.path("responses").properties()) {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertThat(response.getValue().path("content").path("application/problem+json").path("schema")
                            .path("$ref").asString()).as(label + " " + response.getKey())
                            .isEqualTo("#/components/schemas/Problem");
                }
            }
        });
        assertThat(operationIds).doesNotHaveDuplicates().hasSize(15)
                .contains("createPayment", "confirmPayment", "getPayment");
    }

    /**
     * Each operation, called with a malformed path or query value, a body that is not JSON and one over 64 KiB, as an
     * admin: whatever it answers is a status its entry documents, as a problem with a documented code.
     */
    @Test
    void whatTheOperationsAnswer_isDocumented() {
        JsonNode doc = served();
        List<String> undocumented = new ArrayList<>();
        forEachOperation(doc, (label, op) -> {
            String method = label.substring(0, label.indexOf(' '));
            String path = label.substring(label.indexOf(' ') + 1);
            List<HttpRequest.Builder> probes = new ArrayList<>();
            probes.add(request(method, path.replaceAll("\\{[^}]+}", "not-a-number") + "?page=-1", "{}",
                    "application/json"));
            probes.add(request(method, path.replaceAll("\\{[^}]+}", UNKNOWN_ID) + "?size=101", "{}",
                    "application/json"));
            if (method.equals("POST")) {
                probes.add(request(method, path.replaceAll("\\{[^}]+}", UNKNOWN_ID), "amount=1", "text/plain"));
                probes.add(request(method, path.replaceAll("\\{[^}]+}", UNKNOWN_ID),
                        "{\"name\":\"" + "x".repeat(70_000) + "\"}", "application/json"));
            }
            for (HttpRequest.Builder probe : probes) {
                Response response = api.send(probe);
                JsonNode documented = op.path("responses").path(String.valueOf(response.status()));
                boolean codeDocumented = response.status() < 300 || documented.path("content")
                        .path("application/problem+json").path("examples").has(response.code());
                if (documented.isMissingNode() || !codeDocumented) {
                    undocumented.add(label + " answered " + response);
                }
            }
        });
        assertThat(undocumented).isEmpty();
    }

    private HttpRequest.Builder request(String method, String path, String body, String contentType) {
        return HttpRequest.newBuilder(URI.create(api.base() + path)).header("Content-Type", contentType)
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
    }

    private static void forEachOperation(JsonNode doc, java.util.function.BiConsumer<String, JsonNode> action) {
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                action.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
            }
        }
    }

    private static void diff(String pointer, JsonNode expected, JsonNode actual, List<String> out) {
        if (out.size() >= 40) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>(expected.propertyNames());
            actual.propertyNames().stream().filter(name -> !names.contains(name)).forEach(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name)) {
                    out.add(child + " (added)");
                } else if (!actual.has(name)) {
                    out.add(child + " (removed)");
                } else {
                    diff(child, expected.get(name), actual.get(name), out);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> e = expected.iterator();
            Iterator<JsonNode> a = actual.iterator();
            for (int i = 0; e.hasNext(); i++) {
                diff(pointer + "/" + i, e.next(), a.next(), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(pointer + ": " + abbreviate(expected) + " -> " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
