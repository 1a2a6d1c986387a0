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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The benchmark's output: JSON for machines, Markdown for people, PNG charts. {@code headline} is derived from
 * {@code runs}; {@code warmup} holds each strategy's JIT warm-up curve (empty when the warm-up is off, as in quick
 * mode); {@code burstsWith503} counts the bursts in which at least one request was answered 503;
 * {@code authentication}: each strategy's A/B of {@code info} and {@code info-authenticated} (the figures of the decode
 * timer are in each run's {@code authentication}).
 */
record Report(Map<String, String> machine, Map<String, String> settings, List<Headline> headline,
              List<AuthenticationAb> authentication, Map<String, Double> baselines, Baselines.LostUpdates lostUpdates,
              Baselines.Deadlocks deadlocks, Map<String, List<WarmupWindow>> warmup, List<Burst.Result> bursts,
              long burstsWith503, List<Run> runs) {

    /** The share of the service's CPU per request that authentication may take in the benchmark's scenarios. */
    static final double AUTHENTICATION_BUDGET = 0.10;

    Report(Map<String, String> machine, Map<String, String> settings, Map<String, Double> baselines,
           Baselines.LostUpdates lostUpdates, Baselines.Deadlocks deadlocks, Map<String, List<WarmupWindow>> warmup,
           List<Burst.Result> bursts, List<Run> runs, List<AuthenticationAb> authentication) {
        this(machine, settings, Headline.of(runs), authentication, baselines, lostUpdates, deadlocks, warmup, bursts,
                bursts.stream().filter(b -> b.serviceUnavailable() > 0).count(), runs);
    }

    /**
     * One strategy, one scenario, one or two instances. Latencies in milliseconds. {@code serviceCpuMsPerOk}: CPU
     * milliseconds of the service processes during the measured period per successful request of it;
     * {@code cpuPerOkRatioToInfo}: that, divided by the same figure of the strategy's {@code info} run;
     * {@code generatorCpuCores} and {@code generatorCpuMsPerRequest}: this JVM's CPU over the measured period, per
     * second and per request sent (for {@code zookeeper} it includes the in-process ZooKeeper server, whose own share
     * is {@code zooKeeperServerCpuCores}); {@code authentication}: what verifying the tokens cost in this run.
     */
    record Run(String strategy, String scenario, int instances, double throughput, double p50, double p95,
               double p99, double max, Map<String, Long> outcomes, long successesChecked, Double retriesPerSuccess,
               Double lockWaitMeanMs, Double lockHoldMeanMs, double serviceCpuCores, double databaseCpuCores,
               Double serviceCpuMsPerOk, Double cpuPerOkRatioToInfo, long requestsMeasured, double generatorCpuCores,
               Double generatorCpuMsPerRequest, Double zooKeeperServerCpuCores, double ratioToRowLockCeiling,
               Double ratioToJvm, Authentication authentication, boolean correct, List<String> problems) {

        Run withRatios(Double toJvm, Double toInfo, Double authenticationAbShareOfCpu) {
            return new Run(strategy, scenario, instances, throughput, p50, p95, p99, max, outcomes, successesChecked,
                    retriesPerSuccess, lockWaitMeanMs, lockHoldMeanMs, serviceCpuCores, databaseCpuCores,
                    serviceCpuMsPerOk, toInfo, requestsMeasured, generatorCpuCores, generatorCpuMsPerRequest,
                    zooKeeperServerCpuCores, ratioToRowLockCeiling, toJvm,
                    authentication.withAbShareOfCpu(authenticationAbShareOfCpu), correct, problems);
        }
    }

    /**
     * What verifying the bearer tokens cost in one run, from the service's timer {@code ecommerce.security.jwt.decode}
     * (signature and claims), read just before and just after the measured period. {@code tokenPerRequest}: every
     * request of the scenario carried a token (none did otherwise); {@code decodesByLoad}: decodes the timer counted
     * besides the scrapes' own; {@code decodeMicrosMean}: wall time per decode ({@code sum / count});
     * {@code decodesPerRequest}: the timer's count over the measured requests, a cross-check that should be near 1
     * (the scrapes straddle the edges of the period, so it is not exact); {@code decodeMsPerOk}: one decode per
     * request, per successful request, in wall time; {@code decodeShareOfCpu}: that over the service's CPU ms per
     * successful request, an upper bound (wall time includes waiting for a core); {@code onCpuShare}: of the time the
     * service's threads were runnable in the period, the share they spent on a CPU (scheduler statistics);
     * {@code decodeCpuMicros} and {@code decodeCpuShareOfCpu}: the wall figures times that share, the estimate of the
     * CPU a verification takes; {@code abShareOfCpu}: the share with the strategy's A/B figure (info-authenticated
     * minus info, CPU per request: filter and decoder) in place of the decode time.
     */
    record Authentication(boolean tokenPerRequest, double decodesByLoad, Double decodeMicrosMean,
                          Double decodesPerRequest, Double decodeMsPerOk, Double decodeShareOfCpu, Double onCpuShare,
                          Double decodeCpuMicros, Double decodeCpuShareOfCpu, Double abShareOfCpu) {

        /** No figure of the decode timer (the scenario sends no token, or the timer could not be read). */
        static Authentication none(double decodesByLoad, Double onCpuShare) {
            return new Authentication(false, decodesByLoad, null, null, null, null, onCpuShare, null, null, null);
        }

        Authentication asAuthenticated() {
            return new Authentication(true, decodesByLoad, decodeMicrosMean, decodesPerRequest, decodeMsPerOk,
                    decodeShareOfCpu, onCpuShare, decodeCpuMicros, decodeCpuShareOfCpu, abShareOfCpu);
        }

        Authentication withAbShareOfCpu(Double share) {
            return new Authentication(tokenPerRequest, decodesByLoad, decodeMicrosMean, decodesPerRequest,
                    decodeMsPerOk, decodeShareOfCpu, onCpuShare, decodeCpuMicros, decodeCpuShareOfCpu, share);
        }
    }

    /**
     * A strategy's A/B of authentication on the plainest request, on one instance after its runs:
     * {@code GET /actuator/info} without a token (A) and with a valid user token (B; a public route still verifies a
     * token that comes), in {@code blocks} ABBA blocks of windows of {@code windowMs} ({@code windowsPerArmPerBlock}
     * per arm and block). CPU per successful request of each arm over all its windows; {@code
     * authenticationMsPerRequest}: the difference, what the filter and the decoder add to a request;
     * {@code blockDifferenceMinMs}/{@code MaxMs}: the range of the blocks' own differences (the noise);
     * {@code decodeMicrosOnInfoAuthenticated} and {@code decodeCpuMicrosOnInfoAuthenticated}: the decode timer's wall
     * time per token in the strategy's {@code info-authenticated} run and its CPU estimate (see
     * {@link Authentication}), for comparison; {@code problems}: what makes the figure unusable (answers other than
     * 200, an arm without CPU or successes).
     */
    record AuthenticationAb(String strategy, int blocks, int windowsPerArmPerBlock, long windowMs, long infoOk,
                            long infoAuthenticatedOk, Double infoCpuMsPerOk, Double infoAuthenticatedCpuMsPerOk,
                            Double authenticationMsPerRequest, Double infoAuthenticatedOverInfo,
                            Double blockDifferenceMinMs, Double blockDifferenceMaxMs,
                            Double decodeMicrosOnInfoAuthenticated, Double decodeCpuMicrosOnInfoAuthenticated,
                            List<String> problems) {
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
        authentication(md);
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
                + "period; x info: that as a multiple of `GET /actuator/info` without a token (same strategy, same "
                + "run), the cost of a request through the HTTP stack alone. x row-lock ceiling: successful orders/s "
                + "over the one-hot-row `SELECT ... FOR UPDATE` + `UPDATE` + `COMMIT` rate. p99/p50: the hot item's "
                + "tail.\n\n");
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

    private void authentication(StringBuilder md) {
        md.append("\n## Cost of authentication\n\n");
        md.append("Every request of the benchmark carries the token its sender would have, minted before the load "
                + "from the key the instances are started with: a buyer's order and charge the buyer's own, the mixed "
                + "scenario's browsing its user's, `/actuator/prometheus` the administrator's; `info` and `item-read` "
                + "send none. Two measures, both from this run.\n\n");
        md.append("**A/B on the plainest request** (one instance, after the strategy's runs): `GET /actuator/info` "
                + "without a token (A) and with a valid user token (B); the route is public, but a token that comes is "
                + "verified. The two are measured in alternating short windows, ABBA blocks (settings below), so that "
                + "the JIT still compiling does not favour whichever comes second. The difference of service CPU per "
                + "request is what authentication (the filter and the decoder) adds to a request; blocks: the range "
                + "of the blocks' own differences. Decode: the service's timer in the `info-authenticated` run, wall "
                + "time per token and its CPU estimate (below).\n\n");
        md.append("| strategy | info CPU µs/ok | info-authenticated CPU µs/ok | difference µs/request | blocks µs | "
                + "info-authenticated x info | decode µs, wall | decode µs, CPU est. |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (AuthenticationAb ab : authentication) {
            md.append("| ").append(ab.strategy()).append(" | ").append(micros(ab.infoCpuMsPerOk())).append(" | ")
                    .append(micros(ab.infoAuthenticatedCpuMsPerOk())).append(" | ")
                    .append(micros(ab.authenticationMsPerRequest())).append(" | ")
                    .append(micros(ab.blockDifferenceMinMs())).append(" to ")
                    .append(micros(ab.blockDifferenceMaxMs())).append(" | ")
                    .append(times(ab.infoAuthenticatedOverInfo())).append(" | ")
                    .append(oneDecimal(ab.decodeMicrosOnInfoAuthenticated())).append(" | ")
                    .append(oneDecimal(ab.decodeCpuMicrosOnInfoAuthenticated())).append(" |\n");
        }
        md.append("\n**Per run, from the decode timer** (`ecommerce_security_jwt_decode_seconds`, read just before "
                + "and just after the measured period). Wall µs: Δsum / Δcount, wall time per token verified "
                + "(signature and claims). On CPU: of the time the service's threads were runnable in the period, the "
                + "share they spent on a core (`/proc/<pid>/task/*/schedstat`); on two shared cores the rest is "
                + "waiting for one, and a verification, pure computation, waits in the same proportion. CPU est. µs: "
                + "wall µs x on CPU. Decodes/request: the timer's count besides the scrapes' own over the requests "
                + "measured (near 1: the reads straddle the period's edges). Shares: one verification per request, "
                + "per successful request, over the service's CPU ms per successful request; by the wall time (an "
                + "upper bound), by the CPU estimate, and with the strategy's A/B difference in place of the "
                + "verification. Runs whose requests carry tokens only.\n\n");
        md.append("| scenario | instances | strategy | CPU ms/ok | decode µs, wall | on CPU | decode µs, CPU est. | "
                + "decodes/request | share, wall | share, CPU est. | share, A/B |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            Authentication a = r.authentication();
            if (!a.tokenPerRequest()) {
                continue;
            }
            md.append("| ").append(r.scenario()).append(" | ").append(r.instances()).append(" | ")
                    .append(r.strategy()).append(" | ").append(ms(r.serviceCpuMsPerOk())).append(" | ")
                    .append(a.decodeMicrosMean() == null ? "**not read**" : oneDecimal(a.decodeMicrosMean()))
                    .append(" | ").append(percent(a.onCpuShare())).append(" | ")
                    .append(oneDecimal(a.decodeCpuMicros())).append(" | ")
                    .append(a.decodesPerRequest() == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", a.decodesPerRequest())).append(" | ")
                    .append(percent(a.decodeShareOfCpu())).append(" | ")
                    .append(percent(a.decodeCpuShareOfCpu())).append(" | ")
                    .append(percent(a.abShareOfCpu())).append(" |\n");
        }
        List<Run> api = runs.stream()
                .filter(r -> r.authentication().tokenPerRequest() && !Scenario.isRead(r.scenario())).toList();
        DoubleSummaryStatistics wall = shares(api, Authentication::decodeShareOfCpu);
        DoubleSummaryStatistics cpu = shares(api, Authentication::decodeCpuShareOfCpu);
        DoubleSummaryStatistics ab = shares(api, Authentication::abShareOfCpu);
        if (cpu.getCount() == 0 || ab.getCount() == 0) {
            md.append("\nThe figures of the API scenarios could not all be read: no verdict.\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "%n- API scenarios (%s), all runs: authentication takes %s of the "
                        + "service's CPU per successful request by the timer's CPU estimate, %s by the A/B "
                        + "difference (%s by the timer's wall time, an upper bound). Budget: %.0f %%.",
                api.stream().map(Run::scenario).distinct().collect(Collectors.joining(", ")), range(cpu), range(ab),
                range(wall), 100 * AUTHENTICATION_BUDGET));
        boolean within = cpu.getMax() <= AUTHENTICATION_BUDGET && ab.getMax() <= AUTHENTICATION_BUDGET;
        md.append(warmup.isEmpty()
                ? " No verdict: without a JIT warm-up these figures are of a cold service (quick mode checks that "
                + "they can be read, not what they are).\n"
                : within ? " **Within the budget by both measures.**\n"
                : " **Over the budget in at least one run by at least one measure.**\n");
    }

    private static DoubleSummaryStatistics shares(List<Run> runs, Function<Authentication, Double> f) {
        return runs.stream().map(r -> f.apply(r.authentication())).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).summaryStatistics();
    }

    private static String range(DoubleSummaryStatistics s) {
        return String.format(Locale.ROOT, "%.1f %% to %.1f %%", 100 * s.getMin(), 100 * s.getMax());
    }

    private static String oneDecimal(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
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
                + "`info`, `info-authenticated` and `item-read` run on one instance only.\n\n");
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

    private static String micros(Double ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.0f", 1000 * ms);
    }

    private static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static String times(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, v < 10 ? "x%.2f" : "x%.0f", v);
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
