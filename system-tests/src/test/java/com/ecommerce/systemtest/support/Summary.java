package com.ecommerce.systemtest.support;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rows of the summary table printed when the system tests end (see {@link SummaryListener}). */
public final class Summary {

    record Row(String scenario, String strategy, int requests, int successes, Map<String, Integer> failures,
               String check) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private Summary() {
    }

    public static synchronized void add(String scenario, String strategy, Load.Tally tally, String check) {
        Map<String, Integer> failures = new TreeMap<>(tally.counts());
        failures.remove("OK");
        ROWS.add(new Row(scenario, strategy, tally.requests(), tally.ok(), failures, check));
    }

    static synchronized String table() {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | strategy | requests | successes | failures by code | final-state check |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Row r : ROWS) {
            out.append("| ").append(r.scenario()).append(" | ").append(r.strategy()).append(" | ").append(r.requests())
                    .append(" | ").append(r.successes()).append(" | ")
                    .append(r.failures().isEmpty() ? "-" : r.failures().toString()).append(" | ").append(r.check())
                    .append(" |\n");
        }
        return out.toString();
    }

    static synchronized boolean isEmpty() {
        return ROWS.isEmpty();
    }

    static void write() {
        try {
            Files.writeString(SystemEnv.workDir().resolve("summary.md"), table());
        } catch (IOException e) {
            System.err.println("could not write the summary: " + e.getMessage());
        }
    }
}
