package com.ecommerce.benchmark.observe;

import com.ecommerce.systemtest.support.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run measured: what the report prints above its figures ("?" where a fact cannot be read). */
public final class Machine {

    private Machine() {
    }

    public static Map<String, String> describe() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("cpu model", cpuModel());
        machine.put("memory", memory());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("database", databaseVersion());
        return machine;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " ");
        } catch (Exception e) {
            return "?";
        }
    }

    private static String databaseVersion() {
        try (var c = Database.connect(); var s = c.createStatement(); var rs = s.executeQuery("select version()")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "?";
        }
    }
}
