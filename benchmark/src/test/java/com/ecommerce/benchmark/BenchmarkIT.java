package com.ecommerce.benchmark;

import com.ecommerce.benchmark.burst.Burst;
import com.ecommerce.benchmark.report.Report;
import com.ecommerce.benchmark.run.LockStrategyBenchmark;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the lock strategies benchmark ({@link LockStrategyBenchmark}) in the mode the build asks for
 * ({@code -Dbenchmark.mode=quick}, the default, in {@code ./mvnw verify}; {@code full} from {@code benchmark/run.sh}),
 * then fails on what the report says went wrong: a run or burst whose database contradicts its answers, a refused
 * token, a figure that could not be read, a missing run, burst or A/B, an experiment that did not show what it must.
 */
class BenchmarkIT {

    @Test
    void everyStrategyEveryScenarioOnOneAndTwoInstances() throws Exception {
        LockStrategyBenchmark benchmark = LockStrategyBenchmark.fromSystemProperties();
        List<String> strategies = benchmark.strategies();

        Report report = benchmark.run();

        assertThat(report.lostUpdates().lost()).as("uncontrolled read-modify-write must lose updates").isPositive();
        assertThat(report.deadlocks().deadlocksSorted()).as("sorted lock order never deadlocks").isZero();
        assertThat(report.runs().stream().filter(r -> !r.correct()).map(r -> r.strategy() + " / " + r.scenario()
                + " / " + r.instances() + ": " + r.problems()).toList())
                .as("runs whose check failed (final state, refused tokens, or a figure that could not be read)")
                .isEmpty();
        assertThat(report.runs()).hasSize(strategies.size() * benchmark.runsPerStrategy());
        assertThat(report.authentication()).as("the info / info-authenticated A/B of every strategy")
                .hasSize(strategies.size())
                .allSatisfy(ab -> {
                    assertThat(ab.problems()).as(ab.strategy()).isEmpty();
                    assertThat(ab.authenticationMsPerRequest()).as(ab.strategy()).isNotNull();
                });
        assertThat(report.bursts()).as("bursts whose final state contradicts the answers")
                .allMatch(Burst.Result::correct);
        assertThat(report.bursts()).hasSize(strategies.stream().mapToInt(benchmark::burstsOf).sum());
    }
}
