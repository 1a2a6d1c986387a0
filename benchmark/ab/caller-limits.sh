#!/usr/bin/env bash
# What the limits per caller cost a request: the embedded default, GET /api/v1/items/1 without a token (every request
# from one address, so every one goes through one caller's bucket and in-flight count: the most contended case), wrk
# -c64, 60 s of JIT warm-up and 20 s measured per arm, limits on (with limits too high to refuse anything) and off,
# in the order on, off, off, on; service CPU from /proc per request. Needs wrk and a built jar
# (./mvnw -pl bootstrap -am package -DskipTests). Report: docs/benchmarks/caller-limits.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=$(ls bootstrap/target/bootstrap-*.jar | head -1)
run() { # $1 label, rest: args
  label=$1; shift
  java -Xms256m -Xmx512m -jar "$JAR" --server.port=18080 --logging.level.root=warn "$@" > ${TMPDIR:-/tmp}/caller-limits-$label.log 2>&1 &
  pid=$!
  for i in $(seq 1 120); do curl -sf localhost:18080/actuator/health >/dev/null && break; sleep 0.5; done
  wrk -t2 -c64 -d60s http://127.0.0.1:18080/api/v1/items/1 > /dev/null   # JIT warm-up
  t0=$(awk '{print $14+$15}' /proc/$pid/stat)
  out=$(wrk -t2 -c64 -d20s http://127.0.0.1:18080/api/v1/items/1)
  t1=$(awk '{print $14+$15}' /proc/$pid/stat)
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$label: $reqs requests in 20 s, non-2xx ${non2xx:-0}, service CPU $(echo "scale=4; ($t1-$t0)*10/$reqs" | bc) ms/request"
  kill $pid; wait $pid 2>/dev/null
}
ON="--ecommerce.limits.enabled=true --ecommerce.limits.rate-per-caller=10000000 --ecommerce.limits.burst-per-caller=10000000 --ecommerce.limits.concurrent-per-caller=1000"
OFF="--ecommerce.limits.enabled=false"
run on1 $ON; run off1 $OFF; run off2 $OFF; run on2 $ON
