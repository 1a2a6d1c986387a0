#!/usr/bin/env bash
# two-instances.sh JAR [LOCK]: what a hot-item order costs on one warm instance and on two warm instances of one
# database, and where the difference goes. Two instances (ports 18090 and 18091, lock-db by default) on MariaDB
# (127.0.0.1:3306, root, empty password; database orders_two, dropped first; DB_NAME changes it), order combining as
# deployed, 200 funded buyers and one item; wrk ordering one unit of that item by a random buyer with the buyer's own
# token. WARM of unmeasured load on both instances together (default 90s) and 20 s on the first alone, then ROUNDS
# (default 2) of four phases of MEASURE (default 15s): one instance with 64 connections, two instances with 32 each,
# the same again, one instance again (ABBA). VARIANTS=1 adds one instance with 32 connections (the batch size two
# instances get) and two instances with 64 each (the batch size one instance gets), to tell the batch size apart
# from running two JVMs. Per phase: orders/s, mean batch (the service's own counters), the database's statements per
# order (its global Com_* counters: run it on a database server nobody else uses), and the services' CPU per order by
# thread (/proc/PID/task: request threads, C1/C2 compiler, GC, VM) with the context switches of all their threads.
# SERVICE_JAVA_OPTS and SERVICE_ARGS add JVM options and service arguments (-XX:+UseSerialGC,
# --spring.threads.virtual.enabled=true). Needs wrk, curl, openssl, a JDK 21+ (JAVA_HOME).
set -euo pipefail
JAR=$1; LOCK=${2:-lock-db}; DB_NAME=${DB_NAME:-orders_two}
WARM=${WARM:-90s}; MEASURE=${MEASURE:-15s}; ROUNDS=${ROUNDS:-2}
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${TMPDIR:-/tmp}/two-instances"; mkdir -p "$OUT"
export JWT_SECRET="${JWT_SECRET:-ab-scripts-only-hs256-key-of-the-order-service-01}"
mariadb -h 127.0.0.1 -u root -e "drop database if exists $DB_NAME"
start() { # port -> pid
  "${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java" -Xmx768m ${SERVICE_JAVA_OPTS:-} -jar "$JAR" \
    --spring.profiles.active=mariadb,$LOCK --server.port=$1 --ecommerce.security.jwt.secret="$JWT_SECRET" \
    --ecommerce.points.self-charge=true --ecommerce.limits.enabled=false --ecommerce.demo-data=false \
    --spring.datasource.url="jdbc:mysql://127.0.0.1:3306/$DB_NAME?createDatabaseIfNotExist=true&connectionTimeZone=UTC\
&forceConnectionTimeZoneToSession=true" --logging.level.root=warn ${SERVICE_ARGS:-} > "$OUT/service-$1.log" 2>&1 &
  echo $!
}
A=$(start 18090)
trap 'kill $A ${B:-} 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:18090/actuator/health >/dev/null 2>&1 && break; sleep 1; done
B=$(start 18091) # after the first has migrated the database
for _ in $(seq 1 120); do curl -sf localhost:18091/actuator/health >/dev/null 2>&1 && break; sleep 1; done
kill -0 $A 2>/dev/null && kill -0 $B 2>/dev/null || { echo "a service did not start: $OUT/service-*.log" >&2; exit 1; }
pid() { if [ "$1" = 18090 ]; then echo $A; else echo $B; fi; }
ADMIN="Authorization: Bearer $("$HERE/mint-token.sh" 0 ADMIN)"
export TOKENS_FILE="$OUT/tokens"
for i in $(seq 1 200); do "$HERE/mint-token.sh" "$i"; done > "$TOKENS_FILE"
H='Content-Type: application/json'
for i in $(seq 1 200); do
  curl -sf -X POST localhost:18090/api/v1/users -H "$H" -H "$ADMIN" -d '{"name":"u'$i'"}' >/dev/null
  curl -sf -X POST localhost:18090/api/v1/users/$i/points/charge -H "$H" -H "$ADMIN" -d '{"amount":1000000}' >/dev/null
