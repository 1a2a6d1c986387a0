#!/usr/bin/env bash
# The whole benchmark in one command: builds the service, then runs BenchmarkIT, the runner of the program
# com.ecommerce.benchmark.run.LockStrategyBenchmark (benchmark/README.md maps each scenario to its class), which for
# each of the nine lock strategies measures
#   1. bursts on freshly started instances with the service's default lock wait (3 s): 200 buyers of an item that
#      has 100 units, then 100 charges of one balance, every request released at once; on one instance and (except
#      jvm) on two. Reported: outcomes by code, 503s, wall time, p50/p99/max, exact database state;
#   2. two fresh instances for the runs (lock wait 10 s) and a JIT warm-up of mixed load on them (60 s,
#      -Dbenchmark.jit=90s to change), recorded in 10 s windows: throughput and service CPU ms per success;
#   3. the read scenarios info (GET /actuator/info, no token), info-authenticated (the same with a user's token) and
#      item-read (anonymous) on one instance, then hot-item, spread, charge-storm, mixed, payment (create a payment
#      and confirm it at the payment gateway simulator, which answers at once) and payment-repeat (8 confirms of one
#      payment at once) on one and two instances (2 s warm-up + 5 s measurement each, 64 clients; every request with
#      its user's token). Reported per run:
#      throughput, latencies, lock wait/hold, CPU of service and database in cores, service CPU ms per successful
#      request and that as a multiple of info's, the load generator's own CPU (cores, ms per request), and the cost of
#      authentication (decode timer against the CPU per request; info-authenticated against info).
# Writes docs/benchmarks/ (results.json, results.md with a headline table at the top, charts). About 45 minutes on
# 2 cores (an estimate from the phases' lengths), bounded by the fixed phases (per strategy up to 5 service start-ups
# of about 15 s, 60 s JIT warm-up, 14 runs of 7 s, 4 bursts; 9 strategies: 2,659 s in the committed run); the report prints the total.
# Needs what .ci/run needs: JDK 21+, MariaDB on 127.0.0.1:3306 (root, empty password), Redis on 6379, redis-server.
# Quick mode (every scenario and burst briefly, correctness only, no JIT warm-up) is part of ./mvnw verify; alone:
# benchmark/run.sh --quick. --output DIR writes the report elsewhere (a partial run must not replace the committed
# one). Further arguments go to Maven: benchmark/run.sh --output /tmp/auth -Dbenchmark.strategies=jvm,db
# -Dbenchmark.jit=180s -Dbenchmark.measure=15s (a subset of the strategies, a longer JIT warm-up and measurement).
# Builds the service and the benchmark with the reactor (-pl bootstrap,benchmark -am) and installs nothing: the
# benchmark runs this tree's service jar and uses this tree's system-tests support classes, never a snapshot another
# checkout left in ~/.m2.
# --combining runs the flash-sale experiment instead (CombiningBenchmarkIT, the runner of
# com.ecommerce.benchmark.combining.FlashSaleExperiment): the hot item with order combining on and
# off on every strategy, in one run, against the one-row ceiling; writes docs/benchmarks/combining.md (about 11
# minutes per strategy: 3 start-ups, 6 x 60 s of JIT warm-up, 2 blocks of 3 arms of 10 s). Its quick mode is part of
# ./mvnw verify too. The service instances use the database named in ECOMMERCE_SYSTEM_DB_URL
# (default orders_bench, dropped and re-created): give each checkout that runs at once a name of its own.
# --open-model runs the open-model experiment instead (OpenModelBenchmarkIT, the runner of
# com.ecommerce.benchmark.openmodel.OpenModelExperiment): the hot item on one instance with combining on, its peak
# measured by the closed loop (64 clients), then orders arriving at fixed fractions of that peak
# (-Dbenchmark.fractions=0.5,0.75), latency from each order's intended send time; lock-jvm and lock-db
# (-Dbenchmark.strategies to change); writes docs/benchmarks/open-model.md and a chart per strategy (about 5 minutes).
# Its quick mode (lock-db only) is part of ./mvnw verify too.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
test=BenchmarkIT
output="$PWD/docs/benchmarks"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick; output="$PWD/benchmark/target/benchmark"; shift ;;
    --output) output="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --combining) test=CombiningBenchmarkIT; shift ;;
    --open-model) test=OpenModelBenchmarkIT; shift ;;
    *) break ;;
  esac
done
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for d in /usr/lib/jvm/*/; do
    if "${d}bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="${d%/}"; break; fi
  done
fi
export ECOMMERCE_SYSTEM_DB_URL="${ECOMMERCE_SYSTEM_DB_URL:-jdbc:mysql://127.0.0.1:3306/orders_bench?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true}"
export ECOMMERCE_SYSTEM_DB_USERNAME="${ECOMMERCE_SYSTEM_DB_USERNAME:-root}"
export ECOMMERCE_SYSTEM_DB_PASSWORD="${ECOMMERCE_SYSTEM_DB_PASSWORD:-}"
export ECOMMERCE_SYSTEM_DB_PROFILE="${ECOMMERCE_SYSTEM_DB_PROFILE:-mariadb}"
export MAVEN_ARGS="${MAVEN_ARGS:--B}"
# the service (bootstrap) and every module up to the benchmark are built and packaged, but only the one runner runs
./mvnw -pl bootstrap,benchmark -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$test" \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dbenchmark.mode="$mode" -Dbenchmark.output="$output" "$@"
case "$test" in
  CombiningBenchmarkIT) echo "report: $output/combining.md" ;;
  OpenModelBenchmarkIT) echo "report: $output/open-model.md" ;;
  *) echo "report: $output/results.md" ;;
esac
