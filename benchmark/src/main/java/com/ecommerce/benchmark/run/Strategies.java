package com.ecommerce.benchmark.run;

import java.util.List;
import java.util.Locale;

/** The lock strategies, in the benchmark's order, and the subset a run asks for. */
public final class Strategies {

    public static final List<String> ALL = List.of("jvm", "db", "redis", "redlock", "zookeeper", "jdbc", "hazelcast",
            "etcd", "optimistic");

    private Strategies() {
    }

    /**
     * {@code -Dbenchmark.strategies=jvm,db}: a subset, in the benchmark's order ({@code lock-} prefixes allowed);
     * empty or absent: {@code fallback}. An unknown name fails.
     */
    public static List<String> of(String property, List<String> fallback) {
        if (property == null || property.isBlank()) {
            return fallback;
        }
        List<String> asked = List.of(property.toLowerCase(Locale.ROOT).replace("lock-", "").split("\\s*,\\s*"));
        List<String> unknown = asked.stream().filter(s -> !ALL.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown strategies " + unknown + "; known: " + ALL);
        }
        return ALL.stream().filter(asked::contains).toList();
    }
}
