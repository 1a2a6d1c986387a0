#!/usr/bin/env bash
# The whole benchmark in one command: builds the service, then runs every strategy and scenario on one and two
# instances with baselines, and writes docs/benchmarks/ (results.json, results.md, charts). About 13 minutes on
# 2 cores; bounded by the runner's fixed phases (per strategy: 2 start-ups, 10 s JIT warm-up, 8 runs of 2 s warm-up
# + 6 s measurement; 6 strategies).
# Needs what .ci/run needs: JDK 21+, MariaDB on 127.0.0.1:3306 (root, empty password), Redis on 6379, redis-server.
# Quick mode (every scenario briefly, correctness only) is part of ./mvnw verify; alone: benchmark/run.sh --quick
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
output="$PWD/docs/benchmarks"
if [ "${1:-}" = "--quick" ]; then mode=quick; output="$PWD/benchmark/target/benchmark"; fi
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
./mvnw -q -DskipTests install
./mvnw -pl benchmark verify -Dbenchmark.mode="$mode" -Dbenchmark.output="$output"
echo "report: $output/results.md"
