#!/usr/bin/env bash
# cpu-per-request.sh JAR LABEL [LOCK]: the service's CPU ms per successful request on a warm JVM, for an A/B of two
# builds on one machine (run them one after the other, alternating, with nothing else running: these machines are
# noisy, about +-25 % between runs of one jar). One instance on MariaDB (127.0.0.1:3306, root, empty password;
# database orders_measure, dropped first), 200 users and 100 items, 100 s of warm-up, then 15-20 s each of
# GET /actuator/info (the baseline), orders of one unit of a random item by a random user, and charges. CPU is the
# process's utime+stime from /proc over the measurement. Needs wrk, curl, a JDK 21+ (JAVA_HOME).
set -euo pipefail
JAR=$1; LABEL=$2; LOCK=${3:-lock-db}; PORT=18080
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${TMPDIR:-/tmp}/cpu-per-request"; mkdir -p "$OUT"
mariadb -h 127.0.0.1 -u root -e 'drop database if exists orders_measure'
"${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java" -Xmx768m -jar "$JAR" --spring.profiles.active=mariadb,$LOCK --server.port=$PORT \
  --spring.datasource.url='jdbc:mysql://127.0.0.1:3306/orders_measure?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true' \
  --ecommerce.demo-data=false --logging.level.root=warn > "$OUT/$LABEL.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:$PORT/actuator/health >/dev/null 2>&1 && break; sleep 1; done
H='Content-Type: application/json'
for i in $(seq 1 200); do curl -sf -X POST localhost:$PORT/api/v1/users -H "$H" -d '{"name":"u'$i'"}' >/dev/null; curl -sf -X POST localhost:$PORT/api/v1/users/$i/points/charge -H "$H" -d '{"amount":1000000}' >/dev/null; done
for i in $(seq 1 100); do curl -sf -X POST localhost:$PORT/api/v1/items -H "$H" -d '{"name":"i'$i'","price":1,"stock":1000000}' >/dev/null; done
ticks() { awk '{print $14+$15}' /proc/$PID/stat; }
run() { # name script duration -> prints cpu ms per 2xx
  local name=$1 script=$2 dur=$3 t0 t1 out total non2xx
  t0=$(ticks)
  if [ -n "$script" ]; then out=$(wrk -t2 -c16 -d$dur -s "$script" http://127.0.0.1:$PORT 2>&1); else out=$(wrk -t2 -c16 -d$dur http://127.0.0.1:$PORT/actuator/info 2>&1); fi
  t1=$(ticks)
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
  echo "$out" | awk -v n="$name" -v c=$((t1-t0)) -v t="$total" -v e="$non2xx" '/Requests\/sec/ {printf "%s: %d ok, %d non-2xx, %.0f req/s, service CPU %.3f ms per ok\n", n, t-e, e, $2, c*10/(t-e)}'
}
S="$HERE"
run warmup-orders $S/order.lua 60s >/dev/null
run warmup-charges $S/charge.lua 20s >/dev/null
run warmup-info "" 20s >/dev/null
for round in 1; do
  run "$LABEL info r$round" "" 15s
  run "$LABEL order r$round" $S/order.lua 20s
  run "$LABEL charge r$round" $S/charge.lua 15s
done
