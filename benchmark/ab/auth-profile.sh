#!/usr/bin/env bash
# auth-profile.sh JAR [LOCK]: what authentication costs on the request path, from a CPU profile of a warm service.
# One instance (lock-db by default) on MariaDB (database auth_profile, dropped first; DB_NAME changes it), 200 users
# and 100 items made with an administrator's token, 110 s of warm-up (orders, charges, info with a token), then per
# phase a wrk load (16 connections) under Flight Recorder with JDK 25's CPU-time sampler (jdk.CPUTimeSample: a
# thread is sampled per 2 ms of its CPU time, user and system, so the samples share out the Java threads' CPU):
#   info      GET /actuator/info without a token       (nothing to verify: the check that the frames below are 0)
#   info-auth GET /actuator/info with a user's token   (public route; a token that comes is verified)
#   order     an order of one unit of a random item by a random user, with that user's token
#   charge    a charge of 1 by a random user, with that user's token
# Reported per phase: requests, service CPU ms per request (/proc), the sampled threads' share of the process's CPU
# (/proc/<pid>/task/*/stat; the JIT, GC and VM threads are not sampled), and the samples with these frames on the stack:
#   decode   JwtDecoderConfiguration$TimedJwtDecoder.decode      (what the decode timer measures: signature, claims)
#   authn    JwtAuthenticationProvider.authenticate               (decode + the token made an Authentication)
#   resolve  BoundedBearerTokenResolver.resolve                   (reading the header)
#   filter   BearerTokenAuthenticationFilter.doFilterInternal, not inside the rest of the chain it calls (the
#            whole authentication step: resolve, authenticate, security context)
# and as CPU per request: share of the samples x the sampled threads' CPU / requests; % of the service's CPU per
# request. Tokens: mint-token.sh, before the load (TOKENS_FILE for tokens.lua). Needs wrk, curl, openssl, JDK 25.
set -euo pipefail
JAR=$1; LOCK=${2:-lock-db}; PORT=${PORT:-18090}; DB_NAME=${DB_NAME:-auth_profile}
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${TMPDIR:-/tmp}/auth-profile"; mkdir -p "$OUT"
J="${JAVA_HOME:?set JAVA_HOME to a JDK 25+ (jdk.CPUTimeSample)}/bin"
export JWT_SECRET="${JWT_SECRET:-ab-scripts-only-hs256-key-of-the-order-service-01}"
mariadb -h 127.0.0.1 -u root -e "drop database if exists $DB_NAME"
"$J/java" -Xms128m -Xmx512m -XX:+UseSerialGC -jar "$JAR" --spring.profiles.active=mariadb,$LOCK --server.port=$PORT \
  --spring.datasource.url="jdbc:mysql://127.0.0.1:3306/$DB_NAME?createDatabaseIfNotExist=true&connectionTimeZone=UTC\
&forceConnectionTimeZoneToSession=true" --spring.datasource.hikari.maximum-pool-size=10 \
  --ecommerce.security.jwt.secret="$JWT_SECRET" --ecommerce.points.self-charge=true --ecommerce.limits.enabled=false --ecommerce.demo-data=false --logging.level.root=warn \
  > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -sf localhost:$PORT/actuator/health >/dev/null 2>&1 && break; sleep 1; done
ADMIN="Authorization: Bearer $("$HERE/mint-token.sh" 0 ADMIN)"
export TOKENS_FILE="$OUT/tokens"
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
load() { # phase duration -> wrk's output
  case "$1" in
    info) wrk -t2 -c16 -d"$2" http://127.0.0.1:$PORT/actuator/info ;;
    info-auth) wrk -t2 -c16 -d"$2" -H "$USER_TOKEN" http://127.0.0.1:$PORT/actuator/info ;;
    order) wrk -t2 -c16 -d"$2" -s "$HERE/order.lua" http://127.0.0.1:$PORT ;;
    charge) wrk -t2 -c16 -d"$2" -s "$HERE/charge.lua" http://127.0.0.1:$PORT ;;
  esac
}
load order 60s >/dev/null; load charge 20s >/dev/null; load info-auth 20s >/dev/null; load info 10s >/dev/null
threads() { # CPU ticks of the threads JFR samples (not the JIT, GC, VM and JFR's own), and of the whole process
  for t in /proc/$PID/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    ticks=$(awk '{s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13]}' "$t/stat" 2>/dev/null) \
      || continue
    case "$name" in
      C1\ Compiler*|C2\ Compiler*|VM\ *|GC\ *|JFR\ *|"Service Thread") ;;
      *) echo "$ticks" ;;
    esac
  done | awk -v all="$(awk '{print $14 + $15}' /proc/$PID/stat)" '{t += $1} END {print t + 0, all}'
}
for phase in info info-auth order charge; do
  # the counters inside the recording, so that starting and stopping it is not charged to the requests
  "$J/jcmd" $PID JFR.start name="$phase" "jdk.CPUTimeSample#enabled=true" "jdk.CPUTimeSample#throttle=2ms" >/dev/null
  read -r java0 all0 < <(threads)
  out=$(load "$phase" 30s)
  read -r java1 all1 < <(threads)
  "$J/jcmd" $PID JFR.stop name="$phase" filename="$OUT/$phase.jfr" >/dev/null
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  # frames are printed leaf first: the frame before the filter's is what the filter called; when that is the rest
  # of the chain, the sample is not the filter's own work
  "$J/jfr" print --events jdk.CPUTimeSample --stack-depth 256 "$OUT/$phase.jfr" | awk -v phase="$phase" \
    -v req="$requests" -v bad="${non2xx:-0}" -v javams=$(( (java1 - java0) * 10 )) -v allms=$(( (all1 - all0) * 10 )) '
    /^jdk.CPUTimeSample/ { n++; d = a = r = f = 0; prev = ""; next }
    /line:/ {
      if (/[.$]TimedJwtDecoder\.decode\(/) d = 1
      if (/JwtAuthenticationProvider\.authenticate\(/) a = 1
      if (/BoundedBearerTokenResolver\.resolve\(/) r = 1
      if (/BearerTokenAuthenticationFilter\.doFilterInternal\(/ && prev !~ /FilterChain[^ ]*\.doFilter\(/) f = 1
      prev = $0 }
    /^}/ { dec += d; auth += a; res += r; fil += f }
    END {
      cpu = allms / req
      printf "%s: %d requests (%d non-2xx), service CPU %.3f ms/request, sampled threads %.0f %% of it; %d samples:", \
        phase, req, bad, cpu, 100 * javams / allms, n
      split("decode authn resolve filter", names, " "); v[1] = dec; v[2] = auth; v[3] = res; v[4] = fil
      for (i = 1; i <= 4; i++) {
        ms = (n ? v[i] / n : 0) * javams / req
        printf "\n  %-7s %6d samples (%5.1f %%), %6.1f us/request = %4.1f %% of the CPU per request", names[i], v[i], \
          n ? 100 * v[i] / n : 0, 1000 * ms, 100 * ms / cpu
      }
      printf "\n" }'
done
