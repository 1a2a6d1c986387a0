#!/usr/bin/env bash
# order-profile.sh JAR [LOCK]: where a warm order's CPU goes, from a CPU profile of the service under load.
# One instance (lock-db by default) on MariaDB (database order_profile, dropped first; DB_NAME changes it), order
# combining as deployed, 200 funded users and 200 items made with an administrator's token, WARM of unmeasured orders
# (default 110s), then per phase a wrk load (PHASE_TIME, default 30s) under Flight Recorder with JDK 25's CPU-time
# sampler (jdk.CPUTimeSample, a sample per 2 ms of a thread's CPU):
#   info    GET /actuator/info without a token                    (the floor: a request that does nothing)
#   spread  an order of one unit of a random item of 200 by a random user, 16 connections (few batches to join)
#   hot     an order of one unit of item 1 by a random user, 64 connections (combined into batches)
# Reported per phase: requests, service CPU ms per request (/proc) and its ratio to info's, the sampled threads'
# share of the process's CPU (the JIT, GC and VM threads are not sampled), then the samples by the library that owns
# the innermost frame outside the JDK (JDK frames count to their caller's library), and the 25 innermost frames
# outside the JDK with the most samples, and the statements the database received per request by kind (its global
# Com_* counters: run it on a database server nobody else uses). Recordings stay in $TMPDIR/order-profile for
# `jfr view`. SERVICE_JAVA_OPTS and SERVICE_ARGS add JVM options and service arguments (an A/B of a setting).
# Tokens: mint-token.sh, before the load. Needs wrk, curl, openssl, JDK 25 (JAVA_HOME).
set -euo pipefail
JAR=$1; LOCK=${2:-lock-db}; PORT=${PORT:-18090}; DB_NAME=${DB_NAME:-order_profile}
WARM=${WARM:-110s}; PHASE_TIME=${PHASE_TIME:-30s}; PHASES=${PHASES:-info spread hot}
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${TMPDIR:-/tmp}/order-profile"; mkdir -p "$OUT"
J="${JAVA_HOME:?set JAVA_HOME to a JDK 25+ (jdk.CPUTimeSample)}/bin"
export JWT_SECRET="${JWT_SECRET:-ab-scripts-only-hs256-key-of-the-order-service-01}"
mariadb -h 127.0.0.1 -u root -e "drop database if exists $DB_NAME"
"$J/java" -Xmx768m ${SERVICE_JAVA_OPTS:-} -jar "$JAR" --spring.profiles.active=mariadb,$LOCK --server.port=$PORT \
  --spring.datasource.url="jdbc:mysql://127.0.0.1:3306/$DB_NAME?createDatabaseIfNotExist=true&connectionTimeZone=UTC\
&forceConnectionTimeZoneToSession=true" \
  --ecommerce.security.jwt.secret="$JWT_SECRET" --ecommerce.points.self-charge=true --ecommerce.limits.enabled=false \
  --ecommerce.demo-data=false --logging.level.root=warn ${SERVICE_ARGS:-} > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -sf localhost:$PORT/actuator/health >/dev/null 2>&1 && break; sleep 1; done
kill -0 $PID 2>/dev/null || { echo "the service did not start: $OUT/service.log" >&2; exit 1; }
ADMIN="Authorization: Bearer $("$HERE/mint-token.sh" 0 ADMIN)"
export TOKENS_FILE="$OUT/tokens"
for i in $(seq 1 200); do "$HERE/mint-token.sh" "$i"; done > "$TOKENS_FILE"
H='Content-Type: application/json'
for i in $(seq 1 200); do
  curl -sf -X POST localhost:$PORT/api/v1/users -H "$H" -H "$ADMIN" -d '{"name":"u'$i'"}' >/dev/null
  curl -sf -X POST localhost:$PORT/api/v1/users/$i/points/charge -H "$H" -H "$ADMIN" -d '{"amount":1000000}' >/dev/null
  curl -sf -X POST localhost:$PORT/api/v1/items -H "$H" -H "$ADMIN" -d '{"name":"i'$i'","price":1,"stock":1000000}' \
    >/dev/null
