package com.ecommerce.benchmark.run;

import com.ecommerce.benchmark.burst.Burst;
import com.ecommerce.benchmark.report.AuthenticationAb;
import com.ecommerce.benchmark.report.Run;
import com.ecommerce.benchmark.report.WarmupWindow;
import com.ecommerce.benchmark.scenario.Priming;
import com.ecommerce.benchmark.scenario.Scenario;
import com.ecommerce.benchmark.service.ServiceStarts;
import com.ecommerce.benchmark.service.StrategyServices;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one strategy goes through, on a database re-created for it: the bursts on freshly started instances
 * ({@link Settings#burstInstances}), the JIT warm-up curve (when there is one), every scenario on one and on two
 * instances, and last the A/B of authentication. Stops every instance it started and what the strategy needed.
 */
final class StrategyRun {

    /** What one strategy produced. */
    record Result(List<Run> runs, List<Burst.Result> bursts, List<WarmupWindow> warmup,
                  AuthenticationAb authentication) {
    }

    private StrategyRun() {
    }

    static Result measure(String strategy, Settings settings, double ceiling, long databasePid, ServiceStarts starts)
            throws Exception {
        Database.recreate();
        StrategyServices services = new StrategyServices(strategy);
        Map<String, String> props = services.properties();
        // the bursts run with the service's default lock wait, the runs with a long one
        Map<String, String> runProps = services.runProperties();
        List<ServiceInstance> all = new ArrayList<>();
        try {
            // bursts first, each case on instances started for it that have served nothing else
            List<Burst.Result> bursts = new ArrayList<>();
            List<ServiceInstance> burstInstances = List.of();
            for (int instances : settings.burstInstances(strategy)) {
                burstInstances.forEach(ServiceInstance::stop);
                burstInstances = starts.start(strategy, "burst" + instances, instances, props, all);
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
                    // lock-jvm has no two-instance bursts: this instance has served nothing, and its first requests
                    // (seconds of class loading on a cold JVM) belong before the two-instance runs, not in their
                    // measured periods, where they once left a window of the hot item without a placed order
                    List<ServiceInstance> fresh = starts.start(strategy, "b", 2 - pair.size(), props, all);
                    fresh.forEach(Priming::firstRequests);
                    pair.addAll(fresh);
                }
            } else {
                burstInstances.forEach(ServiceInstance::stop);
                pair = starts.start(strategy, "run", 2, runProps, all);
            }

            List<WarmupWindow> curve = settings.jit().isZero() ? List.of()
                    : JitWarmup.record(strategy, pair, settings);
            List<Run> runs = new ArrayList<>();
            Map<Scenario, Run> onOne = new EnumMap<>(Scenario.class);
            for (int instances = 1; instances <= 2; instances++) {
                List<ServiceInstance> targets = pair.subList(0, instances);
                for (Scenario scenario : Scenario.on(instances, settings.quick())) {
                    Run run = ScenarioRun.measure(strategy, scenario, targets, settings, ceiling, databasePid,
                            services.lockServerPids(),
                            onOne.get(scenario));
                    onOne.putIfAbsent(scenario, run);
                    runs.add(run);
                }
            }
            // last: the JIT is at its warmest, and nothing else is compiled in between
            AuthenticationAb ab = AuthenticationAbExperiment.measure(strategy, pair.getFirst(), settings, runs);
            return new Result(runs, bursts, curve, ab);
        } finally {
            all.forEach(ServiceInstance::stop);
            services.close();
        }
    }
}
