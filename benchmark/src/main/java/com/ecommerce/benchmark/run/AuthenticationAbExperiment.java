package com.ecommerce.benchmark.run;

import com.ecommerce.benchmark.load.LoadGenerator;
import com.ecommerce.benchmark.load.LoadGenerator.Result;
import com.ecommerce.benchmark.observe.Observed;
import com.ecommerce.benchmark.report.AuthenticationAb;
import com.ecommerce.benchmark.report.Run;
import com.ecommerce.benchmark.scenario.Scenario;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** What authentication adds to the plainest request, measured as an A/B on one instance after a strategy's runs. */
final class AuthenticationAbExperiment {

    private AuthenticationAbExperiment() {
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
    static AuthenticationAb measure(String strategy, ServiceInstance instance, Settings settings,
                                    List<Run> runs) {
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
        Optional<Run> run = runs.stream().filter(r -> r.scenario().equals(Scenario.INFO_AUTHENTICATED.id)
                && r.instances() == 1).findFirst();
        AuthenticationAb ab = new AuthenticationAb(strategy, settings.abBlocks(), 2, window.toMillis(),
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
}
