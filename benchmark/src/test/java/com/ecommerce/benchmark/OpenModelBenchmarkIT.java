package com.ecommerce.benchmark;

import com.ecommerce.benchmark.openmodel.OpenModelExperiment;
import com.ecommerce.benchmark.openmodel.OpenModelRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the open-model experiment ({@link OpenModelExperiment}) in the mode the build asks for (quick in
 * {@code ./mvnw verify}: {@code lock-db}, short periods; full from {@code benchmark/run.sh --open-model}), then fails
 * if a run's database check failed or the hot item gave a wrong answer, or if a figure was not read: the closed-loop
 * peak and the achieved open rates must be positive, the response-time histogram must hold every request sent in the
 * measured period (none lost between the schedule and the answers), p99 must not lie below p50, the CPU must have
 * been read. Latency values themselves are not asserted: the machines are noisy.
 */
class OpenModelBenchmarkIT {

    @Test
    void hotItemAtFixedFractionsOfTheClosedLoopPeak() throws Exception {
        OpenModelExperiment experiment = OpenModelExperiment.fromSystemProperties();

        List<OpenModelRun> runs = experiment.run();

        assertThat(runs).as("a closed loop and one run per fraction, per strategy")
                .hasSize(experiment.strategies().size() * (1 + experiment.fractions().size()));
        assertThat(runs).allSatisfy(run -> {
            String as = run.strategy() + " / " + run.name(64);
            assertThat(run.problems()).as(as).isEmpty();
            assertThat(run.achievedPerSecond()).as(as + ": orders per second").isPositive();
            assertThat(run.cpuMsPerOk()).as(as + ": service CPU per order").isNotNull().isPositive();
            assertThat(run.response().getTotalCount()).as(as + ": response times recorded").isPositive();
            assertThat(run.responseMs(99)).as(as + ": response p99 >= p50").isGreaterThanOrEqualTo(run.responseMs(50));
            assertThat(run.serviceMs(99)).as(as + ": service p99 >= p50").isGreaterThanOrEqualTo(run.serviceMs(50));
        });
        assertThat(runs).filteredOn(run -> !run.closed()).allSatisfy(run -> {
            String as = run.strategy() + " / " + run.name(64);
            assertThat(run.offeredPerSecond()).as(as + ": offered rate").isPositive();
            assertThat(run.response().getTotalCount()).as(as + ": a response time per request sent")
                    .isEqualTo(run.sent());
            assertThat(run.service().getTotalCount()).as(as + ": a service time per request sent")
                    .isEqualTo(run.sent());
            assertThat(run.outcomes().values().stream().mapToLong(Long::longValue).sum())
                    .as(as + ": an outcome per request due").isEqualTo(run.requests());
        });
        assertThat(experiment.output().resolve("open-model.md")).exists();
        assertThat(runs.stream().map(OpenModelRun::strategy).distinct())
                .allSatisfy(strategy -> assertThat(experiment.output().resolve("open-model-" + strategy + ".png"))
                        .exists());
    }
}
