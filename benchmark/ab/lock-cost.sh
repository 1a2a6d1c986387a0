#!/usr/bin/env bash
# lock-cost.sh [BLOCKS [CP_A LABEL_A CP_B LABEL_B ...]]: what lock-redis's and lock-redlock's adapters cost per
# acquire + release, in process, measured with JMH: com.ecommerce.benchmark.jmh.LockCostBenchmark (benchmark/src/main),
# 4 threads calling withLocks(keys, 3 s, no work) with 1 and 3 keys per call, each thread on keys of its own and all on
# the same keys (contended), with ProcessCpuProfiler: acquisitions/s, this JVM's CPU per acquisition (Redisson's Netty
# threads included), the Redis servers' CPU per acquisition (/proc), the JIT's time per iteration (a large figure means
# the iteration still paid for warm-up) and failed calls (time-outs).
#
# Without class paths: builds this tree's benchmark module (./mvnw -pl benchmark -am package -DskipTests; SKIP_BUILD=1
# reuses what is built) and runs BLOCKS (default 1) JMH runs on its class path. With class paths: an A/B of builds,
# e.g. of the adapter-lock on two Redisson versions, interleaved because these machines are noisy: each block runs
# every build once, A B (C) in even blocks and reversed in odd ones (ABBA), one JMH run each (a fresh JVM per scenario).
# CP_x holds that build's adapter-lock jar and its runtime dependencies, e.g.
#   ./mvnw -q -pl adapter-lock -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt \
#     -Dmdep.includeScope=runtime && echo "$(cat cp.txt):$PWD/adapter-lock/target/adapter-lock-0.1.0-SNAPSHOT.jar"
# (copy the module jars out of target/ first if that tree is rebuilt while this runs); the benchmark class and JMH come
# from this tree, so the builds must share the lock port's API. Used for docs/benchmarks/dependencies.md.
#
# Starts four redis-server processes of its own on free ports (one for lock-redis, three independent masters for
# lock-redlock; REDIS_PORT=6379 uses that server for lock-redis instead), with pid files in a scratch folder, stopped
# by pid at the end (Debian's redis-server is a link to redis-check-rdb: never by name). The benchmark finds them in
# ECOMMERCE_IT_REDIS_HOST/_PORT and ECOMMERCE_IT_REDLOCK_ADDRESSES. WARMUP (40) and MEASURE (15): seconds of warm-up
# and measurement per scenario, in 4 and 3 JMH iterations; JMH_ARGS: more JMH options, e.g. -p strategy=redis
# -p contended=false to run fewer scenarios. About 8 minutes per build and block with the defaults (8 scenarios).
# Writes JMH's JSON per block and build, its log and summary.txt (medians per scenario and build, each build over A)
# to OUT (default: a new folder under TMPDIR). Needs a JDK 21+, redis-server, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
BLOCKS=${1:-1}; [ $# -gt 0 ] && shift
cps=(); labels=()
while [ $# -ge 2 ]; do cps+=("$1"); labels+=("$2"); shift 2; done
WARMUP=${WARMUP:-40}; MEASURE=${MEASURE:-15}
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for d in /usr/lib/jvm/*/; do
    if "${d}bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="${d%/}"; break; fi
  done
fi
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl benchmark -am package -DskipTests
fi
classes="$PWD/benchmark/target/classes"
if [ ${#cps[@]} -eq 0 ]; then
  cps=("$classes:$(cat benchmark/target/classpath.txt)"); labels=(this-tree)
else
  for i in "${!cps[@]}"; do cps[$i]="$classes:$(cat benchmark/target/jmh-classpath.txt):${cps[$i]}"; done
fi
OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/lock-cost.XXXXXX")}"; mkdir -p "$OUT"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/lock-cost-redis.XXXXXX")"
stop_redis() {
  local pids=() pid
  for pidfile in "$scratch"/redis-*.pid; do
    [ -f "$pidfile" ] && pids+=("$(cat "$pidfile")")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # a server still writes its log while it shuts down
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$scratch" || true
}
trap stop_redis EXIT
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=(); port=16480
wanted=4; [ -n "${REDIS_PORT:-}" ] && wanted=3
while [ ${#ports[@]} -lt $wanted ]; do
  if port_free "$port"; then
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$scratch" \
      --pidfile "$scratch/redis-$port.pid" --logfile "$scratch/redis-$port.log"
    for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    redis-cli -p "$port" ping >/dev/null 2>&1 || { echo "Redis on $port did not start" >&2; exit 1; }
    ports+=("$port")
  fi
  port=$((port + 1))
done
if [ -n "${REDIS_PORT:-}" ]; then ports=("$REDIS_PORT" "${ports[@]}"); fi
export ECOMMERCE_IT_REDIS_HOST=127.0.0.1 ECOMMERCE_IT_REDIS_PORT="${ports[0]}"
export ECOMMERCE_IT_REDLOCK_ADDRESSES="redis://127.0.0.1:${ports[1]},redis://127.0.0.1:${ports[2]},redis://127.0.0.1:${ports[3]}"
echo "lock-redis on $ECOMMERCE_IT_REDIS_PORT, lock-redlock on $ECOMMERCE_IT_REDLOCK_ADDRESSES; results in $OUT"
warmup_each=$(( (WARMUP + 3) / 4 )); measure_each=$(( (MEASURE + 2) / 3 ))
n=${#cps[@]}
for ((b = 0; b < BLOCKS; b++)); do
  for ((i = 0; i < n; i++)); do
    if ((b % 2 == 0)); then j=$i; else j=$((n - 1 - i)); fi
    # shellcheck disable=SC2086 # JMH_ARGS is a list of options
    "$JAVA_HOME/bin/java" -cp "${cps[$j]}" org.openjdk.jmh.Main com.ecommerce.benchmark.jmh.LockCostBenchmark \
      -prof com.ecommerce.benchmark.jmh.ProcessCpuProfiler -wi 4 -w "${warmup_each}s" -i 3 -r "${measure_each}s" \
      -rf json -rff "$OUT/block$b-${labels[$j]}.json" ${JMH_ARGS:-} 2>&1 | tee -a "$OUT/jmh.log"
  done
done
python3 - "$OUT" "${labels[@]}" > "$OUT/summary.txt" <<'PY'
import json, statistics, sys
from pathlib import Path
out, builds = Path(sys.argv[1]), sys.argv[2:]
a = builds[0]
data = {}
def metric(entry, name):
    for key, value in entry["secondaryMetrics"].items():
        if key.lstrip(":\u00b7") == name:
            return value["score"]
    return float("nan")
for build in builds:
    for f in sorted(out.glob(f"block*-{build}.json")):
        for e in json.loads(f.read_text()):
            p = e["params"]
            key = (p["strategy"], "keys=" + p["keys"], "contended=" + p["contended"])
            data.setdefault(key, {}).setdefault(build, []).append((e["primaryMetric"]["score"],
                metric(e, "client.cpu"), metric(e, "redis.cpu"), metric(e, "failed")))
print("medians of each build's runs; (x n.nn) is that build over " + a)
print("| scenario | build | runs | acquisitions/s | client CPU us/acq | Redis CPU us/acq | failed |")
print("|---|---|---|---|---|---|---|")
for key in sorted(data):
    m = {b: [statistics.median(x[i] for x in runs) for i in range(4)] for b, runs in data[key].items()}
    for build in builds:
        if build not in m:
            continue
        cells = []
        for i in range(3):
            value = f"{m[build][i]:,.1f}" if m[build][i] < 100 else f"{m[build][i]:,.0f}"
            if build != a and a in m and m[a][i]:
                value += f" (x {m[build][i] / m[a][i]:.2f})"
            cells.append(value)
        cells.append(f"{m[build][3]:.0f}")
        print(f"| {' '.join(key)} | {build} | {len(data[key][build])} | " + " | ".join(cells) + " |")
PY
cat "$OUT/summary.txt"