done
load() { # phase duration -> wrk's output
  case "$1" in
    info) wrk -t2 -c16 -d"$2" http://127.0.0.1:$PORT/actuator/info ;;
    spread) ITEMS=200 wrk -t2 -c16 -d"$2" -s "$HERE/order.lua" http://127.0.0.1:$PORT ;;
    hot) ITEMS=1 wrk -t2 -c64 -d"$2" -s "$HERE/order.lua" http://127.0.0.1:$PORT ;;
  esac
}
load spread "$WARM" >/dev/null; load hot 20s >/dev/null; load info 20s >/dev/null
threads() { # CPU ticks of the threads JFR samples (not the JIT, GC, VM and JFR's own), and of the whole process
  for t in /proc/$PID/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    ticks=$(awk '{s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13]}' "$t/stat" 2>/dev/null) \
      || continue
    case "$name" in
      C1\ Compiler*|C2\ Compiler*|VM\ *|GC\ *|G1\ *|JFR\ *|"Service Thread") ;;
      *) echo "$ticks" ;;
    esac
  done | awk -v all="$(awk '{print $14 + $15}' /proc/$PID/stat)" '{t += $1} END {print t + 0, all}'
}
statements() { # the server's statement counters of interest, one line
  mariadb -h 127.0.0.1 -u root -N -e "show global status where variable_name in ('Com_select', 'Com_insert',
    'Com_update', 'Com_set_option', 'Com_commit', 'Com_rollback', 'Com_stmt_execute', 'Questions')" | awk '{printf "%s=%s ", $1, $2}'
}
floor=""
for phase in $PHASES; do
  s0=$(statements)
  "$J/jcmd" $PID JFR.start name="$phase" "jdk.CPUTimeSample#enabled=true" "jdk.CPUTimeSample#throttle=2ms" >/dev/null
  read -r java0 all0 < <(threads)
  out=$(load "$phase" "$PHASE_TIME")
  read -r java1 all1 < <(threads)
  s1=$(statements)
  "$J/jcmd" $PID JFR.stop name="$phase" filename="$OUT/$phase.jfr" >/dev/null
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  cpu=$(awk -v a=$(( (all1 - all0) * 10 )) -v r="$requests" 'BEGIN {printf "%.4f", a / r}')
  [ -n "$floor" ] || floor=$cpu
  "$J/jfr" print --events jdk.CPUTimeSample --stack-depth 256 "$OUT/$phase.jfr" | awk -v phase="$phase" \
    -v req="$requests" -v bad="${non2xx:-0}" -v javams=$(( (java1 - java0) * 10 )) -v allms=$(( (all1 - all0) * 10 )) \
    -v floor="$floor" '
    function owner(f) {
      if (f ~ /^com\.ecommerce\./) return "ours"
      if (f ~ /^org\.hibernate\./) return "Hibernate"
      if (f ~ /^com\.mysql\./) return "MySQL driver"
      if (f ~ /^com\.zaxxer\./) return "HikariCP"
      if (f ~ /^org\.springframework\.security\./) return "Spring Security"
      if (f ~ /^org\.springframework\.(web|http)\./ || f ~ /^org\.apache\.(catalina|coyote|tomcat)\./) return "Spring MVC + Tomcat"
      if (f ~ /^org\.springframework\.(orm|transaction|data|jdbc|dao)\./) return "Spring Data/TX"
      if (f ~ /^org\.springframework\./) return "Spring (other)"
      if (f ~ /^(com\.fasterxml|tools\.jackson)\./) return "Jackson"
      if (f ~ /^io\.micrometer\./) return "Micrometer"
      if (f ~ /^com\.nimbusds\./) return "Nimbus JOSE"
      if (f ~ /^(org\.redisson|io\.netty)\./) return "Redisson/Netty"
      if (f ~ /^(jakarta|org\.apache)\./) return "jakarta/apache other"
      return "other"
    }
    /^jdk.CPUTimeSample/ { n++; inner = ""; innerframe = ""; next }
    /line:/ {
      f = $1; if (inner == "" && f !~ /^(java|javax|jdk|sun|com\.sun)\./) { inner = owner(f); innerframe = f }
    }
    /^}/ { if (inner == "") { inner = "JDK only"; innerframe = "(JDK)" }; lib[inner]++; top[innerframe]++ }
    END {
      c = allms / req
      printf "%s: %d requests (%d non-2xx), service CPU %.3f ms/request = %.2f x info, sampled threads %.0f %% of it, %d samples\n", \
        phase, req, bad, c, c / floor, 100 * javams / allms, n
      for (k in lib) printf "  %-22s %5.1f %%  %7.1f us/request\n", k, 100 * lib[k] / n, 1000 * lib[k] / n * javams / req | "sort -k2 -t\"%\" -rn"
      close("sort -k2 -t\"%\" -rn")
      for (k in top) printf "%6d %s\n", top[k], k | "sort -rn | head -25 | sed \"s/^/    /\""
      close("sort -rn | head -25 | sed \"s/^/    /\"")
    }'
  awk -v a="$s0" -v b="$s1" -v req="$requests" 'BEGIN { n = split(a, x, " "); split(b, y, " "); printf "  statements per request:"
    for (i = 1; i <= n; i++) { split(x[i], p, "="); split(y[i], q, "="); printf " %s %.2f", substr(p[1], 1), (q[2] - p[2]) / req }
    printf "\n" }'
done
