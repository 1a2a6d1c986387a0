package com.ecommerce.benchmark.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A strategy's figures on one instance: CPU per successful request of {@code info}, {@code item-read} and
 * {@code spread} (orders), the last two also as multiples of {@code info}; {@code hot-item} throughput as a
 * multiple of the one-hot-row ceiling, and its tail (p99 / p50).
 */
public record Headline(String strategy, Double infoCpuMsPerOk, Double itemReadCpuMsPerOk, Double itemReadRatioToInfo,
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
