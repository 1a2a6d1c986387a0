package com.ecommerce.benchmark;

import com.ecommerce.benchmark.LoadGenerator.Result;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.RedisServer;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.SystemEnv;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark runner. For each strategy it starts two instances of the packaged service (OS processes) against
 * MariaDB and whatever the strategy needs (its own Redis masters, an in-process ZooKeeper), and runs every scenario
 * on one and on two instances: warm-up, measurement, then a correctness check of the database. A run whose check
 * fails is reported as failed, never as fast, and fails this test.
 *
 * <p>{@code -Dbenchmark.mode=quick} (the default, run by {@code ./mvnw verify}): every scenario for a moment,
 * correctness only. {@code full} ({@code bash benchmark/run.sh}): the report under {@code docs/benchmarks}.
 */
class BenchmarkIT {

    private static final List<String> STRATEGIES = List.of("jvm", "db", "redis", "redlock", "zookeeper", "optimistic");

    /**
     * {@code jit}: unmeasured mixed load on both fresh instances before a strategy's first scenario, so that the
     * first scenario is not measured on a cold JIT (zero in quick mode, which measures nothing).
     */
    private record Settings(String mode, Duration jit, Duration warmup, Duration measure, Duration baseline,
                            int lostThreads, int lostEach, int deadlockThreads, int deadlockEach) {
        static Settings of(String mode) {
            return mode.equals("full")
                    ? new Settings(mode, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(6),
                    Duration.ofSeconds(5), 64, 50, 16, 100)
                    : new Settings(mode, Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), 16, 20, 8, 20);
        }
    }

    @Test
    void everyStrategyEveryScenarioOnOneAndTwoInstances() throws Exception {
        Settings settings = Settings.of(System.getProperty("benchmark.mode", "quick"));
        Path output = Path.of(System.getProperty("benchmark.output", "target/benchmark"));
        long started = System.nanoTime();
        System.out.printf("[bench] mode %s: %d strategies x %d scenarios x 1 and 2 instances, warm-up %s, measure %s%n",
                settings.mode(), STRATEGIES.size(), Scenario.values().length, settings.warmup(), settings.measure());

        Database.recreate();
        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put("one hot row: SELECT FOR UPDATE + UPDATE + COMMIT, 64 threads",
                Baselines.forUpdateCommit(Scenario.CLIENTS, settings.baseline()));
        baselines.put("one hot row: autocommit conditional UPDATE, 64 threads",
                Baselines.conditionalUpdate(Scenario.CLIENTS, settings.baseline()));
        baselines.put("Redis PING round trips, 64 connections", Baselines.redisPing(
                System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_PORT", "6379")),
                Scenario.CLIENTS, settings.baseline()));
        baselines.forEach((k, v) -> System.out.printf("[bench] baseline %s: %.0f/s%n", k, v));
        Baselines.LostUpdates lost = Baselines.lostUpdatesWithoutControl(settings.lostThreads(), settings.lostEach());
        Baselines.Deadlocks deadlocks = Baselines.deadlocksUnsortedVersusSorted(settings.deadlockThreads(),
                settings.deadlockEach());
        System.out.printf("[bench] lost updates without control: %d of %d; deadlocks unsorted %d, sorted %d, "
                        + "one IN statement %d%n", lost.lost(), lost.expected(), deadlocks.deadlocksUnsorted(),
                deadlocks.deadlocksSorted(), deadlocks.deadlocksOneStatement());
        double ceiling = baselines.values().iterator().next();

        List<Report.Run> runs = new ArrayList<>();
        long databasePid = Observed.databasePid();
        for (String strategy : STRATEGIES) {
            runs.addAll(runStrategy(strategy, settings, ceiling, databasePid));
        }
        List<Report.Run> withRatios = runs.stream().map(r -> withJvmRatio(r, runs)).toList();

        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("cpu model", cpuModel());
        machine.put("memory", memory());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("database", databaseVersion());
        Map<String, String> settingsOut = new LinkedHashMap<>();
        settingsOut.put("mode", settings.mode());
        settingsOut.put("clients per scenario", String.valueOf(Scenario.CLIENTS));
        settingsOut.put("JIT warm-up per strategy (mixed, both instances, not measured)", settings.jit().toString());
        settingsOut.put("warm-up / measure per run", settings.warmup() + " / " + settings.measure());
        settingsOut.put("service JVM", System.getProperty("service.jvm.options", "?") + ", Hikari pool 10, lock wait 10s");
        settingsOut.put("total time", (System.nanoTime() - started) / 1_000_000_000 + " s");
        Report report = new Report(machine, settingsOut, baselines, lost, deadlocks, withRatios);
        report.write(output);
        System.out.println("[bench] report written to " + output.toAbsolutePath());
        System.out.println(report.markdown());

        assertThat(lost.lost()).as("uncontrolled read-modify-write must lose updates").isPositive();
        assertThat(deadlocks.deadlocksSorted()).as("sorted lock order never deadlocks").isZero();
        assertThat(withRatios).as("runs whose final state is wrong").allMatch(Report.Run::correct);
        assertThat(withRatios).hasSize(STRATEGIES.size() * Scenario.values().length * 2);
    }

    private List<Report.Run> runStrategy(String strategy, Settings settings, double ceiling, long databasePid)
            throws Exception {
        Database.recreate();
        List<RedisServer> masters = new ArrayList<>();
        TestingServer zookeeper = null;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.profiles.active", SystemEnv.dbProfile() + ",lock-" + strategy);
        props.put("ecommerce.lock.wait-timeout", "10s");
        props.put("logging.level.root", "warn");
        switch (strategy) {
            case "redis" -> {
                props.put("spring.data.redis.host", System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_HOST", "127.0.0.1"));
                props.put("spring.data.redis.port", System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_PORT", "6379"));
            }
            case "redlock" -> {
                for (int i = 0; i < 3; i++) {
                    masters.add(new RedisServer());
                }
                props.put("ecommerce.lock.redis.addresses",
                        masters.stream().map(RedisServer::address).collect(Collectors.joining(",")));
            }
            case "zookeeper" -> {
                zookeeper = new TestingServer(true);
                props.put("ecommerce.lock.zookeeper.connect-string", zookeeper.getConnectString());
            }
            default -> { }
        }
        List<Report.Run> runs = new ArrayList<>();
        ServiceInstance a = ServiceInstance.start("bench-" + strategy + "-a", props)
                .awaitReady(Duration.ofSeconds(150));
        ServiceInstance b = ServiceInstance.start("bench-" + strategy + "-b", props)
                .awaitReady(Duration.ofSeconds(150));
        try {
            if (!settings.jit().isZero()) {
                LoadGenerator.run(strategy + " / JIT warm-up, not measured", Scenario.CLIENTS, Duration.ZERO,
                        settings.jit(), Scenario.MIXED.prepare(List.of(a, b)).request());
            }
            for (int instances = 1; instances <= 2; instances++) {
                List<ServiceInstance> targets = instances == 1 ? List.of(a) : List.of(a, b);
                for (Scenario scenario : Scenario.values()) {
                    runs.add(runOne(strategy, scenario, targets, settings, ceiling, databasePid));
                }
            }
        } finally {
            a.stop();
            b.stop();
            masters.forEach(RedisServer::close);
            if (zookeeper != null) {
                zookeeper.close();
            }
        }
        return runs;
    }

    private Report.Run runOne(String strategy, Scenario scenario, List<ServiceInstance> targets, Settings settings,
                              double ceiling, long databasePid) {
        String label = strategy + " / " + scenario.id + " / " + targets.size() + " instance(s)";
        Scenario.Prepared prepared = scenario.prepare(targets);
        Map<String, Double> metricsBefore = Observed.lockMetrics(targets);
        Result result = LoadGenerator.run(label, Scenario.CLIENTS, settings.warmup(), settings.measure(),
                prepared.request(), () -> new double[]{
                        targets.stream().mapToDouble(t -> Observed.cpuSeconds(t.pid())).sum(),
                        Observed.cpuSeconds(databasePid)});
        double serviceCpu = result.probeDelta()[0];
        double dbCpu = result.probeDelta()[1];
        Map<String, Double> metricsAfter = Observed.lockMetrics(targets);
        List<String> problems = prepared.verify().apply(result.okByKind());

        String tag = "strategy=\"" + strategy + "\"";
        double waits = Observed.delta(metricsBefore, metricsAfter,
                "ecommerce_lock_wait_seconds_count{outcome=\"acquired\"," + tag + "}");
        double waitSum = Observed.delta(metricsBefore, metricsAfter,
                "ecommerce_lock_wait_seconds_sum{outcome=\"acquired\"," + tag + "}");
        double holds = Observed.delta(metricsBefore, metricsAfter, "ecommerce_lock_hold_seconds_count{" + tag + "}");
        double holdSum = Observed.delta(metricsBefore, metricsAfter, "ecommerce_lock_hold_seconds_sum{" + tag + "}");
        Double retriesPerSuccess = null;
        if (strategy.equals("optimistic")) {
            double retries = Observed.delta(metricsBefore, metricsAfter, "ecommerce_lock_optimistic_retries_total");
            double successes = Observed.delta(metricsBefore, metricsAfter, "ecommerce_lock_optimistic_attempts_count");
            retriesPerSuccess = successes == 0 ? null : retries / successes;
        }
        var h = result.latencyMicros();
        Report.Run run = new Report.Run(strategy, scenario.id, targets.size(), result.throughput(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, result.outcomes(), result.okTotal(),
                retriesPerSuccess, waits == 0 ? null : 1000 * waitSum / waits, holds == 0 ? null : 1000 * holdSum / holds,
                serviceCpu / result.seconds(), dbCpu / result.seconds(), result.throughput() / ceiling, null,
                problems.isEmpty(), problems);
        System.out.printf("[bench] %s: %.0f req/s, p99 %.1f ms, %s%s%n", label, run.throughput(), run.p99(),
                run.outcomes(), run.correct() ? "" : " FAILED CHECK: " + problems);
        return run;
    }

    private static Report.Run withJvmRatio(Report.Run run, List<Report.Run> all) {
        Double ratio = all.stream().filter(o -> o.strategy().equals("jvm") && o.scenario().equals(run.scenario())
                        && o.instances() == run.instances() && o.throughput() > 0)
                .findFirst().map(jvm -> run.throughput() / jvm.throughput()).orElse(null);
        return new Report.Run(run.strategy(), run.scenario(), run.instances(), run.throughput(), run.p50(), run.p95(),
                run.p99(), run.max(), run.outcomes(), run.successesChecked(), run.retriesPerSuccess(),
                run.lockWaitMeanMs(), run.lockHoldMeanMs(), run.serviceCpuCores(), run.databaseCpuCores(),
                run.ratioToRowLockCeiling(), ratio, run.correct(), run.problems());
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
