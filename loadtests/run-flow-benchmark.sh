#!/usr/bin/env bash
# Complete step-ups per second through the gateway, on embedded defaults (SQLite, in-memory state),
# and the flow section of docs/benchmarks.md.
#
#   loadtests/run-flow-benchmark.sh [users] [flows-per-level] [levels]      (defaults: 8000 6000 8,32,64)
#   GATEWAY_ARGS='--Key=value ...' adds arguments to the gateway's command line (for A/B runs).
#
# Each flow: GET the bank's login form, POST it as an API client, the gateway's 401 with an mfa_token,
# a TOTP verify, and one request forwarded with the new session (the bank's dashboard). The users are
# the demo bank's load-test accounts, enrolled first through the gateway's own JSON API (which also
# warms the gateway up); a code is used once per user and time step, hence thousands of users.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
users=${1:-8000}
flows=${2:-6000}
levels=${3:-8,32,64}
out="$root/loadtests/out/flow"
rm -rf "$out" && mkdir -p "$out"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done; echo "not up: $1" >&2; return 1; }

for project in samples/MfaGateway.DemoApp src/MfaGateway loadtests/MfaGateway.FlowBenchmark; do
  dotnet build "$project" -c Release --nologo -v quiet >/dev/null
done

upstream_port=$(free_port); gateway_port=$(free_port)
sed "s/__UPSTREAM_PORT__/$upstream_port/" loadtests/gateway-bench.json > "$out/gateway.json"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

export DOTNET_gcServer=0 ASPNETCORE_ENVIRONMENT=Production
dotnet samples/MfaGateway.DemoApp/bin/Release/net10.0/MfaGateway.DemoApp.dll --urls "http://127.0.0.1:$upstream_port" \
  --LoadTest:Users "$users" --Logging:LogLevel:Default=Warning > "$out/upstream.log" 2>&1 & pids+=($!)
(cd "$out" && exec dotnet "$root/src/MfaGateway/bin/Release/net10.0/MfaGateway.dll" --urls "http://127.0.0.1:$gateway_port" --config gateway.json --Gateway:DataDirectory "$out/data" ${GATEWAY_ARGS:-}) > "$out/gateway.log" 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:$upstream_port/health"
wait_for "http://127.0.0.1:$gateway_port/.mfa/health"

dotnet loadtests/MfaGateway.FlowBenchmark/bin/Release/net10.0/MfaGateway.FlowBenchmark.dll \
  --gateway "http://127.0.0.1:$gateway_port" --pid "${pids[1]}" --users "$users" --flows "$flows" --levels "$levels" > "$out/table.md"

{
  echo "<!-- flow-benchmark:start -->"
  echo "## Sign-in flows: complete step-ups per second"
  echo
  echo "Produced by \`loadtests/run-flow-benchmark.sh $users $flows $levels\` on $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "Each flow is a form login through the gateway to the demo bank (login form, POST as an API client), the gateway's 401 with an"
  echo "mfa_token, a TOTP verify and one forwarded request (the dashboard), each with a fresh cookie jar, for $users enrolled users"
  echo "(one code per user and time step). Embedded defaults: SQLite in the data directory, in-memory challenges. The runner, the"
  echo "bank and the gateway share the machine's cores; CPU, RSS and bytes written (/proc/PID/io write_bytes) are the gateway's own."
  echo
  cat "$out/table.md"
  echo "<!-- flow-benchmark:end -->"
} > "$out/section.md"
loadtests/replace-section.sh flow-benchmark "$out/section.md"
cat "$out/section.md"
