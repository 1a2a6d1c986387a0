#!/usr/bin/env bash
# mint-token.sh SUB [ADMIN]: prints a bearer token (HS256 JWT) for user SUB, with roles ["ADMIN"] when the second
# argument is ADMIN, signed with the UTF-8 bytes of $JWT_SECRET: the key the service is started with
# (--ecommerce.security.jwt.secret, at least 32 bytes). iss is $JWT_ISSUER when set (it must then equal the service's
# ecommerce.security.jwt.issuer); iat now, exp in $JWT_HOURS hours (default 6). Needs openssl. The wrk scripts of
# this folder take tokens minted with it before the load (minting costs CPU on the machine being measured):
#   for u in $(seq 1 200); do benchmark/ab/mint-token.sh "$u"; done > tokens.txt   # line i: user i
set -euo pipefail
sub=${1:?usage: mint-token.sh SUB [ADMIN]}
secret=${JWT_SECRET:?set JWT_SECRET to the key the service verifies with}
roles='[]'
if [ "${2:-}" = ADMIN ]; then roles='["ADMIN"]'; fi
now=$(date +%s)
exp=$((now + ${JWT_HOURS:-6} * 3600))
claims="{\"sub\":\"$sub\",\"roles\":$roles,\"iat\":$now,\"exp\":$exp${JWT_ISSUER:+,\"iss\":\"$JWT_ISSUER\"}}"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
unsigned="$(printf '%s' '{"alg":"HS256","typ":"JWT"}' | b64url).$(printf '%s' "$claims" | b64url)"
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -hmac "$secret" -binary | b64url)
printf '%s.%s\n' "$unsigned" "$signature"
