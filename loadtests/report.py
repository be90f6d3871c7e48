#!/usr/bin/env python3
"""Turns the wrk outputs of run-benchmark.sh into docs/benchmarks.md (medians of interleaved rounds)."""
import os
import platform
import re
import statistics
import subprocess
import sys
from datetime import datetime, timezone

run_dir, rounds, duration, connections = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = {}
    for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        latency[pct] = float(value) * UNITS[unit]
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    ticks, per_second = map(int, re.search(r"^cpu_ticks (\d+) (\d+)$", text, re.M).groups())
    cpu_us = ticks * 1_000_000 / per_second / requests
    return rps, latency["50"], latency["99"], cpu_us


def median_of(name):
    results = [parse(os.path.join(run_dir, f"{name}-{r}.txt")) for r in range(1, rounds + 1)]
    return tuple(statistics.median(values) for values in zip(*results)), [r[0] for r in results]


def paired_ratios(name, path):
    """Target / bare YARP per round: each pair ran back to back, so drift between rounds cancels."""
    target = [parse(os.path.join(run_dir, f"{name}-{path}-{r}.txt")) for r in range(1, rounds + 1)]
    yarp = [parse(os.path.join(run_dir, f"yarp-{path}-{r}.txt")) for r in range(1, rounds + 1)]
    return [t[0] / y[0] for t, y in zip(target, yarp)], [t[2] - y[2] for t, y in zip(target, yarp)]


def table(path, rows, gateway):
    yarp = median_of(f"yarp-{path}")[0]
    lines = [
        "| target | req/s (median) | p50 ms | p99 ms | req/s vs bare YARP (median of rounds) | p99 vs bare YARP | CPU per request | req/s per round |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, name in rows:
        (rps, p50, p99, cpu), per_round = median_of(f"{name}-{path}")
        ratios, p99_deltas = paired_ratios(name, path)
        lines.append(
            f"| {label} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {statistics.median(ratios):.3f} | {statistics.median(p99_deltas):+.2f} ms | {cpu:.1f} us | "
            + ", ".join(f"{v:,.0f}" for v in per_round) + " |")
    ratios, p99_deltas = paired_ratios(gateway, path)
    return "\n".join(lines), statistics.median(ratios), statistics.median(p99_deltas), ratios


def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


health, bypass_ratio, bypass_p99, bypass_rounds = table("health", [
    ("upstream direct", "upstream"), ("bare YARP", "yarp"), ("gateway, Bypass route", "bypass"), ("nginx proxy_pass", "nginx")], "bypass")
about, protected_ratio, protected_p99, protected_rounds = table("about", [
    ("upstream direct", "upstream"), ("bare YARP", "yarp"), ("gateway, Required route + valid session", "protected"), ("nginx proxy_pass", "nginx")], "protected")


def verdict(ok):
    return "met" if ok else "**missed**"


cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
print(f"""# Benchmarks

Produced by `loadtests/run-benchmark.sh {duration} {rounds}` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.
Machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, .NET {sh("dotnet --version")},
{sh("nginx -v 2>&1")}, {sh("wrk -v 2>&1 | head -1")}.

Everything runs on the same two cores over loopback: wrk (1 thread, {connections} connections, {duration} s per run,
after a warm-up of every target),
the proxy under test and the demo upstream. Absolute numbers are therefore small and machine-bound; the
ratios to bare YARP are what the targets are about. "CPU per request" is the user + system CPU time of
the process serving that row (the proxy, or the upstream for "upstream direct"; nginx counts master and
worker) divided by the requests served: unlike req/s it does not depend on how the two cores are shared,
so the difference between the gateway and bare YARP is the gateway's own cost. Each round runs every target once, in alternating
order (odd rounds forward, even rounds backward), so each ratio is taken from runs made minutes apart
at most; the table gives the median of the {rounds} per-round ratios, and medians of the absolute numbers.

## Bypass route: `GET /health` (upstream answers "ok")

{health}

## Protected route: `GET /public/about` with a valid MFA session cookie (Required policy)

The gateway decrypts and checks its session cookie (Data Protection), checks its binding to the app's
session cookie, strips its own cookie from the request and adds the identity headers. Bare YARP, nginx
and the upstream get the identical request (same cookies).

{about}

## Targets

| target | measured (median of rounds) | per round | verdict |
|---|---|---|---|
| protected route >= 0.90 x bare YARP req/s | {protected_ratio:.3f} x | {", ".join(f"{r:.3f}" for r in protected_rounds)} | {verdict(protected_ratio >= 0.90)} |
| bypass route >= 0.97 x bare YARP req/s | {bypass_ratio:.3f} x | {", ".join(f"{r:.3f}" for r in bypass_rounds)} | {verdict(bypass_ratio >= 0.97)} |
| p99 added <= 1 ms (bypass) | {bypass_p99:+.2f} ms | | {verdict(bypass_p99 <= 1.0)} |
| p99 added <= 1 ms (protected) | {protected_p99:+.2f} ms | | {verdict(protected_p99 <= 1.0)} |
""")
