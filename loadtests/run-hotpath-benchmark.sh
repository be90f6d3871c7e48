#!/usr/bin/env bash
# Micro-benchmarks (BenchmarkDotNet) of the gateway's per-request work, GeoIP lookups, IP reputation and
# risk evaluation: all of them to docs/benchmarks-hotpath.md, and the GeoIP and risk tables also into the
# marked micro-benchmark section of docs/benchmarks.md (the wrk report keeps that section).
# Extra arguments go to BenchmarkDotNet, e.g. `--job short` for a run of minutes instead of an hour.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=loadtests/out/hotpath
scripts/fetch-geoip.sh  # the GeoIP and risk benchmarks read the real GeoLite2 files
rm -rf "$artifacts"
dotnet run --project loadtests/MfaGateway.Benchmarks --configuration Release -- \
  --filter '*' --artifacts "$artifacts" --exporters github "$@" >/dev/null
{
  echo "# Hot-path micro-benchmarks"
  echo
  echo "Produced by \`loadtests/run-hotpath-benchmark.sh${*:+ $*}\` (BenchmarkDotNet, loadtests/MfaGateway.Benchmarks)"
  echo "on $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))."
  echo "Cookie sizes are the demo bank's: a 700-character app session cookie, a 150-character antiforgery cookie."
  echo
  cat "$artifacts"/results/*-report-github.md
} > docs/benchmarks-hotpath.md
cat docs/benchmarks-hotpath.md

# The GeoIP and risk tables, with the command, as the marked section of docs/benchmarks.md.
{
  echo "<!-- micro-benchmarks:start -->"
  echo "## GeoIP lookups and risk evaluation (BenchmarkDotNet)"
  echo
  echo "Produced by \`loadtests/run-hotpath-benchmark.sh${*:+ $*}\` on $(date -u '+%Y-%m-%d %H:%M') UTC (all tables: docs/benchmarks-hotpath.md)."
  echo "City lookups through MaxMind's reader (MaxMind.Db) decoding into the gateway's own small CityRecord, spread over 1,024 real addresses of GeoLite2-City; a lookup runs at sign-in, not per request."
  echo "A full risk evaluation checks every trigger against the user's history in SQLite; it runs only when a request has"
  echo "no session that satisfies the policy. SessionPasswordCheck is what a RiskBased policy adds to a request with a valid session."
  echo
  for class in GeoLookupBenchmarks RiskEvaluationBenchmarks; do
    sed -n '/^| Method/,$p' "$artifacts"/results/*"$class"-report-github.md
    echo
  done
  # The figures of the gateway's former reader stay beside the new ones.
  sed -n '/^<!-- former-reader:start -->$/,/^<!-- former-reader:end -->$/p' docs/benchmarks.md
  echo "<!-- micro-benchmarks:end -->"
} > "$artifacts/micro.md"
loadtests/replace-section.sh micro-benchmarks "$artifacts/micro.md"
