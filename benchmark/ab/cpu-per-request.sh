#!/usr/bin/env bash
# cpu-per-request.sh JAR LABEL [LOCK]: the service's CPU ms per successful request on a warm JVM, for an A/B of two
# builds on one machine (run them one after the other, alternating, with nothing else running: these machines are
# noisy, about +-25 % between runs of one jar). One instance on MariaDB (127.0.0.1:3306, root, empty password;
# database orders_measure, dropped first; DB_NAME changes it), 200 users and 100 items, 110 s of warm-up, then 15-20 s
# each of GET /actuator/info without a token (the baseline), the same with a user's token (info-auth: the route is
# public, but a token that comes is verified, so the difference is what authentication costs), orders of one unit of
# a random item by a random user, and charges. CPU is the process's utime+stime from /proc over the measurement; the
# decode timer (ecommerce_security_jwt_decode_seconds) is read around each measurement too: wall time per token.
# Tokens: the service is started with the HS256 key JWT_SECRET (default: a key for these scripts only); the fixtures
# are made with an administrator's token, and each order and charge carries its user's own, all minted with
# mint-token.sh before the load (tokens.lua reads them from TOKENS_FILE). Needs wrk, curl, openssl, a JDK 21+.
set -euo pipefail
JAR=$1; LABEL=$2; LOCK=${3:-lock-db}; PORT=${PORT:-18080}; DB_NAME=${DB_NAME:-orders_measure}
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${TMPDIR:-/tmp}/cpu-per-request"; mkdir -p "$OUT"
export JWT_SECRET="${JWT_SECRET:-ab-scripts-only-hs256-key-of-the-order-service-01}"
mariadb -h 127.0.0.1 -u root -e "drop database if exists $DB_NAME"
"${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java" -Xmx768m -jar "$JAR" --spring.profiles.active=mariadb,$LOCK --server.port=$PORT \
  --spring.datasource.url="jdbc:mysql://127.0.0.1:3306/$DB_NAME?createDatabaseIfNotExist=true&connectionTimeZone=UTC\
&forceConnectionTimeZoneToSession=true" \
  --ecommerce.security.jwt.secret="$JWT_SECRET" --ecommerce.points.self-charge=true --ecommerce.limits.enabled=false \
  --ecommerce.demo-data=false --logging.level.root=warn > "$OUT/$LABEL.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:$PORT/actuator/health >/dev/null 2>&1 && break; sleep 1; done
# tokens before any load: the administrator's for the fixtures, users 1..200 (the ids a fresh database hands out)
ADMIN="Authorization: Bearer $("$HERE/mint-token.sh" 0 ADMIN)"
export TOKENS_FILE="$OUT/$LABEL.tokens"
for i in $(seq 1 200); do "$HERE/mint-token.sh" "$i"; done > "$TOKENS_FILE"
USER_TOKEN="Authorization: Bearer $(head -1 "$TOKENS_FILE")"
H='Content-Type: application/json'
for i in $(seq 1 200); do
  curl -sf -X POST localhost:$PORT/api/v1/users -H "$H" -H "$ADMIN" -d '{"name":"u'$i'"}' >/dev/null
  curl -sf -X POST localhost:$PORT/api/v1/users/$i/points/charge -H "$H" -H "$ADMIN" -d '{"amount":1000000}' >/dev/null
done
for i in $(seq 1 100); do
  curl -sf -X POST localhost:$PORT/api/v1/items -H "$H" -H "$ADMIN" -d '{"name":"i'$i'","price":1,"stock":1000000}' \
    >/dev/null
done
ticks() { awk '{print $14+$15}' /proc/$PID/stat; }
decodes() { # count and sum of the decode timer (the scrape's own decode is already in what it answers)
  curl -sf localhost:$PORT/actuator/prometheus -H "$ADMIN" | awk '/^ecommerce_security_jwt_decode_seconds_count/ {c=$2}
    /^ecommerce_security_jwt_decode_seconds_sum/ {s=$2} END {if (c == "") exit 1; print c, s}'
}
run() { # name script|"" duration [header] -> prints cpu ms per 2xx and the decode timer's wall time per token
  local name=$1 script=$2 dur=$3 header=${4:-} t0 t1 d0 d1 out total non2xx
  d0=$(decodes || echo none); t0=$(ticks)
  if [ -n "$script" ]; then out=$(wrk -t2 -c16 -d$dur -s "$script" http://127.0.0.1:$PORT 2>&1)
  elif [ -n "$header" ]; then out=$(wrk -t2 -c16 -d$dur -H "$header" http://127.0.0.1:$PORT/actuator/info 2>&1)
  else out=$(wrk -t2 -c16 -d$dur http://127.0.0.1:$PORT/actuator/info 2>&1); fi
  t1=$(ticks); d1=$(decodes || echo none)
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
  echo "$out" | awk -v n="$name" -v c=$((t1-t0)) -v t="$total" -v e="$non2xx" -v d0="$d0" -v d1="$d1" '/Requests\/sec/ {
    split(d0, a, " "); split(d1, b, " "); dc = b[1] - a[1] - 1; ds = b[2] - a[2]; ok = t - e; cpu = c * 10 / ok
    printf "%s: %d ok, %d non-2xx, %.0f req/s, service CPU %.3f ms per ok", n, ok, e, $2, cpu
    # wall time per decode (the closing scrape among them), one decode per request, over the CPU per ok
    if (d0 == "none" || d1 == "none") printf ", no decode timer (a build without authentication?)"
    else if (dc > 0) { us = ds / (dc + 1) * 1e6; printf ", %d decodes, %.1f us each = %.1f %% of the CPU per ok", dc, us,
      100 * us / 1000 * (t / ok) / cpu }
    printf "\n" }'
}
S="$HERE"
run warmup-orders $S/order.lua 60s >/dev/null
run warmup-charges $S/charge.lua 20s >/dev/null
run warmup-info "" 20s >/dev/null
run warmup-info-auth "" 10s "$USER_TOKEN" >/dev/null
for round in 1; do
  run "$LABEL info r$round" "" 15s
  run "$LABEL info-auth r$round" "" 15s "$USER_TOKEN"
  run "$LABEL order r$round" $S/order.lua 20s
  run "$LABEL charge r$round" $S/charge.lua 15s
done
