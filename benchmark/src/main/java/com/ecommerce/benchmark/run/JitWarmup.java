package com.ecommerce.benchmark.run;

import com.ecommerce.benchmark.load.LoadGenerator;
import com.ecommerce.benchmark.load.LoadGenerator.Result;
import com.ecommerce.benchmark.observe.Observed;
import com.ecommerce.benchmark.report.WarmupWindow;
import com.ecommerce.benchmark.scenario.Scenario;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JIT warm-up curve: mixed load on both fresh instances of a strategy for {@link Settings#jit()}, not measured as
 * a run, recorded in windows of {@link #WINDOW}: throughput, service CPU per successful request, CPU of the service
 * and of the load generator.
 */
final class JitWarmup {

    /** Length of a window of the JIT warm-up curve. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private JitWarmup() {
    }

    /** The JIT warm-up: mixed load on both fresh instances, not measured as a run, recorded in windows. */
    static List<WarmupWindow> record(String strategy, List<ServiceInstance> pair, Settings settings) {
        Result result = LoadGenerator.run(strategy + " / JIT warm-up, not measured", Scenario.CLIENTS, Duration.ZERO,
                settings.jit(), Scenario.MIXED.prepare(pair).request(), () -> new double[]{
                        pair.stream().mapToDouble(t -> Observed.cpuSeconds(t.pid())).sum(),
                        Observed.ownCpuSeconds()}, WINDOW);
        List<WarmupWindow> curve = new ArrayList<>();
        for (LoadGenerator.Window w : result.windows()) {
            WarmupWindow window = new WarmupWindow(w.startSeconds(), w.startSeconds() + w.seconds(),
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
}
