#!/usr/bin/env bash
# Micro-benchmarks of the gateway's per-request work (BenchmarkDotNet), written to docs/benchmarks-hotpath.md.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=loadtests/out/hotpath
rm -rf "$artifacts"
dotnet run --project loadtests/MfaGateway.Benchmarks --configuration Release -- \
  --filter '*' --artifacts "$artifacts" --exporters github >/dev/null
{
  echo "# Hot-path micro-benchmarks"
  echo
  echo "Produced by \`loadtests/run-hotpath-benchmark.sh\` (BenchmarkDotNet, loadtests/MfaGateway.Benchmarks)"
  echo "on $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))."
  echo "Cookie sizes are the demo bank's: a 700-character app session cookie, a 150-character antiforgery cookie."
  echo
  cat "$artifacts"/results/*-report-github.md
} > docs/benchmarks-hotpath.md
cat docs/benchmarks-hotpath.md
