package com.ecommerce.adapter.in.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Names the pages after what they hold ({@code OrderPage}, not springdoc's {@code PageResponseOrder}), and: every
 * field of an answer is always sent, as {@code null} where its schema allows it, so every property of a schema that a
 * {@code 2xx} answer reaches is required. Without it a generated client types every field as optional. Request
 * schemas keep what their validation annotations say, and refuse fields they do not name (the service answers an
 * unknown field with {@code 400}): {@code additionalProperties: false}.
 */
final class SchemaRules implements OpenApiCustomizer {

    private static final String REF_PREFIX = "#/components/schemas/";

    private static final String PAGE = "PageResponse";

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        renamePages(openApi, schemas);
        Deque<String> answers = new ArrayDeque<>();
        Deque<String> requests = new ArrayDeque<>();
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    response.getContent().values().forEach(media -> collectRefs(media.getSchema(), answers));
                }
            });
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values()
                        .forEach(media -> collectRefs(media.getSchema(), requests));
            }
        }));
        walk(schemas, answers, schema -> schema.setRequired(schema.getProperties().keySet().stream().sorted().toList()));
        walk(schemas, requests, schema -> schema.setAdditionalProperties(false));
    }

    private static void walk(Map<String, Schema> schemas, Deque<String> pending, Consumer<Schema<?>> rule) {
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            Schema<?> schema = schemas.get(name);
            if (schema == null || !seen.add(name) || schema.getProperties() == null) {
                continue;
            }
            rule.accept(schema);
            schema.getProperties().values().forEach(property -> collectRefs(property, pending));
        }
    }

    private static void renamePages(OpenAPI openApi, Map<String, Schema> schemas) {
        Map<String, String> renamed = new TreeMap<>();
        schemas.keySet().stream().filter(name -> name.startsWith(PAGE) && name.length() > PAGE.length())
                .forEach(name -> renamed.put(name, name.substring(PAGE.length()) + "Page"));
        renamed.forEach((from, to) -> schemas.put(to, schemas.remove(from)));
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                operation.getResponses().values().stream().filter(response -> response.getContent() != null)
                        .forEach(response -> response.getContent().values().forEach(media -> {
                            Schema<?> schema = media.getSchema();
                            if (schema != null && schema.get$ref() != null) {
                                String to = renamed.get(schema.get$ref().substring(REF_PREFIX.length()));
                                if (to != null) {
                                    schema.set$ref(REF_PREFIX + to);
                                }
                            }
                        }))));
    }

    private static void collectRefs(Schema<?> schema, Deque<String> pending) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null && schema.get$ref().startsWith(REF_PREFIX)) {
            pending.push(schema.get$ref().substring(REF_PREFIX.length()));
        }
        collectRefs(schema.getItems(), pending);
        for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (composed != null) {
                composed.forEach(part -> collectRefs(part, pending));
            }
        }
    }
}
