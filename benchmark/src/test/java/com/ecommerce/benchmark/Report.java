package com.ecommerce.benchmark;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's output: JSON for machines, Markdown for people, PNG charts. {@code headline} is derived from
 * {@code runs}; {@code warmup} holds each strategy's JIT warm-up curve (empty when the warm-up is off, as in quick
 * mode); {@code burstsWith503} counts the bursts in which at least one request was answered 503.
 */
record Report(Map<String, String> machine, Map<String, String> settings, List<Headline> headline,
              Map<String, Double> baselines, Baselines.LostUpdates lostUpdates, Baselines.Deadlocks deadlocks,
              Map<String, List<WarmupWindow>> warmup, List<Burst.Result> bursts, long burstsWith503, List<Run> runs) {

    Report(Map<String, String> machine, Map<String, String> settings, Map<String, Double> baselines,
           Baselines.LostUpdates lostUpdates, Baselines.Deadlocks deadlocks, Map<String, List<WarmupWindow>> warmup,
           List<Burst.Result> bursts, List<Run> runs) {
        this(machine, settings, Headline.of(runs), baselines, lostUpdates, deadlocks, warmup, bursts,
                bursts.stream().filter(b -> b.serviceUnavailable() > 0).count(), runs);
    }

    /**
     * One strategy, one scenario, one or two instances. Latencies in milliseconds. {@code serviceCpuMsPerOk}: CPU
     * milliseconds of the service processes during the measured period per successful request of it;
     * {@code cpuPerOkRatioToInfo}: that, divided by the same figure of the strategy's {@code info} run;
     * {@code generatorCpuCores} and {@code generatorCpuMsPerRequest}: this JVM's CPU over the measured period, per
     * second and per request sent (for {@code zookeeper} it includes the in-process ZooKeeper server, whose own share
     * is {@code zooKeeperServerCpuCores}).
     */
    record Run(String strategy, String scenario, int instances, double throughput, double p50, double p95,
               double p99, double max, Map<String, Long> outcomes, long successesChecked, Double retriesPerSuccess,
               Double lockWaitMeanMs, Double lockHoldMeanMs, double serviceCpuCores, double databaseCpuCores,
               Double serviceCpuMsPerOk, Double cpuPerOkRatioToInfo, long requestsMeasured, double generatorCpuCores,
               Double generatorCpuMsPerRequest, Double zooKeeperServerCpuCores, double ratioToRowLockCeiling,
               Double ratioToJvm, boolean correct, List<String> problems) {

        Run withRatios(Double toJvm, Double toInfo) {
            return new Run(strategy, scenario, instances, throughput, p50, p95, p99, max, outcomes, successesChecked,
                    retriesPerSuccess, lockWaitMeanMs, lockHoldMeanMs, serviceCpuCores, databaseCpuCores,
                    serviceCpuMsPerOk, toInfo, requestsMeasured, generatorCpuCores, generatorCpuMsPerRequest,
                    zooKeeperServerCpuCores, ratioToRowLockCeiling, toJvm, correct, problems);
        }
    }

    /**
     * One window of a strategy's JIT warm-up (mixed load on both of its fresh instances), {@code fromSeconds} to
     * {@code toSeconds} after the load started: successful requests per second, CPU milliseconds of both service
     * processes per successful request, their CPU in cores, and this JVM's.
     */
    record WarmupWindow(double fromSeconds, double toSeconds, double throughput, Double serviceCpuMsPerOk,
                        double serviceCpuCores, double generatorCpuCores) {
    }

    /**
     * A strategy's figures on one instance: CPU per successful request of {@code info}, {@code item-read} and
     * {@code spread} (orders), the last two also as multiples of {@code info}; {@code hot-item} throughput as a
     * multiple of the one-hot-row ceiling, and its tail (p99 / p50).
     */
    record Headline(String strategy, Double infoCpuMsPerOk, Double itemReadCpuMsPerOk, Double itemReadRatioToInfo,
                    Double spreadOrderCpuMsPerOk, Double spreadOrderRatioToInfo, Double hotItemRatioToRowLockCeiling,
                    Double hotItemP99OverP50) {

        static List<Headline> of(List<Run> runs) {
            Set<String> strategies = new LinkedHashSet<>();
            runs.forEach(r -> strategies.add(r.strategy()));
            List<Headline> rows = new ArrayList<>();
            for (String strategy : strategies) {
                Optional<Run> info = one(runs, strategy, "info");
                Optional<Run> itemRead = one(runs, strategy, "item-read");
                Optional<Run> spread = one(runs, strategy, "spread");
                Optional<Run> hot = one(runs, strategy, "hot-item");
                rows.add(new Headline(strategy, info.map(Run::serviceCpuMsPerOk).orElse(null),
                        itemRead.map(Run::serviceCpuMsPerOk).orElse(null),
                        itemRead.map(Run::cpuPerOkRatioToInfo).orElse(null),
                        spread.map(Run::serviceCpuMsPerOk).orElse(null),
                        spread.map(Run::cpuPerOkRatioToInfo).orElse(null),
                        hot.map(Run::ratioToRowLockCeiling).orElse(null),
                        hot.filter(r -> r.p50() > 0).map(r -> r.p99() / r.p50()).orElse(null)));
            }
            return rows;
        }

        private static Optional<Run> one(List<Run> runs, String strategy, String scenario) {
            return runs.stream().filter(r -> r.strategy().equals(strategy) && r.scenario().equals(scenario)
                    && r.instances() == 1).findFirst();
        }
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            json.writeValue(dir.resolve("results.json").toFile(), this);
            Files.writeString(dir.resolve("results.md"), markdown());
            chart(dir.resolve("throughput-1-instance.png"), "Throughput, 1 instance (requests/s)", 1, Run::throughput);
            chart(dir.resolve("throughput-2-instances.png"), "Throughput, 2 instances (requests/s)", 2, Run::throughput);
            chart(dir.resolve("p99-1-instance.png"), "p99 latency, 1 instance (ms)", 1, Run::p99);
            chart(dir.resolve("p99-2-instances.png"), "p99 latency, 2 instances (ms)", 2, Run::p99);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void chart(Path file, String title, int instances, ToDoubleFunction<Run> value) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Run run : runs) {
            // the read scenarios are the CPU floor, not a lock workload: thousands of requests/s would flatten the bars
            if (run.instances() == instances && !Scenario.isRead(run.scenario())) {
                data.addValue(value.applyAsDouble(run), run.strategy(), run.scenario());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "scenario", null, data, PlotOrientation.VERTICAL,
                true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 520);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Generated by `bash benchmark/run.sh` (mode: ").append(settings.getOrDefault("mode", "?"))
                .append("). Machine, settings and method below the headline.\n\n");
        headline(md);
        md.append("\n## Machine and settings of this run\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        settings.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Baselines (same run, same database)\n\n| baseline | operations/s |\n|---|---|\n");
        baselines.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(fmt(v)).append(" |\n"));
        md.append("\n## Experiments\n\n");
        md.append(String.format(Locale.ROOT, "- Read-modify-write without any control, %d threads x %d increments of one "
                        + "row: expected %d, got %d: **%d updates lost** (%.1f %%).%n", lostUpdates.threads(),
                lostUpdates.incrementsEach(), lostUpdates.expected(), lostUpdates.actual(), lostUpdates.lost(),
                100.0 * lostUpdates.lost() / lostUpdates.expected()));
        md.append(String.format(Locale.ROOT, "- Two rows locked with FOR UPDATE by %d threads x %d transactions: "
                        + "**%d deadlocks** when half of them lock in the opposite order, **%d** when all lock in one "
                        + "sorted order, **%d** when each takes both in one `WHERE id IN (...)` statement (half "
                        + "listing them in the opposite order). Time taken: %,d ms, %,d ms and %,d ms, all with "
                        + "`innodb_lock_wait_timeout` = 10 s.%n", deadlocks.threads(), deadlocks.transactionsEach(),
                deadlocks.deadlocksUnsorted(), deadlocks.deadlocksSorted(), deadlocks.deadlocksOneStatement(),
                deadlocks.millisUnsorted(), deadlocks.millisSorted(), deadlocks.millisOneStatement()));
        warmupCurve(md);
        burstTable(md);
        runTable(md);
        md.append("\nCharts (the read scenarios left out): ![throughput, 1 instance](throughput-1-instance.png) "
                + "![throughput, 2 instances](throughput-2-instances.png) ![p99, 1 instance](p99-1-instance.png) "
                + "![p99, 2 instances](p99-2-instances.png)\n");
        return md.toString();
    }

    private void headline(StringBuilder md) {
        md.append("## Headline\n\nOne instance of each strategy, ").append(warmup.isEmpty()
                ? "**without a JIT warm-up** (quick mode: correctness only, these figures are of a cold service). "
                : "on a JIT warmed by the warm-up below. ").append("CPU ms/ok: CPU "
                + "time of the service process during the measured period divided by the successful requests of that "
                + "period; x info: that as a multiple of `GET /actuator/info` (same strategy, same run), the cost of "
                + "a request through the HTTP stack alone. x row-lock ceiling: successful orders/s over the one-hot-row "
                + "`SELECT ... FOR UPDATE` + `UPDATE` + `COMMIT` rate. p99/p50: the hot item's tail.\n\n");
        md.append("| strategy | info CPU ms/ok | item-read CPU ms/ok | item-read x info | spread order CPU ms/ok | "
                + "spread order x info | hot-item x row-lock ceiling | hot-item p99/p50 |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Headline h : headline) {
            md.append("| ").append(h.strategy()).append(" | ").append(ms(h.infoCpuMsPerOk())).append(" | ")
                    .append(ms(h.itemReadCpuMsPerOk())).append(" | ").append(times(h.itemReadRatioToInfo()))
                    .append(" | ").append(ms(h.spreadOrderCpuMsPerOk())).append(" | ")
                    .append(times(h.spreadOrderRatioToInfo())).append(" | ")
                    .append(h.hotItemRatioToRowLockCeiling() == null ? "-" : ratio(h.hotItemRatioToRowLockCeiling()))
                    .append(" | ").append(h.hotItemP99OverP50() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f", h.hotItemP99OverP50())).append(" |\n");
        }
        long expected = bursts.stream().filter(Burst.Result::asExpected).count();
        md.append(String.format(Locale.ROOT, "%n- **Bursts with 503: %d of %d** (bursts on freshly started instances "
                + "with the default lock wait; a 503 is `LOCK_TIMEOUT` or `LOCK_UNAVAILABLE`). Bursts that ended "
                + "exactly as they should (every charge OK; 100 orders and 100 `OUT_OF_STOCK`): %d of %d.%n",
                burstsWith503, bursts.size(), expected, bursts.size()));
        DoubleSummaryStatistics cores = runs.stream().mapToDouble(Run::generatorCpuCores).summaryStatistics();
        DoubleSummaryStatistics perRequest = runs.stream().filter(r -> r.generatorCpuMsPerRequest() != null)
                .mapToDouble(Run::generatorCpuMsPerRequest).summaryStatistics();
        if (cores.getCount() > 0) {
            md.append(String.format(Locale.ROOT, "- The load generator (this JVM, 64 virtual-thread clients on Java's "
                            + "HttpClient) took %.2f to %.2f of the machine's %s cores during the measured periods, "
                            + "%.2f to %.2f ms of CPU per request (per run: gen cores, gen ms/req below).%n",
                    cores.getMin(), cores.getMax(), machine.getOrDefault("cpus", "?"),
                    perRequest.getCount() == 0 ? 0 : perRequest.getMin(),
                    perRequest.getCount() == 0 ? 0 : perRequest.getMax()));
        }
    }

    private void warmupCurve(StringBuilder md) {
        md.append("\n## JIT warm-up curve\n\n");
        if (warmup.isEmpty() || warmup.values().stream().allMatch(List::isEmpty)) {
            md.append("No warm-up in this run (quick mode measures nothing; `-Dbenchmark.jit=` sets one).\n");
            return;
        }
        md.append("Each strategy's JIT warm-up: mixed load (64 clients) on both of its freshly started instances, "
                + "from the first request on, in windows. Each cell: successful requests/s / CPU ms of both service "
                + "processes per successful request. Not part of any measured run.\n\n");
        List<WarmupWindow> longest = warmup.values().stream().max((a, b) -> Integer.compare(a.size(), b.size()))
                .orElse(List.of());
        md.append("| strategy |");
        longest.forEach(w -> md.append(String.format(Locale.ROOT, " %.0f-%.0f s |", w.fromSeconds(), w.toSeconds())));
        md.append("\n|---|").append("---|".repeat(longest.size())).append("\n");
        warmup.forEach((strategy, windows) -> {
            md.append("| ").append(strategy).append(" |");
            for (int i = 0; i < longest.size(); i++) {
                md.append(" ").append(i < windows.size() ? fmt(windows.get(i).throughput()) + " / "
                        + ms(windows.get(i).serviceCpuMsPerOk()) : "-").append(" |");
            }
            md.append("\n");
        });
    }

    private void burstTable(StringBuilder md) {
        md.append("\n## Bursts on freshly started instances\n\n");
        if (bursts.isEmpty()) {
            md.append("No bursts in this run.\n");
            return;
        }
        md.append("Per strategy, instances started for the bursts alone, with the service's default lock wait, that "
                + "had answered nothing but their health check; fixtures written straight into the database. "
                + "`order-burst`: 200 distinct funded buyers order 1 unit of one item that has 100 (expected: 100 OK, "
                + "100 `OUT_OF_STOCK`, stock 0). `charge-burst`: 100 charges of 1 point to one balance (expected: 100 "
                + "OK, balance 100). All requests of a burst start on virtual threads of their own, wait at a latch "
                + "and are released together, split round-robin over the instances; the charge burst follows the "
                + "order burst on the same instances (served before). Wall: release to last answer; last sent: when "
                + "the last request left after the release; latencies are each request's own. Exact state: the "
                + "database agrees with the answers (a failure here fails the benchmark); as expected: it is also "
                + "what the burst should end in (503s and 409s are reported, they do not fail it).\n\n");
        md.append("| strategy | instances | burst | served before | outcomes | 503s | wall ms | last sent ms | p50 ms | "
                + "p99 ms | max ms | as expected | exact state |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Burst.Result b : bursts) {
            md.append("| ").append(b.strategy()).append(" | ").append(b.instances()).append(" | ").append(b.burst())
                    .append(" | ").append(b.servedBefore()).append(" | ").append(outcomes(b.outcomes()))
                    .append(" | ").append(b.serviceUnavailable() == 0 ? "0" : "**" + b.serviceUnavailable() + "**")
                    .append(" | ").append(fmt(b.wallMs())).append(" | ").append(ms(b.lastSentMs()))
                    .append(" | ").append(ms(b.p50())).append(" | ").append(ms(b.p99())).append(" | ")
                    .append(ms(b.max())).append(" | ")
                    .append(b.asExpected() ? "yes" : "no: " + String.join("; ", b.unmet())).append(" | ")
                    .append(b.correct() ? "yes" : "**NO: " + String.join("; ", b.problems()) + "**").append(" |\n");
        }
    }

    private void runTable(StringBuilder md) {
        md.append("\n## Runs\n\nThroughput counts successful requests per second of the measured period; latencies are "
                + "of every request. Ratios: to the one-hot-row `SELECT ... FOR UPDATE` + `UPDATE` + `COMMIT` ceiling "
                + "(not for the reads, which take no lock), and to `lock-jvm` with the same scenario and instance "
                + "count. CPU service / db: cores used by the service processes and the database during the measured "
                + "period. CPU ms/ok: service CPU per successful request; x info: that over the strategy's `info` run "
                + "(one instance). gen cores, gen ms/req: the load generator's JVM, in cores and in CPU ms per "
                + "request sent (for `zookeeper` it also hosts the ZooKeeper server, whose share is in brackets). "
                + "`info` and `item-read` run on one instance only.\n\n");
        md.append("| scenario | instances | strategy | req/s | x row-lock ceiling | x jvm | p50 ms | p95 ms | p99 ms | "
                + "max ms | outcomes | retries/success | lock wait ms | lock hold ms | CPU service | CPU db | "
                + "CPU ms/ok | x info | gen cores | gen ms/req | correct |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            md.append("| ").append(r.scenario()).append(" | ").append(r.instances()).append(" | ").append(r.strategy())
                    .append(" | ").append(fmt(r.throughput())).append(" | ")
                    .append(Scenario.isRead(r.scenario()) ? "-" : ratio(r.ratioToRowLockCeiling()))
                    .append(" | ").append(r.ratioToJvm() == null ? "-" : ratio(r.ratioToJvm()))
                    .append(" | ").append(ms(r.p50())).append(" | ").append(ms(r.p95())).append(" | ")
                    .append(ms(r.p99())).append(" | ").append(ms(r.max())).append(" | ")
                    .append(outcomes(r.outcomes())).append(" | ")
                    .append(r.retriesPerSuccess() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.retriesPerSuccess()))
                    .append(" | ").append(ms(r.lockWaitMeanMs()))
                    .append(" | ").append(ms(r.lockHoldMeanMs()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.serviceCpuCores()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.databaseCpuCores()))
                    .append(" | ").append(ms(r.serviceCpuMsPerOk()))
                    .append(" | ").append(times(r.cpuPerOkRatioToInfo()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.generatorCpuCores()))
                    .append(r.zooKeeperServerCpuCores() == null ? ""
                            : String.format(Locale.ROOT, " (%.2f)", r.zooKeeperServerCpuCores()))
                    .append(" | ").append(ms(r.generatorCpuMsPerRequest()))
                    .append(" | ").append(r.correct() ? "yes" : "**NO: " + String.join("; ", r.problems()) + "**")
                    .append(" |\n");
        }
    }

    private static String outcomes(Map<String, Long> outcomes) {
        return outcomes.isEmpty() ? "-" : outcomes.toString().replace("{", "").replace("}", "").replace("=", " ");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v);
    }

    private static String times(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, v < 10 ? "x%.2f" : "x%.0f", v);
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
