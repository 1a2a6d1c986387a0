package com.ecommerce.benchmark.combining;

import com.ecommerce.benchmark.baseline.Baselines;
import com.ecommerce.benchmark.burst.Burst;
import com.ecommerce.benchmark.load.LoadGenerator;
import com.ecommerce.benchmark.load.LoadGenerator.Result;
import com.ecommerce.benchmark.observe.Observed;
import com.ecommerce.benchmark.run.Settings;
import com.ecommerce.benchmark.run.Strategies;
import com.ecommerce.benchmark.scenario.Scenario;
import com.ecommerce.benchmark.service.ServiceStarts;
import com.ecommerce.benchmark.service.StrategyServices;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flash-sale experiment: the hot item (64 clients, one item, one unit per order, every buyer funded) with order
 * combining on and off, against the one-hot-row transaction ceiling measured in the same run. Per strategy, three
 * instances are started at once: two with combining on (the default) and one with it off ({@code
 * ecommerce.order.combining.enabled=false}), all with a 10 s lock wait. After an unmeasured warm-up of the JIT on
 * the "on" and the "off" instance (hot-item load, alternated), then on the second "on" instance alone and on the
 * two "on" instances together (an instance whose batches begin to wait for another's recompiles what it compiled
 * alone), the arms are measured in blocks, in the order on (1 instance), off (1 instance), on (2 instances), so
 * that a drift of the machine or the JIT during the blocks touches every arm alike. Reported per strategy and arm:
 * orders/s, x the ceiling, x {@code lock-db} with combining on, p50/p99 and their ratio, service and database CPU,
 * service CPU per order and the JIT compiler threads' share of it, and the batch sizes the service counted (its
 * {@code ecommerce_order_batches_total} per size class). Each block checks the database exactly (initial - sold =
 * remaining, sold = orders answered 201, the global invariants); a failed check fails the runner
 * ({@code CombiningBenchmarkIT}).
 *
 * <p>{@code -Dbenchmark.mode=quick} (part of {@code ./mvnw verify}): {@code jvm} and {@code db}, one short block, to
 * prove it works and that the switch switches. {@code full} ({@code bash benchmark/run.sh --combining}): every
 * strategy, {@code -Dbenchmark.jit} of warm-up per strategy (default 240 s, in six parts of a quarter
 * of it: with 60 s, the services' compiler threads still took 0.06 ms of every order on one instance and 0.22 ms
 * on two, a fifth and a third of the order's cost; with 240 s 0.035 and 0.05), {@code -Dbenchmark.measure} per arm and
 * block (default 8 s), two blocks; written to {@code docs/benchmarks/combining.md}. {@code lock-jvm} has no
 * two-instance arm (it excludes nothing across instances).
 */
public final class FlashSaleExperiment {

    private final boolean full;
    private final List<String> strategies;
    private final Duration jit;
    private final Duration measure;
    private final Duration warmup;
    private final int blocks;
    private final Path output;
    private final ServiceStarts starts = new ServiceStarts();
    private long databasePid;

    private FlashSaleExperiment(boolean full, List<String> strategies, Duration jit, Duration measure, Path output) {
        this.full = full;
        this.strategies = strategies;
        this.jit = jit;
        this.measure = measure;
        this.warmup = full ? Duration.ofSeconds(2) : Duration.ofMillis(300);
        this.blocks = full ? 2 : 1;
        this.output = output;
    }

    /**
     * From the system properties the build sets: {@code benchmark.mode} (default quick), {@code benchmark.jit},
     * {@code benchmark.measure}, {@code benchmark.strategies} (default: all in full mode, {@code jvm} and {@code db}
     * in quick mode) and {@code benchmark.output}.
     */
    public static FlashSaleExperiment fromSystemProperties() {
        boolean full = System.getProperty("benchmark.mode", "quick").equals("full");
        return new FlashSaleExperiment(full,
                Strategies.of(System.getProperty("benchmark.strategies"),
                        full ? Strategies.ALL : List.of("jvm", "db")),
                Settings.property("benchmark.jit", full ? Duration.ofSeconds(240) : Duration.ZERO),
                Settings.property("benchmark.measure", full ? Duration.ofSeconds(8) : Duration.ofSeconds(1)),
                Path.of(System.getProperty("benchmark.output", "target/benchmark")));
    }

    /** Runs every strategy's arms, writes {@code combining.md} into the output folder, prints it, returns the arms. */
    public List<Arm> run() throws Exception {
        long started = System.nanoTime();
        databasePid = Observed.databasePid();

        Database.recreate();
        double ceilingBefore = Baselines.forUpdateCommit(Scenario.CLIENTS, full ? Duration.ofSeconds(5)
                : Duration.ofSeconds(1));
        System.out.printf("[combining] ceiling before: %.0f/s%n", ceilingBefore);
        Burst.warmUpGenerator();
        List<Arm> arms = new ArrayList<>();
        for (String strategy : strategies) {
            arms.addAll(runStrategy(strategy));
        }
        double ceilingAfter = Baselines.forUpdateCommit(Scenario.CLIENTS, full ? Duration.ofSeconds(5)
                : Duration.ofSeconds(1));
        System.out.printf("[combining] ceiling after: %.0f/s%n", ceilingAfter);
        double ceiling = (ceilingBefore + ceilingAfter) / 2;

        String markdown = CombiningReport.markdown(arms, ceilingBefore, ceilingAfter, ceiling, full, jit, measure,
                blocks, (System.nanoTime() - started) / 1_000_000_000);
        Files.createDirectories(output);
        Files.writeString(output.resolve("combining.md"), markdown);
        System.out.println(markdown);
        return arms;
    }

    private List<Arm> runStrategy(String strategy) throws Exception {
        Database.recreate();
        List<ServiceInstance> all = new ArrayList<>();
        try (StrategyServices services = new StrategyServices(strategy)) {
            Map<String, String> on = services.runProperties();
            Map<String, String> off = new LinkedHashMap<>(on);
            off.put("ecommerce.order.combining.enabled", "false");
            ServiceInstance onA = starts.start("combine-" + strategy + "-on-a", on, all);
            ServiceInstance offA = starts.start("combine-" + strategy + "-off", off, all);
            ServiceInstance onB = strategy.equals("jvm") ? null
                    : starts.start("combine-" + strategy + "-on-b", on, all);
            if (!jit.isZero()) {
                Duration quarter = jit.dividedBy(4);
                for (ServiceInstance instance : List.of(onA, offA, onA, offA)) {
                    LoadGenerator.run(strategy + " / JIT warm-up on " + instance.name(), Scenario.CLIENTS,
                            Duration.ZERO, quarter, Scenario.HOT_ITEM.prepare(List.of(instance)).request());
                }
                if (onB != null) {
                    LoadGenerator.run(strategy + " / JIT warm-up on " + onB.name(), Scenario.CLIENTS,
                            Duration.ZERO, quarter, Scenario.HOT_ITEM.prepare(List.of(onB)).request());
                    // the pair as it is measured: an instance whose batches start to wait for the other's recompiles
                    // what it had compiled alone (C2 at 0.10 ms per order in the first seconds, measured)
                    LoadGenerator.run(strategy + " / JIT warm-up on both", Scenario.CLIENTS, Duration.ZERO, quarter,
                            Scenario.HOT_ITEM.prepare(List.of(onA, onB)).request());
                }
            }
            Arm on1 = new Arm(strategy, "on", 1, true);
            Arm off1 = new Arm(strategy, "off", 1, false);
            // lock-jvm excludes nothing across instances: two of them are not a deployment of it
            Arm on2 = strategy.equals("jvm") ? null : new Arm(strategy, "on", 2, true);
            for (int block = 0; block < blocks; block++) {
                measure(on1, List.of(onA));
                measure(off1, List.of(offA));
                if (on2 != null) {
                    measure(on2, List.of(onA, onB));
                }
            }
            return on2 == null ? List.of(on1, off1) : List.of(on1, off1, on2);
        } finally {
            all.forEach(ServiceInstance::stop);
        }
    }

    /**
     * The hot item's answers that are wrong: every one but {@code OK}, since every buyer can pay and the item cannot
     * run out, except the clean {@code 409 CONCURRENT_UPDATE} with which {@code lock-optimistic} gives up when its
     * retries run out.
     */
    public static List<String> unexpectedAnswers(String strategy, Map<String, Long> outcomes) {
        List<String> problems = new ArrayList<>();
        outcomes.forEach((outcome, count) -> {
            boolean expected = outcome.equals("OK")
                    || (strategy.equals("optimistic") && outcome.equals("CONCURRENT_UPDATE"));
            if (!expected) {
                problems.add(count + " answers " + outcome + " (every buyer can pay, the item cannot run out)");
            }
        });
        return problems;
    }

    private void measure(Arm arm, List<ServiceInstance> targets) {
        String label = arm.strategy + " / hot-item / combining " + arm.name + " / " + targets.size() + " instance(s)";
        Scenario.Prepared prepared = Scenario.HOT_ITEM.prepare(targets);
        Result result = LoadGenerator.run(label, Scenario.CLIENTS, warmup, measure, prepared.request(),
                () -> new double[]{targets.stream().mapToDouble(t -> Observed.cpuSeconds(t.pid())).sum(),
                        Observed.cpuSeconds(databasePid),
                        targets.stream().mapToDouble(t -> Observed.compilerCpuSeconds(t.pid())).sum()},
                Duration.ZERO, () -> Observed.serviceMetrics(targets));
        arm.problems.addAll(prepared.verify().apply(result.okByKind()));
        arm.problems.addAll(Burst.refusedTokens(result.outcomes()));
        arm.problems.addAll(unexpectedAnswers(arm.strategy, result.outcomes()));
        result.outcomes().forEach((outcome, count) -> arm.outcomes.merge(outcome, count, Long::sum));
        arm.seconds += result.seconds();
        arm.ok += result.okMeasured();
        arm.requests += result.measuredRequests();
        arm.latency.add(result.latencyMicros());
        arm.serviceCpu += result.probeDelta()[0];
        arm.databaseCpu += result.probeDelta()[1];
        arm.serviceCompilerCpu += result.probeDelta()[2];
        arm.blockThroughputs.add(result.throughput());
        for (String size : Arm.SIZE_CLASSES) {
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
                CombiningReport.ratio(Observed.delta(result.slowBefore(), result.slowAfter(),
                                "ecommerce_order_batch_size_orders_sum"),
                        Observed.delta(result.slowBefore(), result.slowAfter(),
                                "ecommerce_order_batch_size_orders_count")));
    }
}
