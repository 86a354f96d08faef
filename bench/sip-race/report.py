#!/usr/bin/env python3
"""Markdown tables from a race.py result file: python3 bench/sip-race/report.py results/<file>.json"""

import json
import statistics
import sys


def med(values):
    v = [x for x in values if x is not None]
    return statistics.median(v) if v else None


def kept(config):
    """The undisturbed runs, or every run when fewer than three were undisturbed (then said)."""
    quiet = [r for r in config["runs"] if not r["disturbed"]]
    return (quiet, True) if len(quiet) >= 3 else (config["runs"], False)


def summary(config):
    runs, quiet = kept(config)
    return dict(
        cpu=med([r["server_cpu_us_per_req"] for r in runs]),
        cpu_all=[r["server_cpu_us_per_req"] for r in runs],
        wire=med([r["wire_latency_us"]["median"] for r in runs]),
        p99=med([r["wire_latency_us"]["p99"] for r in runs]),
        sipp_fast=med([r.get("sipp_share_under_1ms") for r in runs]),
        nginx=med([r["nginx_cpu_us_per_req"] for r in runs]),
        n=len(runs), total=len(config["runs"]), quiet=quiet,
        loads=[f'{r["load_before"][0]}-{r["load_after"][0]}' for r in runs],
        others=med([r["others_cores"] for r in runs]),
    )


def fmt(x, digits=0):
    return "-" if x is None else f"{x:.{digits}f}"


def pct(x):
    return "-" if x is None else f"{100 * x:.1f} %"


SERVERS = ("kamailio", "router", "router-async")


def added(result):
    """What the lookup adds per SIP request, lookup minus no lookup (medians):
    (server, keep_connections, CPU µs, wire latency µs or None) for every server and keep measured."""
    sums = {(c["server"], c["lookup"], c["keep_connections"]): summary(c) for c in result["configs"]}
    rows = []
    for server in SERVERS:
        # the asynchronous router answers without a lookup exactly as the blocking one does
        base = sums.get(("router" if server == "router-async" else server, False, None))
        for keep in (True, False):
            s = sums.get((server, True, keep))
            if base and s and s["cpu"] is not None and base["cpu"] is not None:
                lat = None if s["wire"] is None or base["wire"] is None else s["wire"] - base["wire"]
                rows.append((server, keep, s["cpu"] - base["cpu"], lat))
    return rows


def markdown(result):
    lines = [f'Run {result["started"]}: {result["calls"]} OPTIONS per run at {result["rate"]}/s after '
             f'{result["warmup"]} warm-up; {result["versions"]["kamailio"]}; {result["versions"]["sipp"]}; '
             f'{result["versions"]["java"]}; {result["ncpu"]} cores.', "",
             "| configuration | server CPU per request (µs), median | per run | wire latency median / p99 (µs) "
             "| sipp: answered under 1 ms | nginx CPU per request (µs) | runs kept | rest of machine (cores) | load 1 min before-after |",
             "|---|---|---|---|---|---|---|---|---|"]
    for c in result["configs"]:
        s = summary(c)
        lines.append(f'| {c["name"]} | {fmt(s["cpu"], 1)} | {", ".join(fmt(x, 1) for x in s["cpu_all"])} '
                     f'| {fmt(s["wire"])} / {fmt(s["p99"])} | {pct(s["sipp_fast"])} | {fmt(s["nginx"], 1)} '
                     f'| {s["n"]} of {s["total"]}{"" if s["quiet"] else " (all: too few quiet)"} '
                     f'| {fmt(s["others"], 2)} | {", ".join(s["loads"])} |')
    lines += ["", "What the HTTP lookup adds per SIP request (lookup minus no lookup, medians):", "",
              "| server | keep_connections | CPU added (µs) | wire latency added, median (µs) |", "|---|---|---|---|"]
    for server, keep, cpu, lat in added(result):
        lines.append(f'| {server} | {1 if keep else 0} | {fmt(cpu, 1)} | {fmt(lat)} |')
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: report.py RESULT.json")
    with open(sys.argv[1]) as f:
        print(markdown(json.load(f)))
