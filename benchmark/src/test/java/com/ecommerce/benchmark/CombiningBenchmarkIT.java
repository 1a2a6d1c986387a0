package com.ecommerce.benchmark;

import com.ecommerce.benchmark.LoadGenerator.Result;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.ServiceInstance;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flash-sale experiment: the hot item (64 clients, one item, one unit per order, every buyer funded) with order
 * combining on and off, against the one-hot-row transaction ceiling measured in the same run. Per strategy, three
 * instances are started at once: two with combining on (the default) and one with it off ({@code
 * ecommerce.order.combining.enabled=false}), all with a 10 s lock wait. After an unmeasured warm-up of the JIT on
 * the "on" and the "off" instance (hot-item load, alternated), the arms are measured in blocks, in the order
 * on (1 instance), off (1 instance), on (2 instances), so that a drift of the machine or the JIT during the blocks
 * touches every arm alike. Reported per strategy and arm: orders/s, x the ceiling, x {@code lock-db} with combining
 * on, p50/p99 and their ratio, service and database CPU, service CPU per order, and the batch sizes the service
 * counted (its {@code ecommerce_order_batches_total} per size class). Each block checks the database exactly
 * (initial - sold = remaining, sold = orders answered 201, the global invariants); a failed check fails the test.
 *
 * <p>{@code -Dbenchmark.mode=quick} (part of {@code ./mvnw verify}): {@code jvm} and {@code db}, one short block, to
 * prove it works and that the switch switches. {@code full} ({@code bash benchmark/run.sh --combining}): every
 * strategy, {@code -Dbenchmark.jit} of warm-up per strategy (default 60 s), {@code -Dbenchmark.measure} per arm and
 * block (default 8 s), two blocks; written to {@code docs/benchmarks/combining.md}. {@code lock-jvm} has no
 * two-instance arm (it excludes nothing across instances).
 */
class CombiningBenchmarkIT {

    private static final List<String> STRATEGIES = List.of("jvm", "db", "redis", "redlock", "zookeeper", "optimistic");
    private static final String[] SIZE_CLASSES = {"1", "2-4", "5-8", "9-16", "17-32", "33-64", "65+"};

    /** One arm of one strategy, summed over its blocks. */
    private static final class Arm {
        final String strategy;
        final String name;
        final int instances;
        final boolean combining;
        final Histogram latency = new Histogram(3);
        final List<Double> blockThroughputs = new ArrayList<>();
        final Map<String, Double> batches = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        double seconds;
        long ok;
        long requests;
        final Map<String, Long> outcomes = new TreeMap<>();
        double serviceCpu;
        double databaseCpu;
        double batchOrders;
        double batchCount;

        Arm(String strategy, String name, int instances, boolean combining) {
            this.strategy = strategy;
            this.name = name;
            this.instances = instances;
            this.combining = combining;
            for (String size : SIZE_CLASSES) {
                batches.put(size, 0.0);
            }
        }

        double throughput() {
            return seconds == 0 ? 0 : ok / seconds;
        }

        Double cpuMsPerOk() {
            return ok == 0 ? null : 1000 * serviceCpu / ok;
        }

