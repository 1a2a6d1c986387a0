package com.ecommerce.benchmark.run;

import com.ecommerce.benchmark.report.AuthenticationAb;
import com.ecommerce.benchmark.report.Run;
import com.ecommerce.benchmark.scenario.Scenario;

import java.util.List;
import java.util.Objects;

/** The figures of a run that need the other runs: known only once every strategy has run. */
final class Ratios {

    private Ratios() {
    }

    /**
     * The run with its ratios: throughput to lock-jvm's same run, CPU per success to the strategy's info run, and for
     * a run whose requests carry tokens, the strategy's A/B cost of authentication (info-authenticated minus info, CPU
     * per request) per success of this run (times the calls a request makes, each with its token), as a share of its
     * CPU per success.
     */
    static Run withRatios(Run run, List<Run> all,
                          List<AuthenticationAb> authentication) {
        Double toJvm = all.stream().filter(o -> o.strategy().equals("jvm") && o.scenario().equals(run.scenario())
                        && o.instances() == run.instances() && o.throughput() > 0)
                .findFirst().map(jvm -> run.throughput() / jvm.throughput()).orElse(null);
        Double toInfo = run.serviceCpuMsPerOk() == null ? null : all.stream()
                .filter(o -> o.strategy().equals(run.strategy()) && o.scenario().equals(Scenario.INFO.id)
                        && o.serviceCpuMsPerOk() != null && o.serviceCpuMsPerOk() > 0)
                .findFirst().map(info -> run.serviceCpuMsPerOk() / info.serviceCpuMsPerOk()).orElse(null);
        Double abShare = null;
        long ok = run.outcomes().getOrDefault("OK", 0L);
        if (run.authentication().tokenPerRequest() && run.serviceCpuMsPerOk() != null && ok > 0) {
            abShare = authentication.stream().filter(ab -> ab.strategy().equals(run.strategy()))
                    .map(AuthenticationAb::authenticationMsPerRequest).filter(Objects::nonNull)
                    .findFirst().map(ms -> ms * run.requestsMeasured() * Scenario.callsOf(run.scenario()) / ok
                            / run.serviceCpuMsPerOk()).orElse(null);
        }
        return run.withRatios(toJvm, toInfo, abShare);
    }
}
