package com.ecommerce.systemtest.support;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of {@code docker/Dockerfile} that matter without a Docker engine, read the way Docker reads them:
 * comment lines dropped, lines ending in a backslash joined with the next one, instruction names in any case. Nothing
 * here is copied from the file: the tests take the health check and the environment from it.
 */
public final class Dockerfile {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    private final List<String> instructions;

    private Dockerfile(List<String> instructions) {
        this.instructions = instructions;
    }

    public static Dockerfile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Dockerfile parse(String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && !current.isEmpty())) {
                continue; // a comment, also between continuation lines; an empty line inside a continuation
            }
            String right = line.stripTrailing();
            if (right.endsWith("\\")) {
                // the escape character removes the newline; the rest of both lines stays as it is
                current.append(right, 0, right.length() - 1);
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                instructions.add(current.toString().strip());
            }
            current.setLength(0);
        }
        if (!current.toString().isBlank()) {
            instructions.add(current.toString().strip());
        }
        return new Dockerfile(instructions);
    }

    /** The argument of every instruction of that name, in order. */
    public List<String> instructions(String name) {
        List<String> found = new ArrayList<>();
        for (String instruction : instructions) {
            String[] parts = instruction.split("\\s+", 2);
            if (parts[0].equalsIgnoreCase(name)) {
                found.add(parts.length > 1 ? parts[1].strip() : "");
            }
        }
        return found;
    }

    /** The image's environment as its {@code ENV} instructions leave it ({@code k=v} and the old {@code k v}). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String argument : instructions("ENV")) {
            if (argument.split("\\s+", 2)[0].indexOf('=') < 0) {
                String[] legacy = argument.split("\\s+", 2); // ENV KEY VALUE
                env.put(legacy[0], legacy.length > 1 ? legacy[1] : "");
                continue;
            }
            Matcher pair = ENV_PAIR.matcher(argument);
            while (pair.find()) {
                String value = pair.group(2);
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
                }
                env.put(pair.group(1), value);
            }
        }
        return env;
    }

    /** The one {@code HEALTHCHECK} instruction; fails when there is none, several, or {@code HEALTHCHECK NONE}. */
    public HealthCheck healthCheck() {
        List<String> found = instructions("HEALTHCHECK");
        if (found.size() != 1) {
            throw new IllegalStateException("expected one HEALTHCHECK instruction, found " + found.size());
        }
        String rest = found.getFirst();
        Map<String, String> options = new LinkedHashMap<>();
        while (rest.startsWith("--")) {
            String[] split = rest.split("\\s+", 2);
            String[] option = split[0].substring(2).split("=", 2);
            options.put(option[0], option.length > 1 ? option[1] : "");
            rest = split.length > 1 ? split[1] : "";
        }
        String[] split = rest.split("\\s+", 2);
        if (!split[0].equalsIgnoreCase("CMD") || split.length < 2) {
            throw new IllegalStateException("HEALTHCHECK without a CMD: " + found.getFirst());
        }
        String command = split[1].strip();
        if (command.startsWith("[")) {
            try {
                List<String> argv = List.of(JSON.readValue(command, String[].class));
                return new HealthCheck(options, argv, null);
            } catch (JacksonException notJson) {
                // Docker runs an argument that is not a JSON array in the shell, as the shell form
            }
        }
        return new HealthCheck(options, null, command);
    }

    /**
     * A health check: the exec form ({@code argv}, run as it is) or the shell form ({@code script}, which Docker runs
     * as {@code /bin/sh -c script}).
     */
    public record HealthCheck(Map<String, String> options, List<String> argv, String script) {

        private static final List<String> SHELLS = List.of("sh", "/bin/sh", "dash", "/bin/dash", "bash", "/bin/bash");

        /** {@code --timeout}: how long one check may run before Docker counts it as failed (Docker's default 30 s). */
        public Duration timeout() {
            return duration(options.getOrDefault("timeout", "30s"));
        }

        /**
         * The command as the given shell would run it: the shell form and an exec form that calls a shell with
         * {@code -c} are handed to {@code shell}; any other exec form runs as it is, without a shell.
         */
        public List<String> under(String shell) {
            if (script != null) {
                return List.of(shell, "-c", script);
            }
            if (argv.size() >= 3 && SHELLS.contains(argv.get(0)) && argv.get(1).equals("-c")) {
                List<String> command = new ArrayList<>(List.of(shell));
                command.addAll(argv.subList(1, argv.size()));
                return command;
            }
            return argv;
        }

        static Duration duration(String value) {
            Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value.toLowerCase(Locale.ROOT));
            Duration total = Duration.ZERO;
            int end = 0;
            while (m.find()) {
                if (m.start() != end) {
                    break;
                }
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                });
                end = m.end();
            }
            if (end != value.length() || end == 0) {
                throw new IllegalArgumentException("not a duration: " + value);
            }
            return total;
        }
    }
}
