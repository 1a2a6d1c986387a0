#!/usr/bin/env bash
# hot-item.sh JAR LABEL [LOCK]: hot-item orders per second and the service's CPU ms per placed order on a warm JVM, for
# an A/B of two service jars on one machine (run them one after the other, alternating, ABBA, with nothing else
# running). One instance on MariaDB (127.0.0.1:3306, root, empty password; database orders_hot, dropped first;
# DB_NAME changes it), order combining as deployed (on), 200 funded buyers and one item; wrk with 64 connections
# ordering one unit of that item by a random buyer with the buyer's own token: WARM of unmeasured load (default 60s),
# then ROUNDS windows of MEASURE (default 2 of 15s). CPU is the process's utime+stime from /proc over each window.
# SERVICE_ARGS adds service arguments (lock-redlock's masters: --ecommerce.lock.redis.addresses=redis://...,...).
# Needs wrk, curl, openssl, a JDK 21+ (JAVA_HOME).
set -euo pipefail
JAR=$1; LABEL=$2; LOCK=${3:-lock-db}; PORT=${PORT:-18090}; DB_NAME=${DB_NAME:-orders_hot}
WARM=${WARM:-60s}; MEASURE=${MEASURE:-15s}; ROUNDS=${ROUNDS:-2}
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${TMPDIR:-/tmp}/hot-item"; mkdir -p "$OUT"
export JWT_SECRET="${JWT_SECRET:-ab-scripts-only-hs256-key-of-the-order-service-01}"
mariadb -h 127.0.0.1 -u root -e "drop database if exists $DB_NAME"
"${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java" -Xmx768m -jar "$JAR" --spring.profiles.active=mariadb,$LOCK \
  --server.port=$PORT --ecommerce.security.jwt.secret="$JWT_SECRET" --ecommerce.points.self-charge=true --ecommerce.limits.enabled=false --ecommerce.demo-data=false \
  --spring.datasource.url="jdbc:mysql://127.0.0.1:3306/$DB_NAME?createDatabaseIfNotExist=true&connectionTimeZone=UTC\
&forceConnectionTimeZoneToSession=true" --logging.level.root=warn ${SERVICE_ARGS:-} > "$OUT/$LABEL.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:$PORT/actuator/health >/dev/null 2>&1 && break; sleep 1; done
kill -0 $PID 2>/dev/null || { echo "the service did not start: $OUT/$LABEL.log" >&2; exit 1; }
ADMIN="Authorization: Bearer $("$HERE/mint-token.sh" 0 ADMIN)"
export TOKENS_FILE="$OUT/$LABEL.tokens"
for i in $(seq 1 200); do "$HERE/mint-token.sh" "$i"; done > "$TOKENS_FILE"
H='Content-Type: application/json'
for i in $(seq 1 200); do
  curl -sf -X POST localhost:$PORT/api/v1/users -H "$H" -H "$ADMIN" -d '{"name":"u'$i'"}' >/dev/null
  curl -sf -X POST localhost:$PORT/api/v1/users/$i/points/charge -H "$H" -H "$ADMIN" -d '{"amount":1000000}' >/dev/null
done
curl -sf -X POST localhost:$PORT/api/v1/items -H "$H" -H "$ADMIN" -d '{"name":"hot","price":1,"stock":1000000}' >/dev/null
ticks() { awk '{print $14+$15}' /proc/$PID/stat; }
run() { # duration name -> orders/s and service CPU ms per 2xx
  local t0 t1 out
  t0=$(ticks); out=$(ITEMS=1 wrk -t2 -c64 -d"$1" -s "$HERE/order.lua" http://127.0.0.1:$PORT 2>&1); t1=$(ticks)
  echo "$out" | awk -v n="$2" -v c=$((t1-t0)) '/requests in/ {t=$1} /Non-2xx/ {e=$NF} /Requests\/sec/ {rps=$2}
    /Latency/ {lat=$2} END {ok=t-e; printf "%s: %d ok, %d non-2xx, %.0f orders/s, service CPU %.3f ms per order, mean latency %s\n",
    n, ok, e, rps, c*10/ok, lat}'
}
run "$WARM" warm-up >/dev/null
for r in $(seq 1 "$ROUNDS"); do run "$MEASURE" "$LABEL $LOCK hot-item r$r"; done
