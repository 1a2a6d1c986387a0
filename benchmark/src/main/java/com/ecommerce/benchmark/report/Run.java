package com.ecommerce.benchmark.report;

import java.util.List;
import java.util.Map;

/**
 * One strategy, one scenario, one or two instances. Latencies in milliseconds. {@code serviceCpuMsPerOk}: CPU
 * milliseconds of the service processes during the measured period per successful request of it;
 * {@code cpuPerOkRatioToInfo}: that, divided by the same figure of the strategy's {@code info} run;
 * {@code generatorCpuCores} and {@code generatorCpuMsPerRequest}: this JVM's CPU over the measured period, per
 * second and per request sent (for {@code zookeeper} it includes the in-process ZooKeeper server; the Hazelcast
 * members of {@code hazelcast} run inside the service processes, so their CPU is the service's);
 * {@code lockServerCpuCores} and {@code lockServerCpuMsPerOk}: the lock server's own CPU (the in-process ZooKeeper
 * server's threads, the Redis processes, the etcd process), per second and per successful request; {@code authentication}: what
 * verifying the tokens cost in this run.
 */
public record Run(String strategy, String scenario, int instances, double throughput, double p50, double p95,
                  double p99, double max, Map<String, Long> outcomes, long successesChecked, Double retriesPerSuccess,
                  Double lockWaitMeanMs, Double lockHoldMeanMs, double serviceCpuCores, double databaseCpuCores,
                  Double serviceCpuMsPerOk, Double cpuPerOkRatioToInfo, long requestsMeasured, double generatorCpuCores,
                  Double generatorCpuMsPerRequest, Double lockServerCpuCores, Double lockServerCpuMsPerOk,
                  double ratioToRowLockCeiling,
                  Double ratioToJvm, Authentication authentication, boolean correct, List<String> problems) {

    public Run withRatios(Double toJvm, Double toInfo, Double authenticationAbShareOfCpu) {
        return new Run(strategy, scenario, instances, throughput, p50, p95, p99, max, outcomes, successesChecked,
                retriesPerSuccess, lockWaitMeanMs, lockHoldMeanMs, serviceCpuCores, databaseCpuCores,
                serviceCpuMsPerOk, toInfo, requestsMeasured, generatorCpuCores, generatorCpuMsPerRequest,
                lockServerCpuCores, lockServerCpuMsPerOk, ratioToRowLockCeiling, toJvm,
                authentication.withAbShareOfCpu(authenticationAbShareOfCpu), correct, problems);
    }
}
