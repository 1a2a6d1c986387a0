package com.ecommerce.systemtest.support;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker/compose.yaml} as Compose reads it: YAML with its merge keys ({@code <<: *app}) resolved and duplicate
 * keys refused, and Compose's variable interpolation ({@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:?error}}, {@code ${VAR?error}}, {@code $$}).
 */
public final class ComposeFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final JsonNode tree;

    private ComposeFile(JsonNode tree) {
        this.tree = tree;
    }

    public static Path path() {
        return DeploymentFiles.dir().resolve("compose.yaml");
    }

    public static ComposeFile read() {
        try {
            return parse(Files.readString(path()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ComposeFile parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new SafeConstructor(options)).load(yaml);
        return new ComposeFile(JSON.valueToTree(document));
    }

    /** The whole file, merge keys resolved, variables not interpolated (Compose validates after interpolation, but
     * interpolation only ever puts strings where strings were). */
    public JsonNode tree() {
        return tree.deepCopy();
    }

    public JsonNode service(String name) {
        JsonNode service = tree.path("services").path(name);
        if (service.isMissingNode()) {
            throw new IllegalStateException("compose.yaml has no service " + name);
        }
        return service;
    }

    public List<String> serviceNames() {
        return tree.path("services").propertyNames().stream().toList();
    }

    /** The services built from {@code docker/Dockerfile}: the instances of the order service. */
    public List<String> appServices() {
        return serviceNames().stream()
                .filter(name -> service(name).path("build").path("dockerfile").asString("").endsWith("Dockerfile"))
                .toList();
    }

    /** A service's {@code environment} (the map form), values as written. */
    public Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service(service).path("environment");
        if (node.isArray()) {
            for (JsonNode entry : node) {
                String[] pair = entry.asString().split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        } else {
            node.properties().forEach(e -> env.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asString()));
        }
        return env;
    }

    /** A service's environment after Compose's interpolation with {@code variables} as the shell's environment. */
    public Map<String, String> interpolatedEnvironment(String service, Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>();
        environment(service).forEach((key, value) -> env.put(key, interpolate(value, variables)));
        return env;
    }

    /**
     * The whole file after Compose's interpolation of every string in it (commands, health checks, environments),
     * as Compose does for every command: a required variable missing anywhere fails.
     */
    public JsonNode interpolated(Map<String, String> variables) {
        return interpolateAll(tree(), variables);
    }

    private static JsonNode interpolateAll(JsonNode node, Map<String, String> variables) {
        if (node.isString()) {
            return JSON.getNodeFactory().stringNode(interpolate(node.asString(), variables));
        }
        if (node.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            node.forEach(element -> array.add(interpolateAll(element, variables)));
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = JSON.createObjectNode();
            node.properties().forEach(e -> object.set(e.getKey(), interpolateAll(e.getValue(), variables)));
            return object;
        }
        return node;
    }

    /** Compose's interpolation of one value; a {@code ?} variable that is missing fails as Compose does. */
    public static String interpolate(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (m.group(4) != null) {
                replacement = variables.getOrDefault(m.group(4), "");
            } else {
                String name = m.group(1);
                String operator = m.group(2);
                String argument = m.group(3);
                String set = variables.get(name);
                boolean colon = operator != null && operator.startsWith(":");
                boolean missing = set == null || (colon && set.isEmpty());
                if (operator == null) {
                    replacement = set == null ? "" : set;
                } else if (operator.endsWith("-")) {
                    replacement = missing ? argument : set;
                } else if (missing) {
                    throw new IllegalArgumentException("required variable " + name + " is missing a value: "
                            + argument);
                } else {
                    replacement = set;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
