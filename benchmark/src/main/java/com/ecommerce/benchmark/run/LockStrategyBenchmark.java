package com.ecommerce.benchmark.run;

import com.ecommerce.benchmark.baseline.Baselines;
import com.ecommerce.benchmark.burst.Burst;
import com.ecommerce.benchmark.observe.Machine;
import com.ecommerce.benchmark.observe.Observed;
import com.ecommerce.benchmark.report.AuthenticationAb;
import com.ecommerce.benchmark.report.Report;
import com.ecommerce.benchmark.report.Run;
import com.ecommerce.benchmark.report.WarmupWindow;
import com.ecommerce.benchmark.scenario.Scenario;
import com.ecommerce.benchmark.service.Gateway;
import com.ecommerce.benchmark.service.ServiceStarts;
import com.ecommerce.systemtest.support.Database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock strategies benchmark. For each strategy it starts the packaged service as OS processes against MariaDB and
 * whatever the strategy needs (its own Redis masters, an in-process ZooKeeper), and measures:
 * <ul>
 *     <li><b>bursts on freshly started instances</b> with the service's default lock wait: 200 buyers of an item
 *     that has 100 units, then 100 charges of one balance, all requests of a burst released at once, on one instance
 *     and (except {@code jvm}) on two; outcomes by code, wall time, latencies, and an exact check of the database
 *     (see {@link com.ecommerce.benchmark.burst.Burst});</li>
 *     <li>a <b>JIT warm-up</b> of mixed load on two fresh instances, recorded as a curve in windows of 10 s
 *     (throughput and service CPU per successful request);</li>
 *     <li><b>runs</b>: the read scenarios {@code info}, {@code info-authenticated} and {@code item-read} on one
 *     instance, then every writing scenario on one and on two instances (the payment scenarios against the one
 *     payment gateway simulator of the whole run, {@link com.ecommerce.benchmark.service.Gateway}): warm-up,
 *     measurement, then a correctness check of the database (and, for payments, of the gateway's counts). Each run reports throughput, latencies, lock metrics, CPU of the service and of the
 *     database in cores, the service's CPU milliseconds per successful request and that as a multiple of
 *     {@code info} (the cost of a request through the HTTP stack alone), the load generator's own CPU (this JVM), and
 *     the cost of authentication: the service's decode timer over the measured period (wall time per token verified,
 *     against the CPU per request), and {@code info-authenticated} against {@code info} (the CPU a token adds to the
 *     plainest request).</li>
 * </ul>
 * Every request carries the token its sender would have (see {@link com.ecommerce.benchmark.scenario.Auth} and
 * {@link Scenario}), minted before the load; a 401 or 403 anywhere fails the check of its run or burst, and so does a
 * figure of authentication that cannot be read.
 * CPU is read from /proc at the exact start and end of each measured period. A run or burst whose check fails is
 * reported as failed, never as fast, and fails the runner ({@code BenchmarkIT}); a burst that got 503s is reported
 * (and counted in the headline), not failed.
 *
 * <p>{@code -Dbenchmark.mode=quick} (the default, run by {@code ./mvnw verify}): every scenario and burst briefly,
 * correctness only, no JIT warm-up; to stay short the runs reuse the two-instance burst instances, so they use the
 * default lock wait too ({@code jvm}, which has no two-instance bursts, adds an instance that first serves a few
 * requests of each kind: {@link com.ecommerce.benchmark.scenario.Priming}). {@code full}
 * ({@code bash benchmark/run.sh}): the report under {@code docs/benchmarks}, with separate instances for the runs
 * (lock wait 10 s). {@code -Dbenchmark.jit=90s} sets the JIT warm-up (full: 60 s),
 * {@code -Dbenchmark.measure=15s} the measured period of each run (full: 5 s), {@code -Dbenchmark.strategies=jvm,db}
 * the strategies (default: all; a partial run's report belongs outside {@code docs/benchmarks}).
 */
public final class LockStrategyBenchmark {

    private final Settings settings;
    private final List<String> strategies;
    private final Path output;
    private final ServiceStarts starts = new ServiceStarts();

    public LockStrategyBenchmark(Settings settings, List<String> strategies, Path output) {
        this.settings = settings;
        this.strategies = strategies;
        this.output = output;
    }

    /**
     * From the system properties the build sets: {@code benchmark.mode} (default quick), {@code benchmark.jit},
     * {@code benchmark.measure}, {@code benchmark.strategies} and {@code benchmark.output}.
     */
    public static LockStrategyBenchmark fromSystemProperties() {
        return new LockStrategyBenchmark(Settings.of(System.getProperty("benchmark.mode", "quick"),
                System.getProperty("benchmark.jit"), System.getProperty("benchmark.measure")),
                Strategies.of(System.getProperty("benchmark.strategies"), Strategies.ALL),
                Path.of(System.getProperty("benchmark.output", "target/benchmark")));
    }

    public List<String> strategies() {
        return strategies;
    }

    /** The bursts of one strategy: each burst once per instance count of {@link Settings#burstInstances}. */
    public int burstsOf(String strategy) {
        return settings.burstInstances(strategy).size() * Burst.values().length;
    }

    /** The runs of one strategy: the scenarios of this mode on one instance and on two. */
    public int runsPerStrategy() {
        return Scenario.on(1, settings.quick()).size() + Scenario.on(2, settings.quick()).size();
    }

    /** Runs everything, writes the report into the output folder, prints it, and returns it for the checks. */
    public Report run() throws Exception {
        long started = System.nanoTime();
        System.out.printf("[bench] mode %s: %d strategies %s x (%d scenarios on 1 instance + %d on 2), bursts, JIT "
                        + "warm-up %s, warm-up %s, measure %s%n", settings.mode(), strategies.size(), strategies,
                Scenario.on(1, settings.quick()).size(), Scenario.on(2, settings.quick()).size(), settings.jit(),
                settings.warmup(), settings.measure());

        Database.recreate();
        Map<String, Double> baselines = baselines();
        Baselines.LostUpdates lost = Baselines.lostUpdatesWithoutControl(settings.lostThreads(), settings.lostEach());
        Baselines.Deadlocks deadlocks = Baselines.deadlocksUnsortedVersusSorted(settings.deadlockThreads(),
                settings.deadlockEach());
        System.out.printf("[bench] lost updates without control: %d of %d; deadlocks unsorted %d, sorted %d, "
                        + "one IN statement %d%n", lost.lost(), lost.expected(), deadlocks.deadlocksUnsorted(),
                deadlocks.deadlocksSorted(), deadlocks.deadlocksOneStatement());
        double ceiling = baselines.values().iterator().next();

        Burst.warmUpGenerator();
        List<Run> runs = new ArrayList<>();
        List<Burst.Result> bursts = new ArrayList<>();
        Map<String, List<WarmupWindow>> warmup = new LinkedHashMap<>();
        List<AuthenticationAb> authentication = new ArrayList<>();
        long databasePid = Observed.databasePid();
        for (String strategy : strategies) {
            StrategyRun.Result result = StrategyRun.measure(strategy, settings, ceiling, databasePid, starts);
            runs.addAll(result.runs());
            bursts.addAll(result.bursts());
            authentication.add(result.authentication());
            if (!result.warmup().isEmpty()) {
                warmup.put(strategy, result.warmup());
            }
        }
        List<Run> withRatios = runs.stream().map(r -> Ratios.withRatios(r, runs, authentication)).toList();

        Report report = new Report(Machine.describe(), settingsTable(started), baselines, lost, deadlocks, warmup,
                bursts, withRatios, authentication);
        report.write(output);
        System.out.println("[bench] report written to " + output.toAbsolutePath());
        System.out.println(report.markdown());
        System.out.printf("[bench] bursts with 503: %d of %d; total time %d s%n", report.burstsWith503(),
                bursts.size(), (System.nanoTime() - started) / 1_000_000_000);
        return report;
    }

    /** The physical limits of this machine, measured in the same run: the report's ratios divide by them. */
    private Map<String, Double> baselines() {
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
        return baselines;
    }

    /** The report's table of settings, its total time measured from {@code started}. */
    private Map<String, String> settingsTable(long started) {
        Map<String, String> settingsOut = new LinkedHashMap<>();
        settingsOut.put("mode", settings.mode());
        settingsOut.put("strategies", String.join(", ", strategies) + (strategies.equals(Strategies.ALL) ? ""
                : " (a partial run: -Dbenchmark.strategies)"));
        settingsOut.put("clients per scenario", String.valueOf(Scenario.CLIENTS));
        settingsOut.put("JIT warm-up per strategy (mixed, both instances, not measured; curve in windows of "
                + JitWarmup.WINDOW.toSeconds() + " s)", settings.jit().toString());
        settingsOut.put("warm-up / measure per run", settings.warmup() + " / " + settings.measure()
                + (settings.paymentWarmup().equals(settings.warmup()) && settings.paymentMeasure()
                .equals(settings.measure()) ? "" : "; payment scenarios " + settings.paymentWarmup() + " / "
                + settings.paymentMeasure()));
        settingsOut.put("payment gateway", "the simulator, one process for the whole run, confirms answered after "
                + Gateway.LATENCY);
        settingsOut.put("A/B of authentication per strategy (info, info-authenticated; after its runs, 1 instance)",
                settings.abBlocks() + " ABBA blocks of " + settings.measure().dividedBy(3) + " windows, each after "
                        + settings.warmup().dividedBy(4) + " unmeasured");
        settingsOut.put("bursts per strategy", "order-burst (200 buyers, 100 units), then charge-burst (100 charges), "
                + (settings.quick() ? "on 2 fresh instances (jvm: on 1)"
                : "on 1 fresh instance and, except jvm, on 2 fresh instances"));
        settingsOut.put("service JVM", System.getProperty("service.jvm.options", "?") + ", Hikari pool 10");
        settingsOut.put("lock wait", settings.runsOnBurstInstances()
                ? "the service's default (3 s) in bursts and runs: the runs reuse the two-instance burst instances"
                : "the service's default (3 s) in the bursts; 10 s in the runs (instances of their own)");
        settingsOut.put("service start-ups", String.valueOf(starts.count()));
        settingsOut.put("total time", (System.nanoTime() - started) / 1_000_000_000 + " s");
        return settingsOut;
    }
}
