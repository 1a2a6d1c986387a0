package com.ecommerce.benchmark.run;

import com.ecommerce.benchmark.burst.Burst;
import com.ecommerce.benchmark.load.LoadGenerator;
import com.ecommerce.benchmark.load.LoadGenerator.Result;
import com.ecommerce.benchmark.observe.Observed;
import com.ecommerce.benchmark.report.Authentication;
import com.ecommerce.benchmark.report.Run;
import com.ecommerce.benchmark.scenario.Scenario;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run: a scenario on one or two instances of a strategy, warm-up then measurement, then the scenario's check of
 * the database. Reports throughput, latencies, lock wait and hold, CPU of the service, the database and the load
 * generator, and what verifying the tokens cost; a failed check is a problem of the run, never a fast result.
 */
final class ScenarioRun {

    private ScenarioRun() {
    }

    /** @param oneInstance the same strategy and scenario on one instance, when {@code targets} are two */
    static Run measure(String strategy, Scenario scenario, List<ServiceInstance> targets, Settings settings,
                       double ceiling, long databasePid, List<Long> lockServerPids, Run oneInstance) {
        String label = strategy + " / " + scenario.id + " / " + targets.size() + " instance(s)";
        Scenario.Prepared prepared = scenario.prepare(targets);
        boolean zookeeper = strategy.equals("zookeeper");
        boolean lockServer = zookeeper || !lockServerPids.isEmpty();
        // the service's metrics are read just outside the measured period, the CPU counters exactly at its edges
        Result result = LoadGenerator.run(label, Scenario.CLIENTS, settings.warmupOf(scenario),
                settings.measureOf(scenario),
                prepared.request(), () -> new double[]{
                        targets.stream().mapToDouble(t -> Observed.cpuSeconds(t.pid())).sum(),
                        Observed.cpuSeconds(databasePid),
                        Observed.ownCpuSeconds(),
                        zookeeper ? Observed.zooKeeperServerCpuSeconds()
                                : lockServerPids.stream().mapToDouble(Observed::cpuSeconds).sum()},
                Duration.ZERO, () -> {
                    Map<String, Double> sample = new HashMap<>(Observed.serviceMetrics(targets));
                    sample.putAll(Observed.schedules(targets));
                    return sample;
                });
        double serviceCpu = result.probeDelta()[0];
        double dbCpu = result.probeDelta()[1];
        double ownCpu = result.probeDelta()[2];
        double lockServerCpu = result.probeDelta()[3];
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
        if (strategy.equals("jvm") && targets.size() > 1) {
            problems.addAll(JvmOnTwoInstances.problems(result, oneInstance));
        }
        if (ok == 0) {
            problems.add("no successful request in the measured period: no CPU per request to report");
        } else if (serviceCpu <= 0) {
            problems.add("the service's CPU time could not be read from /proc (it did not grow)");
        } else {
            cpuMsPerOk = 1000 * serviceCpu / ok;
        }
        Authentication auth = authentication(scenario, targets.size(), result, cpuMsPerOk, problems);
        Run run = new Run(strategy, scenario.id, targets.size(), result.throughput(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, result.outcomes(), result.okTotal(),
                retriesPerSuccess, waits == 0 ? null : 1000 * waitSum / waits, holds == 0 ? null : 1000 * holdSum / holds,
                serviceCpu / result.seconds(), dbCpu / result.seconds(), cpuMsPerOk, null,
                result.measuredRequests(), ownCpu / result.seconds(),
                result.measuredRequests() == 0 ? null : 1000 * ownCpu / result.measuredRequests(),
                lockServer ? lockServerCpu / result.seconds() : null,
                lockServer && ok > 0 ? 1000 * lockServerCpu / ok : null, result.throughput() / ceiling, null, auth,
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
    private static Authentication authentication(Scenario scenario, int instances, Result result,
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
            return Authentication.none(byLoad, onCpu);
        }
        if (byLoad <= 0 || seconds <= 0) {
            problems.add("the decode timer counted " + byLoad + " decodes (" + seconds + " s) although every request "
                    + "carried a token: the cost of authentication cannot be read");
            return Authentication.none(byLoad, onCpu).asAuthenticated();
        }
        if (onCpu == null) {
            problems.add("the scheduler statistics of the service's threads (/proc/<pid>/task/*/schedstat) could not "
                    + "be read: no CPU estimate of a token's verification");
        }
        // wall time of one verification, the closing scrape's among them (one in thousands in a full run)
        double micros = 1e6 * seconds / count;
        long calls = result.measuredRequests() * scenario.calls;
        Double perRequest = calls == 0 ? null : byLoad / calls;
        // one verification per call, by construction (every call carries one token): the calls, not the timer's
        // count, say how many belong to the measured period, whose edges the count straddles
        Double msPerOk = result.okMeasured() == 0 ? null : micros / 1000 * calls / result.okMeasured();
        Double share = msPerOk == null || cpuMsPerOk == null ? null : msPerOk / cpuMsPerOk;
        return new Authentication(true, byLoad, micros, perRequest, msPerOk, share, onCpu,
                onCpu == null ? null : micros * onCpu, onCpu == null || share == null ? null : share * onCpu, null);
    }
}
