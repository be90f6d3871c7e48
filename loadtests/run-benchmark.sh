#!/usr/bin/env bash
# Measures what the gateway costs, side by side in one run, and writes docs/benchmarks.md.
#
#   loadtests/run-benchmark.sh [seconds-per-run] [rounds]      (WARMUP=8 CONNECTIONS=32 by default)
#
# Targets, all in front of the same demo upstream on loopback:
#   upstream   the demo app directly
#   yarp       a bare YARP proxy with the same routes (loadtests/BareYarp)
#   bypass     the gateway on a Bypass route (/health)
#   protected  the gateway on a Required route with a valid MFA session cookie (/public/about)
#   nginx      nginx (Debian nginx-light) as a proxy_pass peer with upstream keep-alive
# Every target is hit with the same requests; rounds are interleaved so drift hits all alike, and
# the median round is reported. Absolute numbers depend on the machine; the ratios are the point.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${1:-10}
rounds=${2:-3}
connections=${CONNECTIONS:-32}
warmup=${WARMUP:-8}
out="$root/loadtests/out"
mkdir -p "$out"
rm -rf "$out"/run && mkdir -p "$out/run"

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
command -v oathtool >/dev/null 2>&1 || need+=(oathtool)
if ((${#need[@]})); then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done; echo "not up: $1" >&2; return 1; }

dotnet build MfaGateway.sln -c Release --nologo -v quiet >/dev/null

upstream_port=$(free_port); yarp_port=$(free_port); gateway_port=$(free_port); nginx_port=$(free_port)
sed "s/__UPSTREAM_PORT__/$upstream_port/" loadtests/gateway-bench.json > "$out/run/gateway.json"
pids=()
declare -A target_pids
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$out/run/nginx.pid" ] && kill "$(cat "$out/run/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT

export DOTNET_gcServer=0 ASPNETCORE_ENVIRONMENT=Production
dotnet samples/MfaGateway.DemoApp/bin/Release/net10.0/MfaGateway.DemoApp.dll --urls "http://127.0.0.1:$upstream_port" --Logging:LogLevel:Default=Warning > "$out/run/upstream.log" 2>&1 & pids+=($!)
dotnet loadtests/BareYarp/bin/Release/net10.0/BareYarp.dll --urls "http://127.0.0.1:$yarp_port" --config "$out/run/gateway.json" > "$out/run/yarp.log" 2>&1 & pids+=($!)
(cd "$out/run" && exec dotnet "$root/src/MfaGateway/bin/Release/net10.0/MfaGateway.dll" --urls "http://127.0.0.1:$gateway_port" --config gateway.json --Gateway:DataDirectory "$out/run/data") > "$out/run/gateway.log" 2>&1 & pids+=($!)
cat > "$out/run/nginx.conf" <<NGINX
worker_processes 1;
pid $out/run/nginx.pid;
error_log $out/run/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream demo { server 127.0.0.1:$upstream_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://demo;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
NGINX
nginx -c "$out/run/nginx.conf"

for port in $upstream_port $yarp_port $gateway_port $nginx_port; do wait_for "http://127.0.0.1:$port/health"; done
target_pids[upstream]=${pids[0]}; target_pids[yarp]=${pids[1]}; target_pids[bypass]=${pids[2]}; target_pids[protected]=${pids[2]}
nginx_master=$(cat "$out/run/nginx.pid"); target_pids[nginx]="$nginx_master $(pgrep -P "$nginx_master" | tr '\n' ' ')"

# A real MFA session: sign in through the gateway as an API client, enrol TOTP, verify with oathtool.
jar="$out/run/cookies.txt"
gw="http://127.0.0.1:$gateway_port"
token=$(curl -fsS -c "$jar" -b "$jar" "$gw/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//;s/"$//')
mfa_token=$(curl -sS -c "$jar" -b "$jar" -H 'Accept: application/json' "$gw/login" \
  --data-urlencode username=alice --data-urlencode password=alice-password-1 --data-urlencode "__RequestVerificationToken=$token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["mfa_token"])')
secret=$(curl -fsS -c "$jar" -b "$jar" -H 'Content-Type: application/json' "$gw/.mfa/api/enrol/totp" -d "{\"mfa_token\":\"$mfa_token\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
curl -fsS -c "$jar" -b "$jar" -H 'Content-Type: application/json' "$gw/.mfa/api/verify" \
  -d "{\"mfa_token\":\"$mfa_token\",\"code\":\"$(oathtool --totp -b "$secret")\"}" > /dev/null
cookie_header=$(awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $cookie_header" "$gw/public/about")
[ "$status" = 200 ] || { echo "the session cookie does not pass the gateway (HTTP $status)" >&2; exit 1; }
status=$(curl -sS -o /dev/null -w '%{http_code}' "$gw/public/about")
[ "$status" = 200 ] || true  # anonymous requests pass to the app (no app session): shown for completeness

cat > "$out/run/cookie.lua" <<LUA
wrk.headers["Cookie"] = "$cookie_header"
wrk.headers["Accept"] = "text/html"
LUA

# CPU time (user + system, clock ticks) of a process and its children threads, from /proc.
cpu_ticks() { local total=0; for pid in "$@"; do set -- $(cut -d' ' -f14,15 "/proc/$pid/stat"); total=$((total + $1 + $2)); done; echo "$total"; }
run() { # name port path round
  local pids_of=${target_pids[${1%%-*}]}
  local before; before=$(cpu_ticks $pids_of)
  wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$out/run/cookie.lua" "http://127.0.0.1:$2$3" > "$out/run/$1-$4.txt"
  echo "cpu_ticks $(( $(cpu_ticks $pids_of) - before )) $(getconf CLK_TCK)" >> "$out/run/$1-$4.txt"
}

# Warm-up of every target on both paths (tiered JIT and PGO settle slowly), then interleaved rounds.
for port in $upstream_port $yarp_port $gateway_port $nginx_port; do
  for path in /health /public/about; do wrk -t1 -c"$connections" -d"${warmup}s" -s "$out/run/cookie.lua" "http://127.0.0.1:$port$path" >/dev/null; done
done
# Odd rounds run the targets in one order, even rounds in the reverse order, so a machine that
# speeds up or slows down during the run does not favour whichever target comes first.
order=("upstream-health $upstream_port /health" "yarp-health $yarp_port /health" "bypass-health $gateway_port /health" "nginx-health $nginx_port /health"
       "upstream-about $upstream_port /public/about" "yarp-about $yarp_port /public/about" "protected-about $gateway_port /public/about" "nginx-about $nginx_port /public/about")
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then indexes=$(seq 0 7); else indexes=$(seq 7 -1 0); fi
  for i in $indexes; do set -- ${order[$i]}; run "$1" "$2" "$3" "$round"; done
done

grep -h "Non-2xx" "$out"/run/*-[0-9].txt && { echo "some requests failed; see $out/run" >&2; exit 1; }

# The report replaces the top of the document; every marked section the other scripts write (GeoIP and
# risk micro-benchmarks, flows, start-up) is carried over as it was.
kept="$out/kept-sections.md"
python3 - docs/benchmarks.md > "$kept" <<'PY'
import re, sys
try:
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
except FileNotFoundError:
    lines = []
depth, out = 0, []
for line in lines:
    if re.fullmatch(r"<!-- [a-z-]+:start -->", line):
        if depth == 0 and out:
            out.append("")
        depth += 1
    if depth:
        out.append(line)
    if re.fullmatch(r"<!-- [a-z-]+:end -->", line):
        depth -= 1
if out:
    print("\n".join(out))
PY
python3 loadtests/report.py "$out/run" "$rounds" "$duration" "$connections" > docs/benchmarks.md
if [ -s "$kept" ]; then { echo; cat "$kept"; } >> docs/benchmarks.md; fi
cat docs/benchmarks.md