        double p50() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }
    }

    @Test
    void hotItemWithCombiningOnAndOff_againstTheCeiling() throws Exception {
        boolean full = System.getProperty("benchmark.mode", "quick").equals("full");
        List<String> strategies = strategies(System.getProperty("benchmark.strategies"), full);
        Duration jit = property("benchmark.jit", full ? Duration.ofSeconds(60) : Duration.ZERO);
        Duration measure = property("benchmark.measure", full ? Duration.ofSeconds(8) : Duration.ofSeconds(1));
        Duration warmup = full ? Duration.ofSeconds(2) : Duration.ofMillis(300);
        int blocks = full ? 2 : 1;
        Path output = Path.of(System.getProperty("benchmark.output", "target/benchmark"));
        long started = System.nanoTime();
        long databasePid = Observed.databasePid();

        Database.recreate();
        double ceilingBefore = Baselines.forUpdateCommit(Scenario.CLIENTS, full ? Duration.ofSeconds(5)
                : Duration.ofSeconds(1));
        System.out.printf("[combining] ceiling before: %.0f/s%n", ceilingBefore);
        Burst.warmUpGenerator();
        List<Arm> arms = new ArrayList<>();
        for (String strategy : strategies) {
            arms.addAll(runStrategy(strategy, jit, warmup, measure, blocks, databasePid));
        }
        double ceilingAfter = Baselines.forUpdateCommit(Scenario.CLIENTS, full ? Duration.ofSeconds(5)
                : Duration.ofSeconds(1));
        System.out.printf("[combining] ceiling after: %.0f/s%n", ceilingAfter);
        double ceiling = (ceilingBefore + ceilingAfter) / 2;

        String markdown = markdown(arms, ceilingBefore, ceilingAfter, ceiling, full, jit, measure, blocks,
                (System.nanoTime() - started) / 1_000_000_000);
        Files.createDirectories(output);
        Files.writeString(output.resolve("combining.md"), markdown);
        System.out.println(markdown);

        assertThat(arms).allSatisfy(arm -> assertThat(arm.problems).as(arm.strategy + " / " + arm.name).isEmpty());
        assertThat(arms).filteredOn(arm -> !arm.combining)
                .as("with combining off, no batch is counted: the switch switches")
                .allSatisfy(arm -> assertThat(arm.batchCount).as(arm.strategy).isZero());
        assertThat(arms).filteredOn(arm -> arm.combining && arm.instances == 1)
                .as("with combining on, 64 buyers of one item are placed in batches of more than one")
                .allSatisfy(arm -> assertThat(arm.batchOrders).as(arm.strategy).isGreaterThan(arm.batchCount));
    }

    private static List<Arm> runStrategy(String strategy, Duration jit, Duration warmup, Duration measure,
                                         int blocks, long databasePid) throws Exception {
        Database.recreate();
        List<ServiceInstance> all = new ArrayList<>();
        try (StrategyServices services = new StrategyServices(strategy)) {
            Map<String, String> on = services.properties();
            on.put("ecommerce.lock.wait-timeout", "10s");
            Map<String, String> off = new LinkedHashMap<>(on);
            off.put("ecommerce.order.combining.enabled", "false");
            ServiceInstance onA = start("combine-" + strategy + "-on-a", on, all);
            ServiceInstance offA = start("combine-" + strategy + "-off", off, all);
            ServiceInstance onB = strategy.equals("jvm") ? null : start("combine-" + strategy + "-on-b", on, all);
            if (!jit.isZero()) {
                Duration quarter = jit.dividedBy(4);
                for (ServiceInstance instance : List.of(onA, offA, onA, offA)) {
                    LoadGenerator.run(strategy + " / JIT warm-up on " + instance.name(), Scenario.CLIENTS,
                            Duration.ZERO, quarter, Scenario.HOT_ITEM.prepare(List.of(instance)).request());
                }
                if (onB != null) {
                    LoadGenerator.run(strategy + " / JIT warm-up on " + onB.name(), Scenario.CLIENTS,
                            Duration.ZERO, quarter, Scenario.HOT_ITEM.prepare(List.of(onB)).request());
                }
            }
            Arm on1 = new Arm(strategy, "on", 1, true);
            Arm off1 = new Arm(strategy, "off", 1, false);
            // lock-jvm excludes nothing across instances: two of them are not a deployment of it
            Arm on2 = strategy.equals("jvm") ? null : new Arm(strategy, "on", 2, true);
            for (int block = 0; block < blocks; block++) {
                measure(on1, List.of(onA), warmup, measure, databasePid);
                measure(off1, List.of(offA), warmup, measure, databasePid);
                if (on2 != null) {
                    measure(on2, List.of(onA, onB), warmup, measure, databasePid);
                }
            }
            return on2 == null ? List.of(on1, off1) : List.of(on1, off1, on2);
        } finally {
            all.forEach(ServiceInstance::stop);
        }
    }

    private static ServiceInstance start(String name, Map<String, String> properties, List<ServiceInstance> all) {
        ServiceInstance instance = ServiceInstance.start(name, properties);
        all.add(instance);
        return instance.awaitReady(Duration.ofSeconds(150));
    }

    private static void measure(Arm arm, List<ServiceInstance> targets, Duration warmup, Duration measure,
                                long databasePid) {
        String label = arm.strategy + " / hot-item / combining " + arm.name + " / " + targets.size() + " instance(s)";
        Scenario.Prepared prepared = Scenario.HOT_ITEM.prepare(targets);
        Result result = LoadGenerator.run(label, Scenario.CLIENTS, warmup, measure, prepared.request(),
                () -> new double[]{targets.stream().mapToDouble(t -> Observed.cpuSeconds(t.pid())).sum(),
                        Observed.cpuSeconds(databasePid)},
                Duration.ZERO, () -> Observed.serviceMetrics(targets));
        arm.problems.addAll(prepared.verify().apply(result.okByKind()));
        arm.problems.addAll(Burst.refusedTokens(result.outcomes()));
        result.outcomes().forEach((outcome, count) -> {
            arm.outcomes.merge(outcome, count, Long::sum);
            // lock-optimistic gives up with a clean 409 when its retries run out; every other answer but 201 is wrong
            boolean expected = outcome.equals("OK")
                    || (arm.strategy.equals("optimistic") && outcome.equals("CONCURRENT_UPDATE"));
            if (!expected) {
                arm.problems.add(count + " answers " + outcome + " (every buyer can pay, the item cannot run out)");
            }
        });
        arm.seconds += result.seconds();
        arm.ok += result.okMeasured();
        arm.requests += result.measuredRequests();
        arm.latency.add(result.latencyMicros());
        arm.serviceCpu += result.probeDelta()[0];
        arm.databaseCpu += result.probeDelta()[1];
        arm.blockThroughputs.add(result.throughput());
        for (String size : SIZE_CLASSES) {
            arm.batches.merge(size, Observed.delta(result.slowBefore(), result.slowAfter(),
                    "ecommerce_order_batches_total{size=\"" + size + "\"}"), Double::sum);
        }
        arm.batchCount += Observed.delta(result.slowBefore(), result.slowAfter(),
                "ecommerce_order_batch_size_orders_count");
        arm.batchOrders += Observed.delta(result.slowBefore(), result.slowAfter(),
                "ecommerce_order_batch_size_orders_sum");
        System.out.printf("[combining] %s: %.0f orders/s, p50 %.1f ms, p99 %.1f ms, service CPU %.2f ms/ok, batches "
                        + "%.0f (%.1f orders each)%n", label, result.throughput(),
                result.latencyMicros().getValueAtPercentile(50) / 1000.0,
                result.latencyMicros().getValueAtPercentile(99) / 1000.0,
                result.okMeasured() == 0 ? 0 : 1000 * result.probeDelta()[0] / result.okMeasured(),
                Observed.delta(result.slowBefore(), result.slowAfter(), "ecommerce_order_batch_size_orders_count"),
                ratio(Observed.delta(result.slowBefore(), result.slowAfter(), "ecommerce_order_batch_size_orders_sum"),
                        Observed.delta(result.slowBefore(), result.slowAfter(),
                                "ecommerce_order_batch_size_orders_count")));
    }

    private static String markdown(List<Arm> arms, double ceilingBefore, double ceilingAfter, double ceiling,
                                   boolean full, Duration jit, Duration measure, int blocks, long totalSeconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Flash sale: order combining on and off\n\n");
        md.append("Generated by `bash benchmark/run.sh --combining` (mode: ").append(full ? "full" : "quick")
                .append("). The hot item: 64 clients, one item, one unit per order, every buyer funded; all arms of a ")
                .append("strategy in one run, measured in ").append(blocks).append(" block(s) of ")
                .append(measure.toSeconds()).append(" s per arm (on 1 instance, off 1 instance, on 2 instances, in ")
                .append("that order), after ").append(jit.toSeconds()).append(" s of unmeasured hot-item load per ")
                .append("strategy to warm the JIT. Lock wait 10 s. Ceiling: the one-hot-row `SELECT ... FOR UPDATE` + ")
                .append("`UPDATE` + `COMMIT` loop, 64 threads, measured in the same run before and after: ")
                .append(String.format(Locale.ROOT, "%,.0f/s and %,.0f/s, mean %,.0f/s", ceilingBefore, ceilingAfter,
                        ceiling)).append(". Date ").append(Instant.now()).append(", total ").append(totalSeconds)
                .append(" s, ").append(Runtime.getRuntime().availableProcessors()).append(" cpus.\n\n");
        Double dbOn = arms.stream().filter(a -> a.strategy.equals("db") && a.combining && a.instances == 1)
                .findFirst().map(Arm::throughput).orElse(null);
        md.append("| strategy | instances | combining | orders/s | blocks (orders/s) | x ceiling | x lock-db on | ")
                .append("p50 ms | p99 ms | p99/p50 | CPU service | CPU db | service CPU ms/order | mean batch | ")
                .append("batches by size (").append(String.join(" / ", SIZE_CLASSES)).append(") | correct |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Arm arm : arms) {
            md.append("| ").append(arm.strategy).append(" | ").append(arm.instances).append(" | ").append(arm.name)
                    .append(" | ").append(fmt(arm.throughput())).append(" | ")
                    .append(String.join(", ", arm.blockThroughputs.stream().map(CombiningBenchmarkIT::fmt).toList()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", arm.throughput() / ceiling))
                    .append(" | ").append(dbOn == null || dbOn == 0 ? "-"
                            : String.format(Locale.ROOT, "%.2f", arm.throughput() / dbOn))
                    .append(" | ").append(fmt(arm.p50())).append(" | ").append(fmt(arm.p99())).append(" | ")
                    .append(arm.p50() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", arm.p99() / arm.p50()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", arm.serviceCpu / arm.seconds))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", arm.databaseCpu / arm.seconds))
                    .append(" | ").append(arm.cpuMsPerOk() == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", arm.cpuMsPerOk()))
                    .append(" | ").append(arm.combining ? String.format(Locale.ROOT, "%.1f",
                            ratio(arm.batchOrders, arm.batchCount)) : "-")
                    .append(" | ").append(arm.combining ? String.join(" / ", arm.batches.values().stream()
                            .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()) : "-")
                    .append(" | ").append(arm.problems.isEmpty() ? "yes" : "**no**: " + arm.problems).append(" |\n");
        }
        md.append("\nBatch sizes are the service's own counts over the measured periods (the warm-ups excluded); ")
                .append("a batch of 1 is an order that found nobody waiting. With combining off no batch is counted. ")
                .append("CPU service / db: cores used by the service processes and the database during the measured ")
                .append("periods.\n");
        return md.toString();
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static Duration property(String name, Duration fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : BenchmarkIT.Settings.duration(value);
    }

    private static List<String> strategies(String property, boolean full) {
        if (property == null || property.isBlank()) {
            return full ? STRATEGIES : List.of("jvm", "db");
        }
        List<String> asked = List.of(property.toLowerCase(Locale.ROOT).replace("lock-", "").split("\\s*,\\s*"));
        return STRATEGIES.stream().filter(asked::contains).toList();
    }
}
