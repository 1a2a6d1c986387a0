#!/usr/bin/env bash
# cold-burst.sh JAR LABEL: two fresh instances (lock-redis, wait 2 s, lease 3 s, Redis on 127.0.0.1:6379, MariaDB
# database orders_burst), then at once 100 charges of one balance by 16 clients alternating between the instances,
# as RedisSystemIT does. Prints the statuses, the wall time, the slowest request and the lock metrics of one instance.
# Tokens: the instances verify HS256 tokens signed with JWT_SECRET (default: a key for these scripts only); the user
# is created with an administrator's token, the charges carry the user's own, minted before the burst (mint-token.sh).
JAR=$1; LABEL=$2
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${TMPDIR:-/tmp}/cold-burst"; mkdir -p "$OUT"
export JWT_SECRET="${JWT_SECRET:-ab-scripts-only-hs256-key-of-the-order-service-01}"
ADMIN="Authorization: Bearer $("$HERE/mint-token.sh" 0 ADMIN)"
mariadb -h 127.0.0.1 -u root -e 'drop database if exists orders_burst'
URL='jdbc:mysql://127.0.0.1:3306/orders_burst?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true'
pids=()
for port in 18081 18082; do
  "${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java" -Xmx512m -jar "$JAR" --spring.profiles.active=mariadb,lock-redis \
    --server.port=$port --spring.datasource.url="$URL" --ecommerce.security.jwt.secret="$JWT_SECRET" --ecommerce.points.self-charge=true --ecommerce.limits.enabled=false \
    --ecommerce.demo-data=false --ecommerce.lock.wait-timeout=2s --ecommerce.lock.lease-time=3s \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6379 > "$OUT/burst-$LABEL-$port.log" 2>&1 &
  pids+=($!)
  sleep 8
done
trap 'kill ${pids[*]} 2>/dev/null' EXIT
for port in 18081 18082; do for _ in $(seq 1 90); do curl -sf localhost:$port/actuator/health >/dev/null && break; sleep 1; done; done
uid=$(curl -s -X POST localhost:18081/api/v1/users -H 'Content-Type: application/json' -H "$ADMIN" -d '{"name":"hot"}' \
  | sed 's/.*"userId":\([0-9]*\).*/\1/')
export AUTH="Authorization: Bearer $("$HERE/mint-token.sh" "$uid")"
start=$(date +%s%N)
seq 0 99 | xargs -P 16 -I{} sh -c 'p=$(( {} % 2 == 0 ? 18081 : 18082 ))
  curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -X POST localhost:$p/api/v1/users/'$uid'/points/charge \
    -H "Content-Type: application/json" -H "$AUTH" -d "{\"amount\":100}"' > "$OUT/burst-$LABEL.out"
end=$(date +%s%N)
echo "$LABEL: $(sort "$OUT/burst-$LABEL.out" | awk '{print $1}' | uniq -c | tr '\n' ' ') total $(( (end-start)/1000000 )) ms; max $(sort -k2 -n "$OUT/burst-$LABEL.out" | tail -1 | awk '{print $2}') s"
curl -s localhost:18081/actuator/prometheus -H "$ADMIN" | grep -E "^ecommerce_lock_(hold|wait)_seconds_(sum|count)" \
  | head -8