done
curl -sf -X POST localhost:18090/api/v1/items -H "$H" -H "$ADMIN" -d '{"name":"hot","price":1,"stock":1000000}' >/dev/null
threads() { # pid -> "tid group ticks switches" per thread (switches: voluntary + involuntary)
  local t comm ticks group switches
  for t in /proc/$1/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    ticks=$(awk '{s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13]}' "$t/stat" 2>/dev/null) \
      || continue
    case "$comm" in
      http-nio*) group=request ;; C2\ Compiler*) group=C2 ;; C1\ Compiler*) group=C1 ;; GC\ *|G1\ *) group=GC ;;
      VM\ Thread) group=VM ;; *) group=other ;;
    esac
    switches=$(awk '/ctxt_switches/ {s += $2} END {print s + 0}' "$t/status" 2>/dev/null) || continue
    echo "${t##*/} $group $ticks $switches"
  done
}
statements() {
  mariadb -h 127.0.0.1 -u root -N -e "show global status where variable_name in ('Com_select', 'Com_insert',
    'Com_update', 'Com_set_option', 'Com_commit', 'Innodb_row_lock_waits')" | awk '{printf "%s=%s ", $1, $2}'
}
batches() { # port -> "batches orders" so far
  curl -s localhost:$1/actuator/prometheus -H "$ADMIN" | awk '$1 == "ecommerce_order_batch_size_orders_count" {c = $2}
    $1 == "ecommerce_order_batch_size_orders_sum" {s = $2} END {print c + 0, s + 0}'
}
phase() { # name connections-in-all port... -> one line per figure
  local name=$1 connections=$2; shift 2
  local per=$((connections / $#)) ok=0 p st0 st1
  for p in "$@"; do threads "$(pid $p)" > "$OUT/threads0.$p"; batches $p > "$OUT/batches0.$p"; done
  st0=$(statements)
  for p in "$@"; do ITEMS=1 wrk -t1 -c$per -d"$MEASURE" -s "$HERE/order.lua" http://127.0.0.1:$p > "$OUT/wrk.$p" 2>&1 & done
  wait $(jobs -p | grep -vx "$A\|$B")
  st1=$(statements)
  for p in "$@"; do
    threads "$(pid $p)" > "$OUT/threads1.$p"; batches $p > "$OUT/batches1.$p"
    ok=$((ok + $(awk '/requests in/ {t = $1} /Non-2xx/ {e = $NF} END {print t - e}' "$OUT/wrk.$p")))
  done
  echo "== $name: $# instance(s), $connections connections"
  for p in "$@"; do paste "$OUT/batches0.$p" "$OUT/batches1.$p"; done | awk -v ok=$ok -v s="${MEASURE%s}" \
    '{b += $3 - $1; o += $4 - $2} END {printf "   %d orders, %.0f orders/s, mean batch %.1f\n", ok, ok / s, o / b}'
  awk -v a="$st0" -v b="$st1" -v ok=$ok 'BEGIN {n = split(a, x, " "); split(b, y, " "); printf "   statements per order:"
    for (i = 1; i <= n; i++) {split(x[i], p, "="); split(y[i], q, "="); printf " %s %.2f", p[1], (q[2] - p[2]) / ok}
    printf "\n"}'
  # per thread: what it used since the first reading (0 for a thread started since); a thread that ended since
  # takes its time with it (compiler threads come and go), so a figure can only undercount
  cat $(for p in "$@"; do echo "$OUT/threads0.$p"; done) | sed 's/^/0 /' > "$OUT/delta"
  cat $(for p in "$@"; do echo "$OUT/threads1.$p"; done) | sed 's/^/1 /' >> "$OUT/delta"
  awk -v ok=$ok '$1 == 0 {t0[$2] = $4; s0[$2] = $5; next}
    {cpu[$3] += $4 - t0[$2]; all += $4 - t0[$2]; switches += $5 - s0[$2]}
    END {for (g in cpu) printf "   %-8s %.3f ms/order\n", g, 10 * cpu[g] / ok
      printf "   %-8s %.3f ms/order\n   %-8s %.2f per order\n", "all", 10 * all / ok, "switches", switches / ok}' "$OUT/delta"
}
MEASURE=$WARM phase warm-two 64 18090 18091 >/dev/null
MEASURE=20s phase warm-one 64 18090 >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  phase "one r$r" 64 18090
  [ -z "${VARIANTS:-}" ] || phase "one, 32 connections r$r" 32 18090
  phase "two r$r" 64 18090 18091
  [ -z "${VARIANTS:-}" ] || phase "two, 128 connections r$r" 128 18090 18091
  phase "two r$r'" 64 18090 18091
  phase "one r$r'" 64 18090
done
