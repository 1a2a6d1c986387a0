package com.ecommerce.benchmark.openmodel;

import com.ecommerce.benchmark.burst.Burst;
import com.ecommerce.benchmark.combining.FlashSaleExperiment;
import com.ecommerce.benchmark.load.LoadGenerator;
import com.ecommerce.benchmark.load.OpenLoadGenerator;
import com.ecommerce.benchmark.observe.Observed;
import com.ecommerce.benchmark.run.Settings;
import com.ecommerce.benchmark.run.Strategies;
import com.ecommerce.benchmark.scenario.Scenario;
import com.ecommerce.benchmark.service.ServiceStarts;
import com.ecommerce.benchmark.service.StrategyServices;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The hot item at a fixed arrival rate: what the latency of a flash sale looks like when buyers keep arriving whether
 * or not the service is slow (an open model), beside what the closed loop of the other benchmarks reports (64 clients,
 * each waiting for its answer before it asks again, so that a slow service is asked less: coordinated omission).
 *
 * <p>Per strategy, one instance with order combining on (the default) and a 10 s lock wait, the flash-sale
 * experiment's hot item (one item, one unit per order, 64 funded buyers; fresh fixtures per run). After an unmeasured
 * JIT warm-up, the closed loop measures the peak (successes per second, 64 clients); then the open model
 * ({@link OpenLoadGenerator}) offers each fraction of that peak, each after a warm-up at its rate. Reported per run:
 * offered and achieved rate, outcomes, response time (from the intended send) and service time (from the actual send)
 * at p50, p90, p99, p99.9 and max, service CPU per successful order; and a chart of the response-time percentiles per
 * strategy. Each run checks the database exactly (initial - sold = remaining, sold = orders answered 201, the global
 * invariants: balances equal their history, one payment entry per order); a failed check fails the runner
 * ({@code OpenModelBenchmarkIT}).
 *
 * <p>{@code -Dbenchmark.mode=quick} (part of {@code ./mvnw verify}): {@code lock-db}, 5 s of JIT warm-up (a fresh
 * instance's first seconds are many times slower, and the peak is what the fractions are of), 1 s warm-ups and 3 s
 * measured periods. {@code full} ({@code bash benchmark/run.sh --open-model}): {@code lock-jvm} and {@code lock-db},
 * 30 s of JIT warm-up, 3 s (closed) and 5 s (open) warm-ups, 15 s measured periods; written to
 * {@code docs/benchmarks/open-model.md}. Settings: {@code benchmark.strategies}, {@code benchmark.fractions} (default
 * {@code 0.5,0.75}), {@code benchmark.jit}, {@code benchmark.measure} (each measured period),
 * {@code benchmark.output}.
 */
public final class OpenModelExperiment {

    private final boolean full;
    private final List<String> strategies;
    private final List<Double> fractions;
    private final Duration jit;
    private final Duration measure;
    private final Duration closedWarmup;
    private final Duration openWarmup;
    private final Path output;
    private final ServiceStarts starts = new ServiceStarts();
    private long databasePid;

    private OpenModelExperiment(boolean full, List<String> strategies, List<Double> fractions, Duration jit,
                                Duration measure, Path output) {
        this.full = full;
        this.strategies = strategies;
        this.fractions = fractions;
        this.jit = jit;
        this.measure = measure;
        this.closedWarmup = full ? Duration.ofSeconds(3) : Duration.ofSeconds(1);
        this.openWarmup = full ? Duration.ofSeconds(5) : Duration.ofSeconds(1);
        this.output = output;
    }

    /** From the system properties the build sets (see the class comment). */
    public static OpenModelExperiment fromSystemProperties() {
        boolean full = System.getProperty("benchmark.mode", "quick").equals("full");
        return new OpenModelExperiment(full,
                Strategies.of(System.getProperty("benchmark.strategies"),
                        full ? List.of("jvm", "db") : List.of("db")),
                fractions(System.getProperty("benchmark.fractions")),
                Settings.property("benchmark.jit", full ? Duration.ofSeconds(30) : Duration.ofSeconds(5)),
                Settings.property("benchmark.measure", full ? Duration.ofSeconds(15) : Duration.ofSeconds(3)),
                Path.of(System.getProperty("benchmark.output", "target/benchmark")));
    }

    /** {@code 0.5,0.75} (the default when blank): fractions of the peak, each above 0 and at most 2. */
    static List<Double> fractions(String property) {
        if (property == null || property.isBlank()) {
            return List.of(0.5, 0.75);
        }
        List<Double> fractions = Arrays.stream(property.split("\\s*,\\s*")).map(String::strip)
                .map(Double::parseDouble).toList();
        if (fractions.stream().anyMatch(f -> !(f > 0 && f <= 2))) {
            throw new IllegalArgumentException("fractions of the peak must lie in (0, 2]: " + property);
        }
        return fractions;
    }

    public List<String> strategies() {
        return strategies;
    }

    public List<Double> fractions() {
        return fractions;
    }

    /** Where {@code open-model.md} and its charts go. */
    public Path output() {
        return output;
    }

    /** Runs every strategy, writes {@code open-model.md} and the charts, prints the table, returns the runs. */
    public List<OpenModelRun> run() throws Exception {
        long started = System.nanoTime();
        databasePid = Observed.databasePid();
        Burst.warmUpGenerator();
        List<OpenModelRun> runs = new ArrayList<>();
        for (String strategy : strategies) {
            runs.addAll(runStrategy(strategy));
        }
        OpenModelReport report = new OpenModelReport(runs, full, jit, closedWarmup, openWarmup, measure,
                (System.nanoTime() - started) / 1_000_000_000);
        System.out.println(report.write(output));
        return runs;
    }

    private List<OpenModelRun> runStrategy(String strategy) throws Exception {
        Database.recreate();
        List<ServiceInstance> all = new ArrayList<>();
        try (StrategyServices services = new StrategyServices(strategy)) {
            ServiceInstance instance = starts.start("open-model-" + strategy, services.runProperties(), all);
            List<ServiceInstance> targets = List.of(instance);
            Supplier<double[]> cpu = () -> new double[]{Observed.cpuSeconds(instance.pid()),
                    Observed.cpuSeconds(databasePid)};
            if (!jit.isZero()) {
                LoadGenerator.run(strategy + " / JIT warm-up", Scenario.CLIENTS, Duration.ZERO, jit,
                        Scenario.HOT_ITEM.prepare(targets).request());
            }
            List<OpenModelRun> runs = new ArrayList<>();
            OpenModelRun closed = closedLoop(strategy, targets, cpu);
            runs.add(closed);
            if (closed.achievedPerSecond() <= 0) {
                return runs;
            }
            for (double fraction : fractions) {
                runs.add(openModel(strategy, fraction, fraction * closed.achievedPerSecond(), targets, cpu));
            }
            return runs;
        } finally {
            all.forEach(ServiceInstance::stop);
        }
    }

    private OpenModelRun closedLoop(String strategy, List<ServiceInstance> targets, Supplier<double[]> cpu) {
        Scenario.Prepared prepared = Scenario.HOT_ITEM.prepare(targets);
        LoadGenerator.Result result = LoadGenerator.run(strategy + " / hot-item / closed loop", Scenario.CLIENTS,
                closedWarmup, measure, prepared.request(), cpu);
        List<String> problems = problems(strategy, prepared, result.okByKind(), result.outcomes());
        if (result.throughput() <= 0) {
            problems.add("the closed loop placed no order: no peak to offer fractions of");
        }
        return printed(new OpenModelRun(strategy, null, null, result.throughput(), result.seconds(),
                result.measuredRequests(), 0, Scenario.CLIENTS, result.outcomes(), result.latencyMicros(),
                result.latencyMicros(), result.probeDelta()[0], result.probeDelta()[1], problems));
    }

    private OpenModelRun openModel(String strategy, double fraction, double rate, List<ServiceInstance> targets,
                                   Supplier<double[]> cpu) {
        Scenario.Prepared prepared = Scenario.HOT_ITEM.prepare(targets);
        OpenLoadGenerator.Result result = OpenLoadGenerator.run(
                String.format(Locale.ROOT, "%s / hot-item / open %.2f x peak, %.0f/s", strategy, fraction,
                        rate), rate, OpenLoadGenerator.MAX_IN_FLIGHT, openWarmup, measure, prepared.request(), cpu);
        Map<String, Long> answered = new TreeMap<>(result.outcomes());
        answered.remove(OpenLoadGenerator.NOT_SENT);
        List<String> problems = problems(strategy, prepared, result.okByKind(), answered);
        return printed(new OpenModelRun(strategy, fraction, rate, result.achievedPerSecond(), result.seconds(),
                result.due(), result.notSent(), result.peakInFlight(), result.outcomes(), result.responseMicros(),
                result.serviceMicros(), result.probeDelta()[0], result.probeDelta()[1], problems));
    }

    /** The database's exact check against every success of the run, refused tokens, wrong answers. */
    private static List<String> problems(String strategy, Scenario.Prepared prepared, Map<String, Long> okByKind,
                                         Map<String, Long> outcomes) {
        List<String> problems = new ArrayList<>(prepared.verify().apply(okByKind));
        problems.addAll(Burst.refusedTokens(outcomes));
        problems.addAll(FlashSaleExperiment.unexpectedAnswers(strategy, outcomes));
        return problems;
    }

    private static OpenModelRun printed(OpenModelRun run) {
        System.out.printf(Locale.ROOT, "[open-model] %s / %s: offered %s, achieved %.0f/s, %s; response "
                        + "p50 %.1f p99 %.1f max %.1f ms; service p50 %.1f p99 %.1f ms; service CPU %s ms/order%s%n",
                run.strategy(), run.name(Scenario.CLIENTS),
                run.offeredPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.0f/s",
                        run.offeredPerSecond()), run.achievedPerSecond(), run.outcomes(), run.responseMs(50),
                run.responseMs(99), run.responseMs(100), run.serviceMs(50), run.serviceMs(99),
                run.cpuMsPerOk() == null ? "-" : String.format(Locale.ROOT, "%.2f", run.cpuMsPerOk()),
                run.problems().isEmpty() ? "" : "; FAILED CHECK: " + run.problems());
        return run;
    }
}
