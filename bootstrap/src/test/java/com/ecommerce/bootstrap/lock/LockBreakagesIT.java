package com.ecommerce.bootstrap.lock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The lock contract fails for a broken lock. Each breakage is the contract test of {@code lock-db} or
 * {@code lock-optimistic} with one part broken on purpose ({@link DatabaseLockBreakages},
 * {@link OptimisticLockBreakages}), run here through JUnit's test kit, in its strategy's Spring context (the same
 * configuration: the cached one while the context cache still holds it). The tests named for a breakage must fail,
 * each on an assertion whose description names what it caught; the first named one never relies on the row version
 * refusing a write. Any other failure (a context that does not start, an exception that is not an assertion) fails
 * this test. The other strategies' breakages are shown on their adapters alone ({@code LockStrategyContractTest} in
 * adapter-lock). Prints strategy x breakage -> failing tests.
 */
class LockBreakagesIT {

    private static final String MUTEX = "mutualExclusion_32ThreadsOnOneKey_neverOverlapAndLoseNoIncrement";
    private static final String WAIT = "theWaitTimeoutIsHonoured";
    private static final String COMMIT = "locksAreReleasedOnlyAfterTheCommit";
    private static final List<String> TABLE = new ArrayList<>();

    /** {@code mustFail}: each test that must fail, in order, and a text its failure must contain. */
    record Breakage(String strategy, String name, Class<?> broken, Map<String, String> mustFail) {
        @Override
        public String toString() {
            return strategy + ": " + name;
        }
    }

    static Stream<Breakage> breakages() {
        return Stream.of(
                new Breakage("db", "grants everyone", DatabaseLockBreakages.GrantsEveryone.class, ordered(
                        MUTEX, "parties inside the lock at once",
                        WAIT, "waiter of a held key got",
                        COMMIT, "the second entered while the first was in its work")),
                new Breakage("db", "releases before commit", DatabaseLockBreakages.ReleasesBeforeCommit.class, ordered(
                        MUTEX, "parties inside the lock at once",
                        WAIT, "waiter of a held key got",
                        COMMIT, "the second entered while the first was in its work")),
                new Breakage("optimistic", "grants everyone: update without its version",
                        OptimisticLockBreakages.UnfencedWrite.class, ordered(
                        COMMIT, "attempts of each writer",
                        MUTEX, "balance: exactly the successes")),
                new Breakage("optimistic", "grants everyone: no retry on conflict",
                        OptimisticLockBreakages.NoRetry.class, ordered(
                        WAIT, "attempts of a unit of work that always conflicts",
                        COMMIT, "both writers landed",
                        MUTEX, "retries: the successes' extra attempts")),
                new Breakage("optimistic", "releases before commit: version checked in its own transaction",
                        OptimisticLockBreakages.CheckedBeforeCommit.class, ordered(
                        MUTEX, "balance: exactly the successes")));
    }

    private static Map<String, String> ordered(String... testThenText) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < testThenText.length; i += 2) {
            map.put(testThenText[i], testThenText[i + 1]);
        }
        return map;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void theContractFailsForABrokenLock(Breakage breakage) {
        long started = System.nanoTime();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .selectors(selectClass(breakage.broken()))
                .execute();
        Map<String, Throwable> failed = new TreeMap<>();
        results.testEvents().failed().stream().forEach(event -> failed.put(methodOf(event), failureOf(event)));
        long ranMs = (System.nanoTime() - started) / 1_000_000;
        TABLE.add(String.format("| %s | %s | %s | %d of %d tests failed, %d ms |", breakage.strategy(), breakage.name(),
                failed.entrySet().stream().map(e -> e.getKey().split("_")[0] + " (" + caught(e.getValue()) + ")")
                        .collect(Collectors.joining(", ")),
                failed.size(), results.testEvents().started().count(), ranMs));

        assertThat(results.containerEvents().failed().count()).as("classes that failed to run").isZero();
        failed.forEach((test, failure) -> assertThat(failure).as("why %s failed", test)
                .isInstanceOf(AssertionError.class));
        breakage.mustFail().forEach((test, text) -> {
            assertThat(failed).as("tests failed by %s", breakage).containsKey(test);
            assertThat(failed.get(test)).as("why %s failed", test).hasMessageContaining(text);
        });
    }

    @AfterAll
    static void printTable() {
        System.out.println("[breakages] strategy | breakage | failing tests (what caught it) | run");
        TABLE.forEach(row -> System.out.println("[breakages] " + row));
    }

    private static String methodOf(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(source -> ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    private static Throwable failureOf(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** The descriptions of a failure's assertions, or its first line. */
    private static String caught(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        List<String> described = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\[([^\\]\n]+)\\]\\s*$").matcher(message);
        while (m.find()) {
            described.add(m.group(1));
        }
        return described.isEmpty() ? message.lines().findFirst().orElse("").strip() : String.join("; ", described);
    }
}
