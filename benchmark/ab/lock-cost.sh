#!/usr/bin/env bash
# lock-cost.sh BLOCKS CP_A LABEL_A CP_B LABEL_B [CP_C LABEL_C ...]: what lock-redis's and lock-redlock's adapters cost
# per acquire + release, build A against build B (and more), interleaved because these machines are noisy: every
# scenario runs once per build in each block, in the order A B (C) in even blocks and reversed in odd ones (ABBA), one
# fresh JVM per scenario and build. CP_x is a class path holding that build's adapter-lock jar and its runtime
# dependencies, e.g.
#   ./mvnw -q -pl adapter-lock -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt \
#     -Dmdep.includeScope=runtime && echo "$(cat cp.txt):$PWD/adapter-lock/target/adapter-lock-0.1.0-SNAPSHOT.jar"
# (copy the module jars out of target/ first if that tree is rebuilt while this runs).
# Used for docs/benchmarks/dependencies.md. Runs LockCost.java (beside this script) against four redis-server processes of its own (one for lock-redis, three
# independent masters for lock-redlock) on ports 16480-16483, stopped by pid at the end. Scenarios: 1 and 3 keys per
# call, 4 threads each on keys of its own, and 4 threads on one key (contended), or those named in SCENARIOS; WARMUP
# (40) s then MEASURE (15) s: with 12 s of warm-up the JIT still compiled through most windows (LockCost prints jit_ms).
# Prints one RESULT line per run; the summary (medians per scenario and build, each build over A) goes to
# $OUT/summary.txt.
set -euo pipefail
BLOCKS=$1; shift
cps=(); labels=()
while [ $# -ge 2 ]; do cps+=("$1"); labels+=("$2"); shift 2; done
WARMUP=${WARMUP:-40}; MEASURE=${MEASURE:-15}
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${OUT:-${TMPDIR:-/tmp}/lock-cost}"; mkdir -p "$OUT"
: > "$OUT/results.txt"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for port in 16480 16481 16482 16483; do
  redis-server --daemonize yes --bind 127.0.0.1 --port $port --save "" --appendonly no --dir "$OUT" \
    --pidfile "$OUT/redis-$port.pid" --logfile "$OUT/redis-$port.log"
done
sleep 1
for port in 16480 16481 16482 16483; do pids+=("$(cat "$OUT/redis-$port.pid")"); done
REDIS_PID=${pids[0]}; REDLOCK_PIDS="${pids[1]},${pids[2]},${pids[3]}"
REDLOCK=redis://127.0.0.1:16481,redis://127.0.0.1:16482,redis://127.0.0.1:16483
# "strategy keys threads contended", separated by commas; SCENARIOS overrides the list
IFS=, read -r -a scenarios <<< "${SCENARIOS:-redis 1 4 false,redis 3 4 false,redis 1 4 true,redlock 1 4 false,redlock 3 4 false,redlock 1 4 true}"
run() { # class path, label, scenario
  local cp=$1 label=$2 strategy keys threads contended addresses pids_arg line
  read -r strategy keys threads contended <<< "$3"
  if [ "$strategy" = redis ]; then addresses=127.0.0.1:16480; pids_arg=$REDIS_PID
  else addresses=$REDLOCK; pids_arg=$REDLOCK_PIDS; fi
  line=$("${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java" -Xmx512m -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    "$HERE/LockCost.java" "$strategy" "$keys" "$threads" "$contended" "$WARMUP" "$MEASURE" "$addresses" "$pids_arg" \
    2>"$OUT/last-stderr.txt" | grep '^RESULT' || true)
  [ -n "$line" ] || { echo "no result for $label $3:"; tail -20 "$OUT/last-stderr.txt"; exit 1; }
  echo "build=$label $line" | tee -a "$OUT/results.txt"
}
n=${#cps[@]}
for ((b = 0; b < BLOCKS; b++)); do
  for s in "${scenarios[@]}"; do
    for ((i = 0; i < n; i++)); do
      if ((b % 2 == 0)); then j=$i; else j=$((n - 1 - i)); fi
      run "${cps[$j]}" "${labels[$j]}" "$s"
    done
  done
done
# medians per build and scenario, and B over A
awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       key = v["strategy"] " keys=" v["keys"] " contended=" v["contended"]
       print v["build"], key, v["ops_per_s"], v["client_cpu_us_per_op"], v["redis_cpu_us_per_op"] }' "$OUT/results.txt" \
  | sort -k1,1 -k2,2 -k3,3 -k4,4 > "$OUT/rows.txt"
python3 - "$OUT/rows.txt" "${labels[@]}" > "$OUT/summary.txt" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
builds = sys.argv[2:]
a = builds[0]
data = {}
for build, strategy, keys, contended, ops, cpu, rcpu in rows:
    data.setdefault((strategy, keys, contended), {}).setdefault(build, []).append((float(ops), float(cpu), float(rcpu)))
print("medians of each build's runs; (x n.nn) is that build over " + a)
print("| scenario | build | runs | acquisitions/s | client CPU us/acq | Redis CPU us/acq |")
print("|---|---|---|---|---|---|")
for key in sorted(data):
    m = {build: [statistics.median(x[i] for x in runs) for i in range(3)] for build, runs in data[key].items()}
    for build in builds:
        if build not in m:
            continue
        cells = []
        for i in range(3):
            value = f"{m[build][i]:,.0f}"
            if build != a and a in m:
                value += f" (x {m[build][i] / m[a][i]:.2f})"
            cells.append(value)
        print(f"| {' '.join(key)} | {build} | {len(data[key][build])} | " + " | ".join(cells) + " |")
EOF
cat "$OUT/summary.txt"
