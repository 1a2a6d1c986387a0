package com.ecommerce.benchmark;

import com.ecommerce.benchmark.LoadGenerator.Result;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.ServiceInstance;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark runner. For each strategy it starts the packaged service as OS processes against MariaDB and whatever
 * the strategy needs (its own Redis masters, an in-process ZooKeeper), and measures:
 * <ul>
 *     <li><b>bursts on freshly started instances</b> with the service's default lock wait: 200 buyers of an item
 *     that has 100 units, then 100 charges of one balance, all requests of a burst released at once, on one instance
 *     and (except {@code jvm}) on two; outcomes by code, wall time, latencies, and an exact check of the database
 *     (see {@link Burst});</li>
 *     <li>a <b>JIT warm-up</b> of mixed load on two fresh instances, recorded as a curve in windows of 10 s
 *     (throughput and service CPU per successful request);</li>
 *     <li><b>runs</b>: the read scenarios {@code info}, {@code info-authenticated} and {@code item-read} on one
 *     instance, then every writing scenario on one and on two instances: warm-up, measurement, then a correctness
 *     check of the database. Each run reports throughput, latencies, lock metrics, CPU of the service and of the
 *     database in cores, the service's CPU milliseconds per successful request and that as a multiple of
 *     {@code info} (the cost of a request through the HTTP stack alone), the load generator's own CPU (this JVM), and
 *     the cost of authentication: the service's decode timer over the measured period (wall time per token verified,
 *     against the CPU per request), and {@code info-authenticated} against {@code info} (the CPU a token adds to the
 *     plainest request).</li>
 * </ul>
 * Every request carries the token its sender would have (see {@link Auth} and {@link Scenario}), minted before the
 * load; a 401 or 403 anywhere fails the check of its run or burst, and so does a figure of authentication that cannot
 * be read.
 * CPU is read from /proc at the exact start and end of each measured period. A run or burst whose check fails is
 * reported as failed, never as fast, and fails this test; a burst that got 503s is reported (and counted in the
 * headline), not failed.
 *
 * <p>{@code -Dbenchmark.mode=quick} (the default, run by {@code ./mvnw verify}): every scenario and burst briefly,
 * correctness only, no JIT warm-up; to stay short the runs reuse the two-instance burst instances, so they use the
 * default lock wait too. {@code full} ({@code bash benchmark/run.sh}): the report under {@code docs/benchmarks}, with
 * separate instances for the runs (lock wait 10 s). {@code -Dbenchmark.jit=90s} sets the JIT warm-up (full: 60 s),
 * {@code -Dbenchmark.measure=15s} the measured period of each run (full: 5 s), {@code -Dbenchmark.strategies=jvm,db}
 * the strategies (default: all six; a partial run's report belongs outside {@code docs/benchmarks}).
 */
class BenchmarkIT {

    private static final List<String> STRATEGIES = List.of("jvm", "db", "redis", "redlock", "zookeeper", "optimistic");

    /** Length of a window of the JIT warm-up curve. */
    private static final Duration WINDOW = Duration.ofSeconds(10);

    /**
     * {@code jit}: unmeasured mixed load on both fresh instances before a strategy's first scenario, so that the
     * first scenario is not measured on a cold JIT (zero in quick mode, which measures nothing). Full mode measures
     * each run for 5 s, so that with the bursts and the 60 s warm-ups it stays under about 25 minutes.
     * {@code runsOnBurstInstances}: the runs reuse the two-instance burst instances instead of two of their own
     * (quick mode: three service start-ups per strategy instead of five).
     */
    record Settings(String mode, Duration jit, Duration warmup, Duration measure, Duration baseline,
                            int lostThreads, int lostEach, int deadlockThreads, int deadlockEach,
                            boolean runsOnBurstInstances, int abBlocks) {
        static Settings of(String mode, String jit, String measure) {
            Settings settings = mode.equals("full")
                    ? new Settings(mode, Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), 64, 50, 16, 100, false, 3)
                    : new Settings(mode, Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), 16, 20, 8, 20, true, 1);
            return new Settings(mode, jit == null || jit.isBlank() ? settings.jit() : duration(jit),
                    settings.warmup(), measure == null || measure.isBlank() ? settings.measure() : duration(measure),
                    settings.baseline(), settings.lostThreads(), settings.lostEach(), settings.deadlockThreads(),
                    settings.deadlockEach(), settings.runsOnBurstInstances(), settings.abBlocks());
        }

        /** {@code 90s}, {@code 2m}, {@code 500ms}, {@code 90} (seconds) or ISO-8601 ({@code PT90S}). */
        static Duration duration(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
        }
    }

    /** Service processes started so far (each start-up takes about 15 s of the two cores). */
    private int startUps;

    /** What one strategy produced. */
    private record StrategyResult(List<Report.Run> runs, List<Burst.Result> bursts, List<Report.WarmupWindow> warmup,
                                  Report.AuthenticationAb authentication) {
    }

    @Test
    void everyStrategyEveryScenarioOnOneAndTwoInstances() throws Exception {
        Settings settings = Settings.of(System.getProperty("benchmark.mode", "quick"),
                System.getProperty("benchmark.jit"), System.getProperty("benchmark.measure"));
        List<String> strategies = strategies(System.getProperty("benchmark.strategies"));
        Path output = Path.of(System.getProperty("benchmark.output", "target/benchmark"));
        long started = System.nanoTime();
        System.out.printf("[bench] mode %s: %d strategies %s x (%d scenarios on 1 instance + %d on 2), bursts, JIT "
                        + "warm-up %s, warm-up %s, measure %s%n", settings.mode(), strategies.size(), strategies,
                Scenario.on(1).size(), Scenario.on(2).size(), settings.jit(), settings.warmup(), settings.measure());

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

        Burst.warmUpGenerator();
        List<Report.Run> runs = new ArrayList<>();
        List<Burst.Result> bursts = new ArrayList<>();
        Map<String, List<Report.WarmupWindow>> warmup = new LinkedHashMap<>();
        List<Report.AuthenticationAb> authentication = new ArrayList<>();
        long databasePid = Observed.databasePid();
        for (String strategy : strategies) {
            StrategyResult result = runStrategy(strategy, settings, ceiling, databasePid);
            runs.addAll(result.runs());
            bursts.addAll(result.bursts());
            authentication.add(result.authentication());
            if (!result.warmup().isEmpty()) {
                warmup.put(strategy, result.warmup());
            }
        }
        List<Report.Run> withRatios = runs.stream().map(r -> withRatios(r, runs, authentication)).toList();

        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("cpu model", cpuModel());
        machine.put("memory", memory());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("database", databaseVersion());
        Map<String, String> settingsOut = new LinkedHashMap<>();
        settingsOut.put("mode", settings.mode());
        settingsOut.put("strategies", String.join(", ", strategies) + (strategies.equals(STRATEGIES) ? ""
                : " (a partial run: -Dbenchmark.strategies)"));
        settingsOut.put("clients per scenario", String.valueOf(Scenario.CLIENTS));
        settingsOut.put("JIT warm-up per strategy (mixed, both instances, not measured; curve in windows of "
                + WINDOW.toSeconds() + " s)", settings.jit().toString());
        settingsOut.put("warm-up / measure per run", settings.warmup() + " / " + settings.measure());
        settingsOut.put("A/B of authentication per strategy (info, info-authenticated; after its runs, 1 instance)",
                settings.abBlocks() + " ABBA blocks of " + settings.measure().dividedBy(3) + " windows, each after "
                        + settings.warmup().dividedBy(4) + " unmeasured");
        settingsOut.put("bursts per strategy", "order-burst (200 buyers, 100 units), then charge-burst (100 charges), "
                + "on 1 fresh instance and, except jvm, on 2 fresh instances");
        settingsOut.put("service JVM", System.getProperty("service.jvm.options", "?") + ", Hikari pool 10");
        settingsOut.put("lock wait", settings.runsOnBurstInstances()
                ? "the service's default (3 s) in bursts and runs: the runs reuse the two-instance burst instances"
                : "the service's default (3 s) in the bursts; 10 s in the runs (instances of their own)");
        settingsOut.put("service start-ups", String.valueOf(startUps));
        settingsOut.put("total time", (System.nanoTime() - started) / 1_000_000_000 + " s");
        Report report = new Report(machine, settingsOut, baselines, lost, deadlocks, warmup, bursts, withRatios,
                authentication);
        report.write(output);
        System.out.println("[bench] report written to " + output.toAbsolutePath());
        System.out.println(report.markdown());
        System.out.printf("[bench] bursts with 503: %d of %d; total time %d s%n", report.burstsWith503(),
                bursts.size(), (System.nanoTime() - started) / 1_000_000_000);

        assertThat(lost.lost()).as("uncontrolled read-modify-write must lose updates").isPositive();
        assertThat(deadlocks.deadlocksSorted()).as("sorted lock order never deadlocks").isZero();
        assertThat(withRatios.stream().filter(r -> !r.correct()).map(r -> r.strategy() + " / " + r.scenario() + " / "
                + r.instances() + ": " + r.problems()).toList())
                .as("runs whose check failed (final state, refused tokens, or a figure that could not be read)")
                .isEmpty();
        assertThat(withRatios).hasSize(strategies.size() * (Scenario.on(1).size() + Scenario.on(2).size()));
        assertThat(authentication).as("the info / info-authenticated A/B of every strategy").hasSize(strategies.size())
                .allSatisfy(ab -> {
                    assertThat(ab.problems()).as(ab.strategy()).isEmpty();
                    assertThat(ab.authenticationMsPerRequest()).as(ab.strategy()).isNotNull();
                });
        assertThat(bursts).as("bursts whose final state contradicts the answers").allMatch(Burst.Result::correct);
        assertThat(bursts).hasSize(strategies.stream().mapToInt(s -> s.equals("jvm") ? 1 : 2).sum()
                * Burst.values().length);
    }

    /** {@code -Dbenchmark.strategies=jvm,db}: a subset, in the benchmark's order; empty or absent: all of them. */
    private static List<String> strategies(String property) {
        if (property == null || property.isBlank()) {
            return STRATEGIES;
        }
        List<String> asked = List.of(property.toLowerCase(Locale.ROOT).replace("lock-", "").split("\\s*,\\s*"));
        List<String> unknown = asked.stream().filter(s -> !STRATEGIES.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown strategies " + unknown + "; known: " + STRATEGIES);
        }
        return STRATEGIES.stream().filter(asked::contains).toList();
    }

    private StrategyResult runStrategy(String strategy, Settings settings, double ceiling, long databasePid)
            throws Exception {
        Database.recreate();
        StrategyServices services = new StrategyServices(strategy);
        Map<String, String> props = services.properties();
        // the bursts run with the service's default lock wait; the runs with a long one, so that 64 clients on one
        // hot row measure throughput rather than time-outs
        Map<String, String> runProps = new LinkedHashMap<>(props);
        runProps.put("ecommerce.lock.wait-timeout", "10s");
        List<ServiceInstance> all = new ArrayList<>();
        try {
            // bursts first, each case on instances started for it that have served nothing else
            List<Burst.Result> bursts = new ArrayList<>();
            List<ServiceInstance> burstInstances = List.of();
            for (int instances : strategy.equals("jvm") ? List.of(1) : List.of(1, 2)) {
                burstInstances.forEach(ServiceInstance::stop);
                burstInstances = start(strategy, "burst" + instances, instances, props, all);
                String before = "nothing";
                for (Burst burst : Burst.values()) {
                    bursts.add(burst.run(strategy, burstInstances, before));
                    before = before.equals("nothing") ? burst.id : before + ", " + burst.id;
                }
            }
            List<ServiceInstance> pair;
            if (settings.runsOnBurstInstances()) {
                pair = new ArrayList<>(burstInstances);
                if (pair.size() < 2) {
                    pair.addAll(start(strategy, "b", 2 - pair.size(), props, all));
                }
            } else {
                burstInstances.forEach(ServiceInstance::stop);
                pair = start(strategy, "run", 2, runProps, all);
            }

            List<Report.WarmupWindow> curve = settings.jit().isZero() ? List.of()
                    : warmUp(strategy, pair, settings);
            List<Report.Run> runs = new ArrayList<>();
            for (int instances = 1; instances <= 2; instances++) {
                List<ServiceInstance> targets = pair.subList(0, instances);
                for (Scenario scenario : Scenario.on(instances)) {
                    runs.add(runOne(strategy, scenario, targets, settings, ceiling, databasePid));
                }
            }
            // last: the JIT is at its warmest, and nothing else is compiled in between
            Report.AuthenticationAb ab = authenticationAb(strategy, pair.getFirst(), settings, runs);
            return new StrategyResult(runs, bursts, curve, ab);
        } finally {
            all.forEach(ServiceInstance::stop);
            services.close();
        }
    }

    /** Starts {@code count} instances one after the other (start-ups compete for the two cores) and awaits each. */
    private List<ServiceInstance> start(String strategy, String role, int count, Map<String, String> props,
                                        List<ServiceInstance> all) {
        List<ServiceInstance> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ServiceInstance instance = ServiceInstance.start("bench-" + strategy + "-" + role + "-" + (char) ('a' + i),
                    props);
            all.add(instance);
            started.add(instance.awaitReady(Duration.ofSeconds(150)));
            startUps++;
        }
        return started;
    }

    /**
     * The A/B of authentication on one instance: {@code info} (A, no token) and {@code info-authenticated} (B, a user
     * token) in ABBA blocks of short measured windows, each after a short unmeasured start. The single runs of the
     * two scenarios follow each other, so the second profits from whatever the JIT compiled during the first (on two
     * cores the compiler still takes a share after minutes of load): interleaving cancels a drift that is linear over
     * a block. Reported: CPU per successful request of each arm over all its windows, their difference, and the range
     * of the blocks' differences (how much to trust the figure). Any answer other than 200 is a problem: the A/B
     * fails the benchmark rather than be reported.
     */
    private static Report.AuthenticationAb authenticationAb(String strategy, ServiceInstance instance,
                                                            Settings settings, List<Report.Run> runs) {
        List<ServiceInstance> target = List.of(instance);
        Scenario[] arms = {Scenario.INFO, Scenario.INFO_AUTHENTICATED};
        List<Function<ThreadLocalRandom, LoadGenerator.Sent>> requests =
                List.of(arms[0].prepare(target).request(), arms[1].prepare(target).request());
        Duration window = settings.measure().dividedBy(3);
        Duration start = settings.warmup().dividedBy(4);
        double[] cpu = new double[2];
        long[] ok = new long[2];
        List<Double> blockDifferences = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int block = 0; block < settings.abBlocks(); block++) {
            double[] blockCpu = new double[2];
            long[] blockOk = new long[2];
            for (int arm : new int[]{0, 1, 1, 0}) {
                Result r = LoadGenerator.run(strategy + " / A/B " + arms[arm].id, Scenario.CLIENTS, start, window,
                        requests.get(arm), () -> new double[]{Observed.cpuSeconds(instance.pid())});
                r.outcomes().forEach((outcome, count) -> {
                    if (!outcome.equals("OK")) {
                        problems.add(count + " answers " + outcome + " in an A/B window of " + arms[arm].id);
                    }
                });
                blockCpu[arm] += r.probeDelta()[0];
                blockOk[arm] += r.okMeasured();
            }
            if (blockOk[0] == 0 || blockOk[1] == 0 || blockCpu[0] <= 0 || blockCpu[1] <= 0) {
                problems.add("block " + block + ": no successful request or no CPU read in an arm");
            } else {
                blockDifferences.add(1000 * (blockCpu[1] / blockOk[1] - blockCpu[0] / blockOk[0]));
            }
            for (int arm = 0; arm < 2; arm++) {
                cpu[arm] += blockCpu[arm];
                ok[arm] += blockOk[arm];
            }
        }
        Double plain = ok[0] == 0 || cpu[0] <= 0 ? null : 1000 * cpu[0] / ok[0];
        Double signed = ok[1] == 0 || cpu[1] <= 0 ? null : 1000 * cpu[1] / ok[1];
        Optional<Report.Run> run = runs.stream().filter(r -> r.scenario().equals(Scenario.INFO_AUTHENTICATED.id)
                && r.instances() == 1).findFirst();
        Report.AuthenticationAb ab = new Report.AuthenticationAb(strategy, settings.abBlocks(), 2, window.toMillis(),
                ok[0], ok[1], plain, signed, plain == null || signed == null ? null : signed - plain,
                plain == null || signed == null ? null : signed / plain,
                blockDifferences.stream().mapToDouble(Double::doubleValue).min().stream().boxed().findFirst()
                        .orElse(null),
                blockDifferences.stream().mapToDouble(Double::doubleValue).max().stream().boxed().findFirst()
                        .orElse(null),
                run.map(r -> r.authentication().decodeMicrosMean()).orElse(null),
                run.map(r -> r.authentication().decodeCpuMicros()).orElse(null), problems);
        System.out.printf("[bench] %s / A/B info vs info-authenticated, %d ABBA blocks of %d ms windows: %s vs %s CPU "
                        + "ms/ok, difference %s ms (blocks %s to %s)%s%n", strategy, settings.abBlocks(),
                window.toMillis(), fmt3(plain), fmt3(signed), fmt3(ab.authenticationMsPerRequest()),
                fmt3(ab.blockDifferenceMinMs()), fmt3(ab.blockDifferenceMaxMs()),
                problems.isEmpty() ? "" : " PROBLEMS: " + problems);
        return ab;
    }

    private static String fmt3(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The JIT warm-up: mixed load on both fresh instances, not measured as a run, recorded in windows. */
    private List<Report.WarmupWindow> warmUp(String strategy, List<ServiceInstance> pair, Settings settings) {
        Result result = LoadGenerator.run(strategy + " / JIT warm-up, not measured", Scenario.CLIENTS, Duration.ZERO,
                settings.jit(), Scenario.MIXED.prepare(pair).request(), () -> new double[]{
                        pair.stream().mapToDouble(t -> Observed.cpuSeconds(t.pid())).sum(),
                        Observed.ownCpuSeconds()}, WINDOW);
        List<Report.WarmupWindow> curve = new ArrayList<>();
        for (LoadGenerator.Window w : result.windows()) {
            Report.WarmupWindow window = new Report.WarmupWindow(w.startSeconds(), w.startSeconds() + w.seconds(),
                    w.ok() / w.seconds(), w.ok() == 0 ? null : 1000 * w.probeDelta()[0] / w.ok(),
                    w.probeDelta()[0] / w.seconds(), w.probeDelta()[1] / w.seconds());
            curve.add(window);
            System.out.printf("[bench] %s / JIT warm-up %.0f-%.0f s: %.0f req/s, service CPU %s ms/ok, %.2f cores; "
                            + "generator %.2f cores%n", strategy, window.fromSeconds(), window.toSeconds(),
                    window.throughput(), window.serviceCpuMsPerOk() == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", window.serviceCpuMsPerOk()),
                    window.serviceCpuCores(), window.generatorCpuCores());
        }
        return curve;
    }

    private Report.Run runOne(String strategy, Scenario scenario, List<ServiceInstance> targets, Settings settings,
                              double ceiling, long databasePid) {
        String label = strategy + " / " + scenario.id + " / " + targets.size() + " instance(s)";
        Scenario.Prepared prepared = scenario.prepare(targets);
        boolean zookeeper = strategy.equals("zookeeper");
        // the service's metrics are read just outside the measured period, the CPU counters exactly at its edges
        Result result = LoadGenerator.run(label, Scenario.CLIENTS, settings.warmup(), settings.measure(),
                prepared.request(), () -> new double[]{
                        targets.stream().mapToDouble(t -> Observed.cpuSeconds(t.pid())).sum(),
                        Observed.cpuSeconds(databasePid),
                        Observed.ownCpuSeconds(),
                        zookeeper ? Observed.zooKeeperServerCpuSeconds() : 0},
                Duration.ZERO, () -> {
                    Map<String, Double> sample = new HashMap<>(Observed.serviceMetrics(targets));
                    sample.putAll(Observed.schedules(targets));
                    return sample;
                });
        double serviceCpu = result.probeDelta()[0];
        double dbCpu = result.probeDelta()[1];
        double ownCpu = result.probeDelta()[2];
        double zooKeeperCpu = result.probeDelta()[3];
        Map<String, Double> metricsBefore = result.slowBefore();
        Map<String, Double> metricsAfter = result.slowAfter();
        List<String> problems = new ArrayList<>(prepared.verify().apply(result.okByKind()));
        problems.addAll(Burst.refusedTokens(result.outcomes()));

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
        long ok = result.okMeasured();
        Double cpuMsPerOk = null;
        // lock-jvm on two instances excludes nothing across them: with order combining a conflict refuses a whole
        // batch (409), so a short window on a cold JVM can end without a success; its final state is still checked
        boolean jvmAcrossInstances = strategy.equals("jvm") && targets.size() > 1;
        if (ok == 0 && !jvmAcrossInstances) {
            problems.add("no successful request in the measured period: no CPU per request to report");
        } else if (ok == 0) {
            cpuMsPerOk = null;
        } else if (serviceCpu <= 0) {
            problems.add("the service's CPU time could not be read from /proc (it did not grow)");
        } else {
            cpuMsPerOk = 1000 * serviceCpu / ok;
        }
        Report.Authentication auth = authentication(scenario, targets.size(), result, cpuMsPerOk, problems);
        Report.Run run = new Report.Run(strategy, scenario.id, targets.size(), result.throughput(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, result.outcomes(), result.okTotal(),
                retriesPerSuccess, waits == 0 ? null : 1000 * waitSum / waits, holds == 0 ? null : 1000 * holdSum / holds,
                serviceCpu / result.seconds(), dbCpu / result.seconds(), cpuMsPerOk, null,
                result.measuredRequests(), ownCpu / result.seconds(),
                result.measuredRequests() == 0 ? null : 1000 * ownCpu / result.measuredRequests(),
                zookeeper ? zooKeeperCpu / result.seconds() : null, result.throughput() / ceiling, null, auth,
                problems.isEmpty(), problems);
        System.out.printf("[bench] %s: %.0f req/s, p99 %.1f ms, service CPU %s ms/ok, generator %.2f cores, %s%s%s%n",
                label, run.throughput(), run.p99(), run.serviceCpuMsPerOk() == null ? "-"
                        : String.format(Locale.ROOT, "%.2f", run.serviceCpuMsPerOk()), run.generatorCpuCores(),
                run.outcomes(), auth.decodeMicrosMean() == null ? "" : String.format(Locale.ROOT,
                        ", token verification %.1f us wall (%.1f us on a CPU, est.) = %s of the CPU per ok",
                        auth.decodeMicrosMean(), auth.decodeCpuMicros(),
                        auth.decodeCpuShareOfCpu() == null ? "-"
                                : String.format(Locale.ROOT, "%.1f %%", 100 * auth.decodeCpuShareOfCpu())),
                run.correct() ? "" : " FAILED CHECK: " + problems);
        return run;
    }

    /**
     * The run's figures from the service's decode timer, over the period between the two scrapes around the measured
     * period. Each scrape carries the administrator's token, and the closing one's decode is in the figures it
     * answers: one decode per instance that the load did not cause. A scenario that sends no token must show exactly
     * none besides, one that sends a token with every request must show some: otherwise the figure is not what it
     * claims to be, and the run fails its check rather than report it. The timer measures wall time; on two cores
     * shared by 64 clients' worth of runnable threads (and other builds) most of a thread's wall time can be spent
     * waiting for a core, so the CPU time of a verification is estimated as its wall time times the share of runnable
     * time the service's threads spent on a CPU over the same period (see {@link Observed#onCpuShare}).
     */
    private static Report.Authentication authentication(Scenario scenario, int instances, Result result,
                                                        Double cpuMsPerOk, List<String> problems) {
        double count = Observed.delta(result.slowBefore(), result.slowAfter(), Observed.DECODES);
        double seconds = Observed.delta(result.slowBefore(), result.slowAfter(), Observed.DECODE_SECONDS);
        double byLoad = count - instances;
        Double onCpu = Observed.onCpuShare(result.slowBefore(), result.slowAfter());
        if (!scenario.authenticated) {
            if (byLoad != 0) {
                problems.add("the decode timer counted " + byLoad + " decodes besides the scrapes' own in a "
                        + "scenario that sends no token");
            }
            return Report.Authentication.none(byLoad, onCpu);
        }
        if (byLoad <= 0 || seconds <= 0) {
            problems.add("the decode timer counted " + byLoad + " decodes (" + seconds + " s) although every request "
                    + "carried a token: the cost of authentication cannot be read");
            return Report.Authentication.none(byLoad, onCpu).asAuthenticated();
        }
        if (onCpu == null) {
            problems.add("the scheduler statistics of the service's threads (/proc/<pid>/task/*/schedstat) could not "
                    + "be read: no CPU estimate of a token's verification");
        }
        // wall time of one verification, the closing scrape's among them (one in thousands in a full run)
        double micros = 1e6 * seconds / count;
        Double perRequest = result.measuredRequests() == 0 ? null : byLoad / result.measuredRequests();
        // one verification per request, by construction (every request carries one token): the requests, not the
        // timer's count, say how many belong to the measured period, whose edges the count straddles
        Double msPerOk = result.okMeasured() == 0 ? null
                : micros / 1000 * result.measuredRequests() / result.okMeasured();
        Double share = msPerOk == null || cpuMsPerOk == null ? null : msPerOk / cpuMsPerOk;
        return new Report.Authentication(true, byLoad, micros, perRequest, msPerOk, share, onCpu,
                onCpu == null ? null : micros * onCpu, onCpu == null || share == null ? null : share * onCpu, null);
    }

    /**
     * The run with its ratios: throughput to lock-jvm's same run, CPU per success to the strategy's info run, and for
     * a run whose requests carry tokens, the strategy's A/B cost of authentication (info-authenticated minus info, CPU
     * per request) per success of this run, as a share of its CPU per success.
     */
    private static Report.Run withRatios(Report.Run run, List<Report.Run> all,
                                         List<Report.AuthenticationAb> authentication) {
        Double toJvm = all.stream().filter(o -> o.strategy().equals("jvm") && o.scenario().equals(run.scenario())
                        && o.instances() == run.instances() && o.throughput() > 0)
                .findFirst().map(jvm -> run.throughput() / jvm.throughput()).orElse(null);
        Double toInfo = run.serviceCpuMsPerOk() == null ? null : all.stream()
                .filter(o -> o.strategy().equals(run.strategy()) && o.scenario().equals(Scenario.INFO.id)
                        && o.serviceCpuMsPerOk() != null && o.serviceCpuMsPerOk() > 0)
                .findFirst().map(info -> run.serviceCpuMsPerOk() / info.serviceCpuMsPerOk()).orElse(null);
        Double abShare = null;
        long ok = run.outcomes().getOrDefault("OK", 0L);
        if (run.authentication().tokenPerRequest() && run.serviceCpuMsPerOk() != null && ok > 0) {
            abShare = authentication.stream().filter(ab -> ab.strategy().equals(run.strategy()))
                    .map(Report.AuthenticationAb::authenticationMsPerRequest).filter(Objects::nonNull)
                    .findFirst().map(ms -> ms * run.requestsMeasured() / ok / run.serviceCpuMsPerOk()).orElse(null);
        }
        return run.withRatios(toJvm, toInfo, abShare);
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
